// Command fastly-sim serves the deterministic fake Fastly API of package simulator.
package main

import (
	"context"
	"errors"
	"flag"
	"log"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/edgemetrics/fastly-datasource/pkg/simulator"
)

func main() {
	addr := flag.String("addr", envOr("FASTLY_SIM_ADDR", "127.0.0.1:8080"), "listen address (env FASTLY_SIM_ADDR)")
	token := flag.String("token", envOr("FASTLY_SIM_TOKEN", "sim-token"), "the accepted Fastly-Key (env FASTLY_SIM_TOKEN)")
	flag.Parse()

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	listener, err := net.Listen("tcp", *addr)
	if err == nil {
		err = serve(ctx, listener, *token)
	}
	if err != nil {
		log.Fatalf("fastly-sim: %v", err)
	}
}

func envOr(name, fallback string) string {
	if value := os.Getenv(name); value != "" {
		return value
	}
	return fallback
}

// serve runs the simulator on listener until ctx is cancelled, then shuts down gracefully.
func serve(ctx context.Context, listener net.Listener, token string) error {
	sim := simulator.New(simulator.Config{Token: token})
	server := &http.Server{Handler: sim, ReadHeaderTimeout: 10 * time.Second}
	served := make(chan error, 1)
	go func() { served <- server.Serve(listener) }()
	log.Printf("fastly-sim: serving a simulated Fastly API with %d services on http://%s (Fastly-Key %q)",
		len(sim.Services()), listener.Addr(), token)

	select {
	case err := <-served:
		return err
	case <-ctx.Done():
	}
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := server.Shutdown(shutdownCtx); err != nil {
		return err
	}
	if err := <-served; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
