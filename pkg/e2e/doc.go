// Package e2e holds end-to-end tests that build the real plugin binary and drive it over gRPC the way Grafana
// does, against the Fastly simulator.
package e2e
