#!/usr/bin/env bash
# `make fuzz`: libFuzzer over the parsers (JSONC, JSON bodies, SSE, matchers, text patterns,
# durations, variables, response heads, whole suites). AssayKit's sources and Tests/Fuzz/FuzzEntry.swift
# are compiled into one binary with `-sanitize=fuzzer,address`, then every target runs for
# FUZZ_SECONDS (default 10) from its seed corpus in Tests/Fuzz/Corpus/<target>. New inputs go to a
# scratch corpus under .build/fuzz, never into the repository; a crash is saved there as
# crash-<hash> and fails the run (add it to the seeds and as a regression test).
# Usage: scripts/fuzz.sh [target ...]   (default: all)
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_EACH=${FUZZ_SECONDS:-10}
OUT=.build/fuzz
mkdir -p "$OUT/obj"
BIN="$OUT/assay-fuzz"
SOURCES=$(find Sources/AssayKit -name '*.swift' | sort)

# Rebuilt only when a source changed.
if [ ! -x "$BIN" ] || [ -n "$(find Sources/AssayKit Sources/CCurl Tests/Fuzz/FuzzEntry.swift -newer "$BIN" -print -quit)" ]; then
  echo "fuzz: building $BIN"
  cat > "$OUT/obj/module.modulemap" <<MAP
module CCurl {
  header "$PWD/Sources/CCurl/include/CCurl.h"
  export *
}
MAP
  clang -c -g -fsanitize=fuzzer-no-link,address -I Sources/CCurl/include Sources/CCurl/CCurl.c -o "$OUT/obj/CCurl.o"
  # `-parse-as-library`: libFuzzer provides `main`. The warnings are ld.gold's about ASan's own symbols.
  swiftc -sanitize=fuzzer,address -parse-as-library -module-name AssayKit -Onone -g \
    -Xcc -fmodule-map-file="$OUT/obj/module.modulemap" -I Sources/CCurl/include \
    $SOURCES Tests/Fuzz/FuzzEntry.swift "$OUT/obj/CCurl.o" -ldl -o "$BIN" 2>&1 \
    | grep -v "Cannot export local symbol" || true
  [ -x "$BIN" ] || { echo "fuzz: build failed"; exit 1; }
fi

TARGETS=("$@")
[ ${#TARGETS[@]} -gt 0 ] || TARGETS=(jsonc json sse matcher pattern duration variables headers suite)
status=0
for target in "${TARGETS[@]}"; do
  seeds="Tests/Fuzz/Corpus/$target"
  scratch="$OUT/corpus/$target"
  mkdir -p "$scratch" "$OUT/crashes"
  # -rss_limit_mb and -timeout make a leak-like growth or a hang a finding, not a stalled CI job.
  # Leaks are findings, except those scripts/lsan.supp documents as Foundation's own.
  if ASSAY_FUZZ_TARGET=$target ASAN_OPTIONS=detect_leaks=1 LSAN_OPTIONS=suppressions=$PWD/scripts/lsan.supp "$BIN" "$scratch" "$seeds" \
      -max_total_time="$SECONDS_EACH" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
      -artifact_prefix="$OUT/crashes/$target-" -print_final_stats=1 > "$OUT/$target.log" 2>&1; then
    echo "fuzz: $target clean ($(grep -m1 -o 'stat::number_of_executed_units: *[0-9]*' "$OUT/$target.log" | grep -o '[0-9]*$') runs in ${SECONDS_EACH}s)"
  else
    echo "fuzz: $target FAILED, see $OUT/$target.log and $OUT/crashes/"; tail -30 "$OUT/$target.log"; status=1
  fi
done
exit $status
