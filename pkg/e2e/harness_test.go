package e2e

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/edgemetrics/fastly-datasource/pkg/simulator"
	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/backend/grpcplugin"
	"github.com/grafana/grafana-plugin-sdk-go/genproto/pluginv2"
	"github.com/hashicorp/go-hclog"
	"github.com/hashicorp/go-plugin"
	"github.com/stretchr/testify/require"
)

const pluginID = "edgemetrics-fastly-datasource"

var (
	buildDir  string
	buildOnce sync.Once
	binary    string
	buildErr  error
)

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "gpx_fastly_e2e")
	if err != nil {
		fmt.Fprintln(os.Stderr, "e2e: cannot create a build directory:", err)
		os.Exit(1)
	}
	buildDir = dir
	code := m.Run()
	plugin.CleanupClients()
	_ = os.RemoveAll(dir)
	os.Exit(code)
}

// pluginBinary builds ./pkg once per test run (reusing the Go build cache) and returns the executable's path.
func pluginBinary(t *testing.T) string {
	t.Helper()
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("the go tool is not on PATH: cannot build the plugin binary for the end-to-end test")
	}
	buildOnce.Do(func() {
		out, err := exec.Command(goTool, "env", "GOMOD").Output()
		root := filepath.Dir(strings.TrimSpace(string(out)))
		if err != nil || !filepath.IsAbs(root) || strings.TrimSpace(string(out)) == os.DevNull {
			buildErr = fmt.Errorf("cannot find the module root with `go env GOMOD` (%q): %v", out, err)
			return
		}
		binary = filepath.Join(buildDir, fmt.Sprintf("gpx_fastly_%s_%s", runtime.GOOS, runtime.GOARCH))
		cmd := exec.Command(goTool, "build", "-o", binary, "./pkg")
		cmd.Dir = root
		if out, err := cmd.CombinedOutput(); err != nil {
			buildErr = fmt.Errorf("go build ./pkg failed: %v\n%s", err, out)
		}
	})
	require.NoError(t, buildErr)
	return binary
}

// simulatorAndPlugin serves a simulator of cfg on loopback (real-time long polls of 1 s, as Fastly's) and starts
// the built plugin binary; it returns the simulator, its URL and the plugin's clients.
func simulatorAndPlugin(t *testing.T, cfg simulator.Config) (*simulator.Simulator, string, pluginClients) {
	t.Helper()
	bin := pluginBinary(t)
	cfg.Token = simToken
	sim := simulator.New(cfg)
	sim.SetLongPoll(time.Second)
	srv := httptest.NewServer(sim)
	t.Cleanup(srv.Close)
	return sim, srv.URL, startPlugin(t, bin)
}

// pluginClients are the gRPC services Grafana dispenses from a backend plugin.
type pluginClients struct {
	diagnostics grpcplugin.DiagnosticsClient
	resource    grpcplugin.ResourceClient
	data        grpcplugin.DataClient
	stream      grpcplugin.StreamClient
}

// startPlugin launches the binary with go-plugin's gRPC handshake, exactly as Grafana's plugin manager does.
func startPlugin(t *testing.T, binary string) pluginClients {
	t.Helper()
	logs := &syncBuffer{}
	client := plugin.NewClient(&plugin.ClientConfig{
		HandshakeConfig: plugin.HandshakeConfig{
			ProtocolVersion:  grpcplugin.ProtocolVersion,
			MagicCookieKey:   grpcplugin.MagicCookieKey,
			MagicCookieValue: grpcplugin.MagicCookieValue,
		},
		Plugins: plugin.PluginSet{
			"diagnostics": &grpcplugin.DiagnosticsGRPCPlugin{},
			"resource":    &grpcplugin.ResourceGRPCPlugin{},
			"data":        &grpcplugin.DataGRPCPlugin{},
			"stream":      &grpcplugin.StreamGRPCPlugin{},
		},
		Cmd:              exec.Command(binary),
		AllowedProtocols: []plugin.Protocol{plugin.ProtocolGRPC},
		StartTimeout:     20 * time.Second,
		Logger:           hclog.New(&hclog.LoggerOptions{Name: "gpx_fastly", Level: hclog.Warn, Output: logs}),
	})
	t.Cleanup(func() {
		client.Kill()
		if t.Failed() && logs.Len() > 0 {
			t.Logf("plugin log (warn and above):\n%s", logs.String())
		}
	})
	rpc, err := client.Client()
	require.NoError(t, err, "starting the plugin binary")
	dispense := func(name string) any {
		raw, err := rpc.Dispense(name)
		require.NoError(t, err, "dispensing %s", name)
		return raw
	}
	return pluginClients{
		diagnostics: dispense("diagnostics").(grpcplugin.DiagnosticsClient),
		resource:    dispense("resource").(grpcplugin.ResourceClient),
		data:        dispense("data").(grpcplugin.DataClient),
		stream:      dispense("stream").(grpcplugin.StreamClient),
	}
}

// datasource is one configured Fastly datasource as Grafana sends it with every call.
func datasource(id int64, uid, apiURL, token string) backend.PluginContext {
	return backend.PluginContext{
		Namespace: "default", // org 1, as Grafana names it
		PluginID:  pluginID,
		DataSourceInstanceSettings: &backend.DataSourceInstanceSettings{
			ID:                      id,
			UID:                     uid,
			Name:                    "Fastly " + uid,
			JSONData:                []byte(fmt.Sprintf(`{"apiUrl":%q,"realtimeUrl":%q}`, apiURL, apiURL)),
			DecryptedSecureJSONData: map[string]string{"apiToken": token},
			Updated:                 time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC),
		},
	}
}

func callCtx(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	t.Cleanup(cancel)
	return ctx
}

func (c pluginClients) checkHealth(t *testing.T, pc backend.PluginContext) *backend.CheckHealthResult {
	t.Helper()
	res, err := c.diagnostics.CheckHealth(callCtx(t), &pluginv2.CheckHealthRequest{PluginContext: backend.ToProto().PluginContext(pc)})
	require.NoError(t, err)
	return backend.FromProto().CheckHealthResponse(res)
}

func (c pluginClients) queryData(t *testing.T, req *backend.QueryDataRequest) *backend.QueryDataResponse {
	t.Helper()
	res, err := c.data.QueryData(callCtx(t), backend.ToProto().QueryDataRequest(req))
	require.NoError(t, err)
	out, err := backend.FromProto().QueryDataResponse(res)
	require.NoError(t, err)
	return out
}

// callResource sends GET <path> and reads the response stream to its end: status, then body chunks.
func (c pluginClients) callResource(t *testing.T, pc backend.PluginContext, path string) (int, []byte) {
	t.Helper()
	req := backend.ToProto().CallResourceRequest(&backend.CallResourceRequest{
		PluginContext: pc, Path: path, Method: "GET",
		URL: "/api/datasources/uid/" + pc.DataSourceInstanceSettings.UID + "/resources/" + path,
	})
	stream, err := c.resource.CallResource(callCtx(t), req)
	require.NoError(t, err)
	status, body := 0, []byte(nil)
	for {
		msg, err := stream.Recv()
		if errors.Is(err, io.EOF) {
			break
		}
		require.NoError(t, err)
		res := backend.FromProto().CallResourceResponse(msg)
		if status == 0 {
			status = res.Status
		}
		body = append(body, res.Body...)
	}
	return status, body
}

// collectMetrics asks for the plugin's Prometheus metrics, as Grafana does to serve /metrics/plugins/<id>.
func (c pluginClients) collectMetrics(t *testing.T) string {
	t.Helper()
	res, err := c.diagnostics.CollectMetrics(callCtx(t), &pluginv2.CollectMetricsRequest{})
	require.NoError(t, err)
	return string(res.GetMetrics().GetPrometheus())
}

// syncBuffer collects the plugin's forwarded log lines from go-plugin's goroutines.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) Len() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Len()
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
