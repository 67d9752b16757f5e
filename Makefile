# One entry point for building and testing; .ci/run calls `make test`.
SHELL := /bin/bash
MAGE := go run github.com/magefile/mage@v1.17.2
STATICCHECK := go run honnef.co/go/tools/cmd/staticcheck@v0.8.2
CHROMIUM ?= /usr/bin/chromium

.PHONY: test test-go test-frontend test-frontend-react18 test-frontend-react19 deps chromium build build-backend build-backend-linux build-frontend package run sim bench fuzz load

## test: every test, Go and frontend (installs npm packages and Chromium first)
test: deps test-go test-frontend

## test-go: vet, staticcheck and test the backend, including the test that drives the built plugin binary
test-go:
	go mod download
	go vet ./pkg/... ./cmd/...
	$(STATICCHECK) ./pkg/... ./cmd/...
	go test -count=1 ./pkg/... ./cmd/...

## test-frontend: the frontend tests on the oldest and the newest supported runtime
test-frontend: test-frontend-react18 test-frontend-react19

## test-frontend-react18: typecheck, lint, jest, production build and the Playwright tests of the editors,
## against the root packages (@grafana/* 12.4 + React 18)
test-frontend-react18:
	npm run typecheck
	npm run lint
	npm run test:ci
	npm run build
	npm run e2e

## test-frontend-react19: the typecheck, jest and Playwright tests against tests/react19 (@grafana/* 13.2 + React 19)
test-frontend-react19:
	npm ci --prefix tests/react19 --no-audit --no-fund
	npm run typecheck:react19
	npm run test:react19
	npm run e2e:react19

deps: node_modules chromium

node_modules: package.json package-lock.json
	npm ci --no-audit --no-fund
	@touch node_modules

## chromium: Debian's Chromium for the browser tests (needs root and apt-get)
chromium:
	@test -x $(CHROMIUM) || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null)

## build: the frontend and the backend for every platform Grafana runs on into dist/ (~5 min on 2 cores)
build: build-frontend build-backend

build-frontend: node_modules
	npm run build

## build-backend: gpx_fastly_{linux_amd64,linux_arm64,linux_arm,darwin_amd64,darwin_arm64,windows_amd64.exe}
build-backend:
	$(MAGE) -v buildAll

## build-backend-linux: only the linux/amd64 backend, for a quick local run
build-backend-linux:
	$(MAGE) -v build:linux

## package: build, then write dist/<plugin id>-<version>.zip (one top folder named for the plugin id)
package: build
	go run ./cmd/package -dist dist

## run: build, then Grafana + plugin + simulator (needs Docker)
run: build
	@docker info >/dev/null 2>&1 || { echo "make run needs a running Docker engine (docker compose): none answers on this machine. The plugin is built in dist/; run 'docker compose up' where Docker runs, or 'make sim' for the simulator alone."; exit 1; }
	docker compose up

## sim: the Fastly simulator on 127.0.0.1:8080 (token sim-token)
sim:
	go run ./cmd/fastly-sim

FUZZTIME ?= 10s
FUZZ_TARGETS := ./pkg/query:FuzzParseStats ./pkg/query:FuzzParseUsage ./pkg/query:FuzzParseVersions \
	./pkg/query:FuzzServiceIDs ./pkg/fastlyapi:FuzzDecodeStats ./pkg/fastlyapi:FuzzDecodeStatsNumbers \
	./pkg/fastlyapi:FuzzDecodeVersions ./pkg/fastlyapi:FuzzDecodeUsage ./pkg/fastlyapi:FuzzAccountResponses \
	./pkg/fastlyapi:FuzzDecodeRealtime ./pkg/fastlyapi:FuzzDecodeInspectorRealtime ./pkg/fastlyapi:FuzzDecodeInspectorPage \
	./pkg/query:FuzzParseRealtime ./pkg/query:FuzzParseInspector ./pkg/query:FuzzParseLogQueries \
	./pkg/fastlyapi:FuzzDecodeLogRecords ./pkg/fastlyapi:FuzzDecodeLogMetrics ./pkg/fastlyapi:FuzzDecodeEvents \
	./pkg/fastlyapi:FuzzDecodeAlertHistory

## fuzz: run every fuzz target for FUZZTIME each (`go test` alone runs only their seeds)
fuzz:
	@set -e; for t in $(FUZZ_TARGETS); do \
		echo "fuzz $${t#*:}"; go test -run '^$$' -fuzz "^$${t#*:}$$" -fuzztime=$(FUZZTIME) "$${t%%:*}"; done

## load: 200 concurrent mixed queries for 30 s against the simulator with 10% injected faults
load:
	FASTLY_LOAD=1 go test -count=1 -run '^TestLoad' -v -timeout 5m ./pkg/plugin/
