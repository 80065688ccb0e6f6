# Assay: `make demo` runs the shipped pack against the bundled reference target;
# `make test` runs every test. Both work on a fresh Debian machine.
SHELL := /bin/bash
SWIFT ?= swift
BIN := $(shell $(SWIFT) build --show-bin-path 2>/dev/null || echo .build/debug)

.PHONY: all deps test-deps build release static-cxx build-stamp install uninstall dist test test-browser demo lint format bench \
	conformance clean deep-json-check fuzz test-sanitize test-sanitize-fast sanitize-run

all: build

# libcurl's headers are the only system dependency; install them when pkg-config cannot find them.
deps:
	@pkg-config --exists libcurl 2>/dev/null || { \
	  echo "installing libcurl4-openssl-dev"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq libcurl4-openssl-dev pkg-config; }

# What the tests use besides libcurl: xmllint (JUnit schema), nginx and openssl (TLS and HTTP/2
# against a real server), Python's jsonschema (the suite schema), python3-venv (httpbin from PyPI
# for the smoke-gate suite; the test makes its environment under .build).
test-deps: deps
	@if ! command -v xmllint >/dev/null || [ ! -x /usr/sbin/nginx ] || ! command -v openssl >/dev/null \
	  || ! python3 -c 'import ensurepip, venv' 2>/dev/null; then \
	  echo "installing libxml2-utils nginx-light openssl python3-venv python3-pip"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq libxml2-utils nginx-light openssl python3-venv python3-pip; fi
	@python3 -c 'import jsonschema' 2>/dev/null || python3 -m pip install -q jsonschema

build: deps
	$(SWIFT) build

# The binary to ship: optimized, with the Swift runtime and Foundation linked in statically, so it
# runs on a machine without the toolchain and starts without resolving the runtime's symbols; and
# linked at a fixed address (not PIE), so the loader does not patch that runtime's pointers at
# every start.
RELEASE_FLAGS = -c release --static-swift-stdlib -Xswiftc -Xclang-linker -Xswiftc -no-pie
# The C++ runtime (which the Swift runtime uses) linked in as well, when its archive is installed
# (libstdc++-12-dev, a Swift toolchain dependency): the loader then relocates no libstdc++ or
# libgcc_s at start-up (see docs/PERFORMANCE.md). The static-stdlib link line asks for `-lstdc++`
# by name, so a folder holding only the archive goes first on the library path.
STATIC_CXX := $(shell clang -print-file-name=libstdc++.a 2>/dev/null)
STATIC_CXX_DIR := $(CURDIR)/.build/static-cxx
ifneq ($(filter /%,$(STATIC_CXX)),)
RELEASE_FLAGS += -Xswiftc -Xclang-linker -Xswiftc -static-libgcc -Xlinker -L$(STATIC_CXX_DIR)
endif
# The commit goes into the release binary (`assay version`); its date is every mtime in `make dist`.
COMMIT := $(shell git rev-parse --short=12 HEAD 2>/dev/null || echo unknown)
COMMIT_EPOCH := $(shell git log -1 --format=%ct 2>/dev/null || echo 0)
# It comes in through a generated header, rewritten only when the commit changes, so a new commit
# recompiles one C file instead of changing the flags (which would rebuild everything).
STAMP_DIR := $(CURDIR)/.build/stamp
RELEASE_FLAGS += -Xcc -I$(STAMP_DIR)
export RELEASE_FLAGS

release: deps static-cxx build-stamp
	$(SWIFT) build $(RELEASE_FLAGS)

build-stamp:
	@mkdir -p $(STAMP_DIR)
	@printf '#define ASSAY_COMMIT "%s"\n' '$(COMMIT)' > $(STAMP_DIR)/assay_commit.h.new
	@cmp -s $(STAMP_DIR)/assay_commit.h.new $(STAMP_DIR)/assay_commit.h && rm $(STAMP_DIR)/assay_commit.h.new \
		|| mv $(STAMP_DIR)/assay_commit.h.new $(STAMP_DIR)/assay_commit.h

static-cxx:
	@if [ -n "$(filter /%,$(STATIC_CXX))" ]; then mkdir -p $(STATIC_CXX_DIR) && ln -sf $(STATIC_CXX) $(STATIC_CXX_DIR)/libstdc++.a; fi

# `make install` (PREFIX=/usr/local, DESTDIR= for staging): the release `assay` and `assay-target`,
# stripped, into $(PREFIX)/bin; the man page; the shipped pack (Suites, Goldens, assay.jsonc) into
# $(PREFIX)/share/assay. `make uninstall` removes exactly those. scripts/install.sh does the work,
# so the tests can lay out the same tree without a release build.
PREFIX ?= /usr/local
DESTDIR ?=
install: release
	DESTDIR="$(DESTDIR)" PREFIX="$(PREFIX)" scripts/install.sh .build/release

uninstall:
	DESTDIR="$(DESTDIR)" PREFIX="$(PREFIX)" scripts/install.sh --uninstall

# `make dist`: .build/dist/assay-VERSION-linux-ARCH.tar.gz and its .sha256, byte for byte the same
# from the same commit (see scripts/dist.sh). A tree with uncommitted changes is packed, with a warning:
# its binaries say the commit they were built on, which is not what they hold.
dist: release
	@git diff --quiet HEAD -- 2>/dev/null || echo "warning: uncommitted changes; the tarball is not the commit $(COMMIT)" >&2
	scripts/dist.sh .build/release .build/dist $(COMMIT_EPOCH)

test: test-deps build
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build --parallel 2>&1 | tee .build/test.log; exit $${PIPESTATUS[0]}

# The HTML report of a real pack run, rendered in headless Chromium (Debian's `chromium`; `.ci/run`
# installs it) and checked as a person sees it; the screenshot is .build/browser/report.png.
test-browser: build
	scripts/browser-check.sh "$(BIN)"

# The release binary (its own scratch path, so the debug build stays) against bodies nested up to
# 1,000,000 deep: the run must fail those cases, not crash, and write its reports.
deep-json-check: deps static-cxx
	$(SWIFT) build $(RELEASE_FLAGS) --scratch-path .build-release --product assay
	scripts/deep-json-check.sh .build-release/release

# libFuzzer (swiftc -sanitize=fuzzer,address) over the parsers, FUZZ_SECONDS (default 10) per target;
# see scripts/fuzz.sh. A crash fails the run and is saved under .build/fuzz/crashes.
fuzz: deps
	scripts/fuzz.sh

# The tests under AddressSanitizer and ThreadSanitizer, each in its own scratch path (a full build
# each). SANITIZE_FILTER narrows the run; `test-sanitize-fast` is the part CI runs: the parsers, budgets
# and the scheduler's threads, not the long end-to-end matrix.
SANITIZE_FILTER ?=
test-sanitize: test-deps
	$(MAKE) sanitize-run SANITIZER=address
	$(MAKE) sanitize-run SANITIZER=thread

FAST_FILTER = JSONParser|SSEParser|Matcher|TextPattern|HostileInputBudget|StackBudget|SchedulerLane|LaneEquivalence|SchedulerSleep|SchedulerState|TransferCancellation|InterruptedRun|StepAttempts|CookieJar|TransferLoop|VariableScope|SuiteDecoder|StreamCheckRun
test-sanitize-fast: test-deps
	$(MAKE) sanitize-run SANITIZER=address SANITIZE_FILTER='$(FAST_FILTER)'
	$(MAKE) sanitize-run SANITIZER=thread SANITIZE_FILTER='$(FAST_FILTER)'

sanitize-run:
	$(SWIFT) build --build-tests --sanitize=$(SANITIZER) --scratch-path .build-$(SANITIZER)
	LSAN_OPTIONS=suppressions=$(CURDIR)/scripts/lsan.supp \
	  $(SWIFT) test --skip-build --sanitize=$(SANITIZER) --scratch-path .build-$(SANITIZER) \
	  $(if $(SANITIZE_FILTER),--filter '$(SANITIZE_FILTER)') 2>&1 | tee .build-$(SANITIZER)/test.log; \
	  exit $${PIPESTATUS[0]}

demo: build
	@scripts/demo.sh "$(BIN)"

lint:
	$(SWIFT) format lint --recursive --strict Sources Tests Package.swift

format:
	$(SWIFT) format --in-place --recursive Sources Tests Package.swift

bench: build static-cxx
	@scripts/bench.sh

# The official OpenAI SDK (strict) and Schemathesis against assay-target, then the pack against real
# third-party servers (LiteLLM's proxy, xpyd-sim) with their profiles, which writes docs/COMPATIBILITY.md.
# Installs from PyPI into .build/conformance/, so not in make test.
conformance: build
	scripts/conformance.sh

clean:
	rm -rf .build
