# crib's build, test and measurement targets. Every target fetches what it
# needs through the Go module proxy; nothing must be installed by hand.

GO      ?= go
SHARED  ?= ../shared
PKGS    := ./...
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
COMMIT  ?= $(shell git rev-parse --short=12 HEAD 2>/dev/null || echo unknown)
DATE    ?= $(shell date -u +%Y-%m-%dT%H:%M:%SZ)
LDFLAGS := -X github.com/crib-dev/crib/cmd.version=$(VERSION) -X github.com/crib-dev/crib/cmd.commit=$(COMMIT) -X github.com/crib-dev/crib/cmd.date=$(DATE)

.PHONY: all build install test vet fmt-check eval bench fuzz man clean generate

all: build

build:
	$(GO) build -ldflags "$(LDFLAGS)" -o bin/crib ./cmd/crib

install:
	$(GO) install -ldflags "$(LDFLAGS)" ./cmd/crib

## test: vet, gofmt check, and every test (no update of golden files).
test: vet fmt-check
	$(GO) test -count=1 $(PKGS)

vet:
	$(GO) mod download
	$(GO) vet $(PKGS)

fmt-check:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi

## generate: recompile the built-in thesaurus after editing synonyms/data.
generate:
	$(GO) generate ./search

## eval: answer quality on $(SHARED)/eval/*.jsonl against the user notes.
eval:
	$(GO) run ./eval -shared $(SHARED) -baseline

## man: man pages for every command, from the Cobra tree, into ./man.
man:
	$(GO) run ./cmd/crib-man -dir man

bench:
	$(GO) test -run '^$$' -bench . -benchmem ./search/

clean:
	rm -rf bin
