#!/usr/bin/env bash
# `make bench`: times assay against the curl command line (raw libcurl, no checking) and
# against a pytest + httpx suite doing the same checks, on nginx and on assay-target, at
# --parallel 1 and 8; measures assay's peak RSS at 1k and 10k cases and its start-up time.
# Prints the results and writes them into docs/PERFORMANCE.md (between the bench markers).
# Not part of `make test`: nothing here is a pass/fail timing assertion.
#
# Knobs (environment): BENCH_CASES (default 1000), BENCH_BIG_CASES (10000), BENCH_RUNS (15: assay
# and curl alternate this many times, medians count), BENCH_REPEATS (3: pytest and peak RSS, the
# best run counts), BENCH_STARTUP_RUNS (30), BENCH_SECTIONS (all; `openapi` measures only the
# OpenAPI validation overhead and parse time, and writes only their table).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
OUT=$ROOT/.build/bench
CASES=${BENCH_CASES:-1000}
BIG_CASES=${BENCH_BIG_CASES:-10000}
RUNS=${BENCH_RUNS:-15}
REPEATS=${BENCH_REPEATS:-3}
STARTUP_RUNS=${BENCH_STARTUP_RUNS:-30}
SECTIONS=${BENCH_SECTIONS:-all}
VENV=$ROOT/.build/bench-venv
RESULTS=$OUT/results.txt
TOKEN="sk-bench-$RANDOM$RANDOM"
export BENCH_TOKEN=$TOKEN

if [ "$(id -u)" = 0 ]; then SUDO=(); else SUDO=(sudo); fi

# ---------------------------------------------------------------- dependencies
# Debian packages: nginx, the curl CLI, GNU time (peak RSS); hyperfine is optional.
install_packages() {
  local missing=()
  command -v nginx >/dev/null || missing+=(nginx-light)
  command -v curl >/dev/null || missing+=(curl)
  [ -x /usr/bin/time ] || missing+=(time)
  python3 -c 'import ensurepip, venv' 2>/dev/null || missing+=(python3-venv)
  if [ ${#missing[@]} -gt 0 ]; then
    echo "installing ${missing[*]}"
    "${SUDO[@]}" apt-get update -qq
    "${SUDO[@]}" apt-get install -y -qq "${missing[@]}"
  fi
  if ! command -v hyperfine >/dev/null; then
    "${SUDO[@]}" apt-get install -y -qq hyperfine >/dev/null 2>&1 || echo "hyperfine unavailable: timing start-up with a loop"
  fi
}

# The pytest + httpx suite runs in its own venv; pytest-xdist gives it 8 worker processes.
install_venv() {
  if ! "$VENV/bin/python" -c 'import pytest, httpx' 2>/dev/null; then
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install -q pytest httpx
  fi
  if ! "$VENV/bin/python" -c 'import xdist' 2>/dev/null; then
    "$VENV/bin/pip" install -q pytest-xdist || echo "pytest-xdist unavailable"
  fi
}

install_packages
if [ "$SECTIONS" = all ]; then install_venv; fi
# The same build as `make release`: optimized, Swift runtime linked statically, not PIE.
RELEASE_FLAGS=${RELEASE_FLAGS:--c release --static-swift-stdlib -Xswiftc -Xclang-linker -Xswiftc -no-pie}
echo "building assay (release, static Swift runtime)"
# shellcheck disable=SC2086 # RELEASE_FLAGS is a list of flags (from the Makefile)
swift build $RELEASE_FLAGS >/dev/null
# shellcheck disable=SC2086
BIN=$(swift build $RELEASE_FLAGS --show-bin-path)

rm -rf "$OUT"
mkdir -p "$OUT/logs"
: >"$RESULTS"

# ---------------------------------------------------------------- servers
NGINX_PID=
# shellcheck source=scripts/target.sh
source scripts/target.sh
cleanup() {
  if [ -n "$NGINX_PID" ]; then
    kill "$NGINX_PID" 2>/dev/null || true
    wait "$NGINX_PID" 2>/dev/null || true
  fi
  stop_target
}
trap cleanup EXIT

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# nginx in the foreground (daemon off) under .build/bench/nginx, stopped by its pid.
start_nginx() {
  local prefix=$OUT/nginx port user=
  port=$(free_port)
  mkdir -p "$prefix/www" "$prefix/tmp"
  printf '%s' '{"object":"model","id":"bench-1","created":1700000000,"owned_by":"bench"}' >"$prefix/www/model.json"
  # As root, nginx's workers would drop to `nobody`, who may not read files under the worktree.
  if [ "$(id -u)" = 0 ]; then user="user root;"; fi
  sed -e "s|@PREFIX@|$prefix|g" -e "s|@PORT@|$port|g" -e "s|@USER@|$user|" scripts/bench/nginx.conf.in >"$prefix/nginx.conf"
  nginx -p "$prefix" -c "$prefix/nginx.conf" -e "$prefix/error.log" &
  NGINX_PID=$!
  NGINX_URL="http://127.0.0.1:$port"
  for _ in $(seq 1 100); do
    curl -sf -o /dev/null "$NGINX_URL/v1/models/bench-0" && return 0
    sleep 0.1
  done
  echo "nginx did not start:" >&2
  cat "$prefix/error.log" >&2
  return 1
}

start_nginx
start_target "$BIN" "$OUT/logs/assay-target.log" --mode strict --token "$TOKEN" --rate-limit 100000 --burst 100000
echo "nginx on $NGINX_URL, assay-target on $TARGET_URL"

# ---------------------------------------------------------------- timing helpers
now_ns() { date +%s%N; }

# timed LABEL CMD... : runs CMD once (output to the label's log; it must exit 0) and leaves its
# wall time in microseconds in ELAPSED_US (a global, not output: `exit` must end the script).
timed() {
  local label=$1 start
  shift
  start=$(now_ns)
  if ! "$@" >"$OUT/logs/$label.log" 2>&1; then
    echo "$label failed; see $OUT/logs/$label.log:" >&2
    tail -20 "$OUT/logs/$label.log" >&2
    exit 1
  fi
  ELAPSED_US=$((($(now_ns) - start) / 1000))
}

# best_ms LABEL CMD... : runs CMD $REPEATS times and records the fastest wall time in ms as LABEL.
best_ms() {
  local label=$1 best=
  shift
  for _ in $(seq 1 "$REPEATS"); do
    timed "$label" "$@"
    if [ -z "$best" ] || [ "$ELAPSED_US" -lt "$best" ]; then best=$ELAPSED_US; fi
  done
  record "$label" "$(awk -v us="$best" 'BEGIN { printf "%.1f", us / 1000 }')"
  printf '  %-28s %9.1f ms\n' "$label" "$(awk -v us="$best" 'BEGIN { print us / 1000 }')"
}

# versus LABEL_A LABEL_B : runs `side_a` and `side_b` (functions the caller defines) one after the
# other, $RUNS times after one warm-up each, and records each side's median wall time, the
# median of the per-pair ratios A/B, and A's fastest run. Alternating puts both sides through the same moments of a
# shared, noisy machine, which a block of A runs followed by a block of B runs does not.
versus() {
  local a=$1 b=$2 pairs=() first
  timed "$a" side_a
  timed "$b" side_b
  for _ in $(seq 1 "$RUNS"); do
    timed "$a" side_a
    first=$ELAPSED_US
    timed "$b" side_b
    pairs+=("$first $ELAPSED_US")
  done
  printf '%s\n' "${pairs[@]}" >"$OUT/logs/$a-vs-$b.txt"
  read -r median_a median_b median_ratio best_a < <(printf '%s\n' "${pairs[@]}" | python3 -c '
import statistics, sys
pairs = [tuple(map(int, line.split())) for line in sys.stdin if line.strip()]
print("%.1f %.1f %.3f %.1f" % (statistics.median(a for a, _ in pairs) / 1000, statistics.median(b for _, b in pairs) / 1000,
                               statistics.median(a / b for a, b in pairs), min(a for a, _ in pairs) / 1000))')
  record "$a" "$median_a"
  record "$b" "$median_b"
  record "ratio-$a" "$median_ratio"
  # The fastest A run, to set against the fastest of the sides timed best-of (pytest).
  record "best-$a" "$best_a"
  printf '  %-28s %9.1f ms\n  %-28s %9.1f ms   (median ratio %.2f×)\n' "$a" "$median_a" "$b" "$median_b" "$median_ratio"
}

record() { echo "$1 $2" >>"$RESULTS"; }

# generate KIND BASE_URL COUNT DIR : writes the workload (suites, golden, curl config, pytest cases).
generate() {
  local content_type=application/json
  if [ "$1" = target ]; then
    content_type=$(curl -s -o /dev/null -w '%{content_type}' -H "Authorization: Bearer $TOKEN" "$2/v1/models/assay-small")
  fi
  python3 scripts/bench/generate.py --kind "$1" --base "$2" --count "$3" --token "$TOKEN" \
    --content-type "$content_type" --out "$4"
}

# Started straight from this shell, as curl is (a `(cd …)` subshell would add a fork to assay's
# time), in the workload's folder so the repository's own assay.jsonc is not read.
run_assay() {
  local status=0 dir=$1 url=$2 n=$3
  shift 3
  cd "$dir"
  "$BIN/assay" run Suites --target "$url" --parallel "$n" "$@" || status=$?
  cd "$ROOT"
  return "$status"
}
run_curl() { curl --parallel --parallel-max "$2" --config "$1/curl.cfg"; }
run_pytest() {
  local workers=()
  if [ "$2" -gt 1 ]; then workers=(-n "$2"); fi
  BENCH_CASES=$1/cases.json "$VENV/bin/pytest" -q -p no:cacheprovider "${workers[@]}" \
    --rootdir "$1" "$ROOT/scripts/bench/test_bench.py"
}

# ---------------------------------------------------------------- OpenAPI validation
# The same workload with and without `--openapi`, alternating as above: against nginx with OpenAI's
# 3 MB description (every case matches GET /models/{model}, and nginx's body fits its Model schema),
# and against assay-target with its own /openapi.json; and a one-request workload with and without,
# for the cost paid once a run. Then the parse of OpenAI's description as
# YAML against the same document as JSON (`openapi check --rule servers`: start, read, parse, one rule).
openapi_section() {
  local yaml=$ROOT/Suites/openai-compat/openai-openapi-2.3.0.yaml
  local own=$OUT/target-openapi.json json=$OUT/openai-openapi-2.3.0.json
  curl -sf -o "$own" "$TARGET_URL/openapi.json"
  "$BIN/assay" openapi json "$yaml" >"$json"
  echo "OpenAPI validation, $CASES requests (median of $RUNS alternating runs each):"
  for server in nginx target; do
    if [ "$server" = nginx ]; then url=$NGINX_URL spec=$yaml; else url=$TARGET_URL spec=$own; fi
    dir=$OUT/$server-$CASES
    [ -d "$dir" ] || generate "$server" "$url" "$CASES" "$dir"
    for n in 1 8; do
      side_a() { run_assay "$dir" "$url" "$n" --openapi "$spec"; }
      side_b() { run_assay "$dir" "$url" "$n"; }
      versus "openapi-$server-p$n" "plain-$server-p$n"
    done
    # One request with and without: what `--openapi` costs once a run (reading the description,
    # indexing its operations, compiling the schemas the first answer needs), set apart by the report.
    one=$OUT/$server-1
    [ -d "$one" ] || generate "$server" "$url" 1 "$one"
    side_a() { run_assay "$one" "$url" 1 --openapi "$spec"; }
    side_b() { run_assay "$one" "$url" 1; }
    versus "openapi-one-$server" "plain-one-$server"
  done
  echo "parsing OpenAI's description:"
  side_a() { "$BIN/assay" openapi check "$yaml" --rule servers; }
  side_b() { "$BIN/assay" openapi check "$json" --rule servers; }
  versus parse-yaml parse-json
  # The same start-up and rule on the target's own 10 KB description: taken from the YAML's time, it
  # leaves the read alone, which the report sets apart from the per-request cost.
  side_a() { "$BIN/assay" openapi check "$own" --rule servers; }
  side_b() { "$BIN/assay" openapi check "$json" --rule servers; }
  versus parse-small parse-json-again
  record parse_yaml_bytes "$(stat -c %s "$yaml")"
  record parse_json_bytes "$(stat -c %s "$json")"
}

record cases "$CASES"
record runs "$RUNS"
record repeats "$REPEATS"
if [ "$SECTIONS" = openapi ]; then
  openapi_section
  record nproc "$(nproc)"
  record cpu "$(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo | tr ' ' '_')"
  echo
  python3 scripts/bench/report.py --openapi-only "$RESULTS" docs/PERFORMANCE.md
  exit 0
fi

# ---------------------------------------------------------------- wall time
for server in nginx target; do
  if [ "$server" = nginx ]; then url=$NGINX_URL; else url=$TARGET_URL; fi
  dir=$OUT/$server-$CASES
  generate "$server" "$url" "$CASES" "$dir"
  echo "$CASES requests against $server (assay and curl: median of $RUNS alternating runs; pytest: best of $REPEATS):"
  for n in 1 8; do
    side_a() { run_assay "$dir" "$url" "$n"; }
    side_b() { run_curl "$dir" "$n"; }
    versus "assay-$server-p$n" "curl-$server-p$n"
    if [ "$n" -gt 1 ] && ! "$VENV/bin/python" -c 'import xdist' 2>/dev/null; then
      echo "  pytest-xdist missing: skipping pytest at N=$n"
      continue
    fi
    best_ms "pytest-$server-p$n" run_pytest "$dir" "$n"
  done
done

openapi_section

# ---------------------------------------------------------------- memory
# Peak RSS (GNU time's %M, in KiB) of a --parallel 8 run against nginx, at 1k and 10k cases.
peak_rss_kib() {
  local file=$OUT/logs/rss.txt
  /usr/bin/time -f '%M' -o "$file" "$BIN/assay" run Suites --target "$NGINX_URL" --parallel 8 >/dev/null
  cat "$file"
}
echo "peak RSS of assay, --parallel 8 against nginx:"
for count in "$CASES" "$BIG_CASES"; do
  dir=$OUT/nginx-rss-$count
  generate nginx "$NGINX_URL" "$count" "$dir"
  best=
  for _ in $(seq 1 "$REPEATS"); do
    kib=$(cd "$dir" && peak_rss_kib)
    if [ -z "$best" ] || [ "$kib" -lt "$best" ]; then best=$kib; fi
  done
  record "rss-$count" "$best"
  printf '  %6d cases: %8d KiB\n' "$count" "$best"
done
record big_cases "$BIG_CASES"

# ---------------------------------------------------------------- start-up
# Mean wall time of /bin/true, `assay --version` (start-up alone: `version` also loads libcurl) and `assay lint Suites` (the shipped pack).
echo "start-up (mean of $STARTUP_RUNS runs):"
startup_ms() {
  local label=$1 start
  shift
  if command -v hyperfine >/dev/null; then
    hyperfine -N --warmup 3 --runs "$STARTUP_RUNS" --export-json "$OUT/logs/$label.json" "$*" >/dev/null 2>&1
    record "startup-$label" "$(python3 -c 'import json, sys; print("%.2f" % (json.load(open(sys.argv[1]))["results"][0]["mean"] * 1000))' "$OUT/logs/$label.json")"
  else
    "$@" >/dev/null 2>&1
    start=$(now_ns)
    for _ in $(seq 1 "$STARTUP_RUNS"); do "$@" >/dev/null 2>&1; done
    record "startup-$label" "$(awk -v ns="$(($(now_ns) - start))" -v n="$STARTUP_RUNS" 'BEGIN { printf "%.2f", ns / n / 1e6 }')"
  fi
  printf '  %-14s %8s ms\n' "$label" "$(awk -v k="startup-$label" '$1 == k { print $2 }' "$RESULTS")"
}
startup_ms true /bin/true
startup_ms version "$BIN/assay" --version
startup_ms lint "$BIN/assay" lint Suites
if command -v hyperfine >/dev/null; then record startup_tool hyperfine; else record startup_tool loop; fi

# ---------------------------------------------------------------- report
record nproc "$(nproc)"
record cpu "$(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo | tr ' ' '_')"
record curl_version "$(curl --version | awk 'NR == 1 { print $2 }')"
record nginx_version "$(nginx -v 2>&1 | awk -F/ '{ print $2 }')"
record pytest_parallel "$("$VENV/bin/python" -c 'import xdist' 2>/dev/null && echo xdist || echo none)"
echo
python3 scripts/bench/report.py "$RESULTS" docs/PERFORMANCE.md
