# multicloud: build, check and test targets. `make test` is what CI runs.

GO          ?= go
STATICCHECK ?= $(GO) run honnef.co/go/tools/cmd/staticcheck@v0.8.2
# How long each fuzz target runs under `make fuzz`.
# FUZZTIME is a count of inputs (Nx), not a duration: with a duration, Go's
# fuzzing coordinator can fail a target with "context deadline exceeded" and
# no crasher when a starved worker misses the deadline (golang/go's coordinator
# race, seen in CI under load); a count has no deadline, so a loaded machine
# is only slower.
FUZZTIME    ?= 100000x
# Benchmarks: `make bench BENCH=SignJDCloud COUNT=5`.
BENCH       ?= .
COUNT       ?= 5

# Nested modules with their own go.mod (kept out of the core's dependencies): vetted, checked and
# tested like the root module.
SUBMODULES  ?= otel

# The spec data the importer reads; the generated code needs only what it wrote.
SPECS       ?= ../shared/specs
# What `make import-specs` imports: empty for the committed set, "all" for every staged service of the
# three clouds, or a comma/space list of provider/package (jdcloud/lb), provider/service@version or provider/all.
SERVICES    ?=

.PHONY: test fmt-check vet staticcheck unit bench bench-anchors fuzz import-specs generate generate-check

## test: everything CI checks: generated code up to date, formatting, vet, staticcheck and the race-enabled test suite.
test: generate-check fmt-check vet staticcheck unit

## import-specs: rewrite the committed API descriptions (internal/gen/apis) from the spec data in SPECS;
## SERVICES=all imports every staged service (and scaffolds its package), reporting the ones it cannot take.
import-specs:
	$(GO) run ./internal/gen/cmd/import-specs -specs $(SPECS) -out internal/gen/apis -services "$(SERVICES)"

## generate: regenerate the typed service packages from the committed descriptions.
generate:
	$(GO) generate ./...

## generate-check: fail when regenerating from the committed descriptions changes or adds a file in a
## package that has a //go:generate line (git diff and untracked files compared before and after, so
## local edits elsewhere do not count).
generate-check:
	@dirs=$$(git grep -l '^//go:generate' -- '*.go' | xargs -n1 dirname | sort -u); \
	state() { git status --porcelain --untracked-files=all -- $$dirs; git diff --binary -- $$dirs; }; \
	before=$$(state | cksum); \
	$(GO) generate ./... || exit 1; \
	if [ "$$(state | cksum)" != "$$before" ]; then \
		echo "go generate changed files: generated code is stale; run make generate and commit:"; \
		git status --short -- $$dirs; exit 1; \
	fi

fmt-check:
	@unformatted=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$unformatted" ]; then echo "gofmt needed on:"; echo "$$unformatted"; exit 1; fi

vet:
	$(GO) vet ./...
	@set -e; for m in $(SUBMODULES); do (cd $$m && $(GO) vet ./...); done

staticcheck:
	$(STATICCHECK) ./...
	@set -e; for m in $(SUBMODULES); do (cd $$m && $(STATICCHECK) ./...); done

unit:
	$(GO) test -race -count=1 ./...
	@set -e; for m in $(SUBMODULES); do (cd $$m && $(GO) test -race -count=1 ./...); done

## bench: benchmarks with allocation counts; medians need COUNT >= 5.
bench:
	$(GO) test -run '^$$' -bench '$(BENCH)' -benchmem -count $(COUNT) ./...
	@set -e; for m in $(SUBMODULES); do (cd $$m && $(GO) test -run '^$$' -bench '$(BENCH)' -benchmem -count $(COUNT) ./...); done

## bench-anchors: our typed clients beside the official SDKs and raw net/http, one loopback server in
## its own process (bench/, its own module; not part of test). ROUNDS interleaved rounds, medians.
ROUNDS      ?= 7
bench-anchors:
	cd bench && $(GO) run . -rounds $(ROUNDS)

## fuzz: every fuzz target in the module, each for FUZZTIME (inputs, or a duration if you give one).
fuzz:
	@set -e; for pkg in $$($(GO) list ./...); do \
		for target in $$($(GO) test -list '^Fuzz' $$pkg | grep '^Fuzz' || true); do \
			echo "== $$pkg $$target ($(FUZZTIME))"; \
			$(GO) test -run '^$$' -fuzz "^$$target\$$" -fuzztime $(FUZZTIME) $$pkg; \
		done; \
	done
