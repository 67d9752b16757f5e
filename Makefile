# One entry point for building and testing; .ci/run calls `make test`.
SHELL := /bin/bash
MAGE := go run github.com/magefile/mage@v1.17.2
CHROMIUM ?= /usr/bin/chromium

.PHONY: test test-go test-frontend deps chromium build build-backend build-frontend run sim bench

## test: every test, Go and frontend (installs npm packages and Chromium first)
test: deps test-go test-frontend

## test-go: vet and test the backend, including the test that drives the built plugin binary
test-go:
	go mod download
	go vet ./pkg/... ./cmd/...
	go test -count=1 ./pkg/... ./cmd/...

## test-frontend: typecheck, lint, jest, production build and the Playwright tests of the editors
test-frontend:
	npm run typecheck
	npm run lint
	npm run test:ci
	npm run build
	npm run e2e

deps: node_modules chromium

node_modules: package.json package-lock.json
	npm ci --no-audit --no-fund
	@touch node_modules

## chromium: Debian's Chromium for the browser tests (needs root and apt-get)
chromium:
	@test -x $(CHROMIUM) || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null)

## build: the frontend and the linux/amd64 backend into dist/
build: build-frontend build-backend

build-frontend: node_modules
	npm run build

build-backend:
	$(MAGE) -v build:linux

## run: build, then Grafana + plugin + simulator (needs Docker)
run: build
	docker compose up

## sim: the Fastly simulator on 127.0.0.1:8080 (token sim-token)
sim:
	go run ./cmd/fastly-sim
