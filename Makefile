# cdcctl — `make demo` runs the main job, `make ci` passes the tests.
SHELL := /bin/bash
GO ?= go
BIN := bin/cdcctl
PKG := github.com/cdcctl/cdcctl
VERSION ?= dev
COMMIT ?= $(shell git rev-parse --short HEAD 2>/dev/null || echo dev)
LDFLAGS := -s -w -X $(PKG)/pkg/version.Version=$(VERSION) -X $(PKG)/pkg/version.Commit=$(COMMIT)
FUZZ_CI_SECONDS ?= 5
FUZZ_SECONDS ?= 120

.PHONY: build test ci deps fmt-check vet docs docs-check test-ci fuzz fuzz-short demo bench clean

build:
	$(GO) build -ldflags '$(LDFLAGS)' -o $(BIN) ./cmd/cdcctl

test:
	$(GO) test ./...

# ci: what .ci/run runs on a clean clone.
ci: deps fmt-check vet build test-ci fuzz-short
	@echo "ci: all checks passed"

deps:
	scripts/mariadb install

fmt-check:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$out" ]; then echo "gofmt needed on:"; echo "$$out"; exit 1; fi

vet:
	$(GO) vet -tags integration ./...

test-ci:
	$(GO) test -race -tags integration -count=1 -timeout 20m ./...

fuzz-short:
	scripts/fuzz $(FUZZ_CI_SECONDS)

fuzz:
	scripts/fuzz $(FUZZ_SECONDS)

# bench: scripts/bench against the MariaDB sandbox (docs/performance.md);
# BENCH_ARGS="-short -o json" for the CI smoke variant.
bench:
	$(GO) run ./scripts/bench $(BENCH_ARGS)

docs:
	$(GO) run ./scripts/gendocs docs/cli

# demo: the seed guide's flow on a local playground, driven through bin/cdcctl
# (scripts/demo); it checks what reached Kafka and cleans up.
demo: deps build
	$(GO) run ./scripts/demo -bin $(BIN)

clean:
	rm -rf bin dist
