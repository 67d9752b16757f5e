// Command fastly-sim serves the deterministic fake Fastly API of package simulator.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strconv"
	"syscall"
	"time"

	"github.com/edgemetrics/fastly-datasource/pkg/simulator"
)

func main() {
	addr := flag.String("addr", envOr("FASTLY_SIM_ADDR", "127.0.0.1:8080"), "listen address (env FASTLY_SIM_ADDR)")
	token := flag.String("token", envOr("FASTLY_SIM_TOKEN", "sim-token"), "the accepted Fastly-Key (env FASTLY_SIM_TOKEN)")
	fastlySized, err := envBool("FASTLY_SIM_FASTLY_SIZED")
	if err != nil {
		log.Fatalf("fastly-sim: %v", err)
	}
	flag.BoolVar(&fastlySized, "fastly-sized", fastlySized,
		"real-time answers at Fastly's size: the full POP list, the 39 recorded fields per POP (env FASTLY_SIM_FASTLY_SIZED=1)")
	flag.Parse()

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	listener, err := net.Listen("tcp", *addr)
	if err == nil {
		err = serve(ctx, listener, simulator.Config{Token: *token, FastlySized: fastlySized})
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

// envBool reads a boolean environment variable ("1", "true", "0", "false", …); unset or empty is false.
func envBool(name string) (bool, error) {
	value := os.Getenv(name)
	if value == "" {
		return false, nil
	}
	on, err := strconv.ParseBool(value)
	if err != nil {
		return false, fmt.Errorf("%s=%q is not a boolean", name, value)
	}
	return on, nil
}

// serve runs a simulator configured by cfg on listener until ctx is cancelled, then shuts down gracefully.
func serve(ctx context.Context, listener net.Listener, cfg simulator.Config) error {
	sim := simulator.New(cfg)
	server := &http.Server{Handler: sim, ReadHeaderTimeout: 10 * time.Second}
	served := make(chan error, 1)
	go func() { served <- server.Serve(listener) }()
	shape := "compact"
	if cfg.FastlySized {
		shape = "Fastly-sized"
	}
	log.Printf("fastly-sim: serving a simulated Fastly API with %d services and %s real-time records on http://%s (Fastly-Key %q)",
		len(sim.Services()), shape, listener.Addr(), cfg.Token)

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
