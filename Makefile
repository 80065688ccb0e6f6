# Assay: `make demo` runs the shipped pack against the bundled reference target;
# `make test` runs every test. Both work on a fresh Debian machine.
SHELL := /bin/bash
SWIFT ?= swift
BIN := $(shell $(SWIFT) build --show-bin-path 2>/dev/null || echo .build/debug)

.PHONY: all deps test-deps build release static-cxx test demo lint format bench clean deep-json-check fuzz \
	test-sanitize test-sanitize-fast sanitize-run

all: build

# libcurl's headers are the only system dependency; install them when pkg-config cannot find them.
deps:
	@pkg-config --exists libcurl 2>/dev/null || { \
	  echo "installing libcurl4-openssl-dev"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq libcurl4-openssl-dev pkg-config; }

# What the tests use besides libcurl: xmllint (JUnit schema), nginx and openssl (TLS and HTTP/2
# against a real server), Python's jsonschema (the suite schema).
test-deps: deps
	@if ! command -v xmllint >/dev/null || [ ! -x /usr/sbin/nginx ] || ! command -v openssl >/dev/null; then \
	  echo "installing libxml2-utils nginx-light openssl"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq libxml2-utils nginx-light openssl; fi
	@python3 -c 'import jsonschema' 2>/dev/null || python3 -m pip install -q jsonschema

build: deps
	$(SWIFT) build

# The binary to ship: optimized, with the Swift runtime and Foundation linked in statically, so it
# runs on a machine without the toolchain and starts without resolving the runtime's symbols; and
# linked at a fixed address (not PIE), so start-up does not patch ~75k pointers of that runtime
# (≈ 2.5 ms of every `assay` invocation, see docs/PERFORMANCE.md). Exclusive access is checked at
# compile time only: the run-time checks cost ≈ 2% of a run's instructions, and the debug build
# that `make test` runs keeps them.
RELEASE_FLAGS = -c release --static-swift-stdlib -Xswiftc -Xclang-linker -Xswiftc -no-pie \
	-Xswiftc -enforce-exclusivity=unchecked
# The C++ runtime (which the Swift runtime uses) linked in as well, when its archive is installed
# (libstdc++-12-dev, a Swift toolchain dependency): the dynamic loader then relocates no libstdc++
# or libgcc_s at start-up, ≈ 0.8 ms and 70 page faults less for every invocation (`assay version`
# 2.4 → 1.6 ms). The static-stdlib link line asks for `-lstdc++` by name, so a folder holding only
# the archive goes first on the library path.
STATIC_CXX := $(shell clang -print-file-name=libstdc++.a 2>/dev/null)
STATIC_CXX_DIR := $(CURDIR)/.build/static-cxx
ifneq ($(filter /%,$(STATIC_CXX)),)
RELEASE_FLAGS += -Xswiftc -Xclang-linker -Xswiftc -static-libgcc -Xlinker -L$(STATIC_CXX_DIR)
endif
export RELEASE_FLAGS

release: deps static-cxx
	$(SWIFT) build $(RELEASE_FLAGS)

static-cxx:
	@if [ -n "$(filter /%,$(STATIC_CXX))" ]; then mkdir -p $(STATIC_CXX_DIR) && ln -sf $(STATIC_CXX) $(STATIC_CXX_DIR)/libstdc++.a; fi

test: test-deps build
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build --parallel 2>&1 | tee .build/test.log; exit $${PIPESTATUS[0]}

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

FAST_FILTER = JSONParser|SSEParser|Matcher|TextPattern|HostileInputBudget|StackBudget|SchedulerLane|JudgementHandOff|TransferLoop|VariableScope|SuiteDecoder|StreamCheckRun
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

clean:
	rm -rf .build
