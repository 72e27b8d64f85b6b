# multicloud: build, check and test targets. `make test` is what CI runs.

GO          ?= go
STATICCHECK ?= $(GO) run honnef.co/go/tools/cmd/staticcheck@v0.8.2
# How long each fuzz target runs under `make fuzz`.
FUZZTIME    ?= 15s
# Benchmarks: `make bench BENCH=SignJDCloud COUNT=5`.
BENCH       ?= .
COUNT       ?= 5

.PHONY: test fmt-check vet staticcheck unit bench fuzz

## test: everything CI checks: formatting, vet, staticcheck and the race-enabled test suite.
test: fmt-check vet staticcheck unit

fmt-check:
	@unformatted=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$unformatted" ]; then echo "gofmt needed on:"; echo "$$unformatted"; exit 1; fi

vet:
	$(GO) vet ./...

staticcheck:
	$(STATICCHECK) ./...

unit:
	$(GO) test -race -count=1 ./...

## bench: benchmarks with allocation counts; medians need COUNT >= 5.
bench:
	$(GO) test -run '^$$' -bench '$(BENCH)' -benchmem -count $(COUNT) ./...

## fuzz: every fuzz target in the module, each for FUZZTIME.
fuzz:
	@set -e; for pkg in $$($(GO) list ./...); do \
		for target in $$($(GO) test -list '^Fuzz' $$pkg | grep '^Fuzz' || true); do \
			echo "== $$pkg $$target ($(FUZZTIME))"; \
			$(GO) test -run '^$$' -fuzz "^$$target\$$" -fuzztime $(FUZZTIME) $$pkg; \
		done; \
	done
