#!/usr/bin/env bash
# make conformance: the official OpenAI Python SDK in strict mode, and Schemathesis with every check,
# against fresh assay-targets on 127.0.0.1; then the pack against real third-party servers
# (scripts/conformance-servers.sh), which writes docs/COMPATIBILITY.md. Not part of make test: it
# installs from PyPI.
set -euo pipefail
cd "$(dirname "$0")/.."

venv=.build/conformance/tools
# Debian's python3 makes virtual environments only with python3-venv installed.
if ! python3 -c 'import ensurepip' 2>/dev/null; then
  if [ "$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi
  $SUDO apt-get update -qq && $SUDO apt-get install -y -qq python3-venv
fi
mkdir -p .build/conformance
if [ ! -x "$venv/bin/python" ]; then python3 -m venv "$venv"; fi
"$venv/bin/pip" install --quiet --upgrade pip
"$venv/bin/pip" install --quiet openai schemathesis

full=sk-conformance-full
models=sk-conformance-models
pids=()
files=()
trap 'for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; rm -f "${files[@]}"' EXIT

# Starts a target with extra flags and sets `base` to its URL. Not run in `$(…)`: a subshell's
# `pids` would be lost, and the target left running after the script.
start_target() {
  local port_file
  port_file=$(mktemp)
  files+=("$port_file")
  .build/debug/assay-target --port 0 --port-file "$port_file" --token "$full" --token "$models=models:read" \
    "$@" >/dev/null &
  pids+=($!)
  while [ ! -s "$port_file" ]; do sleep 0.1; done
  base="http://127.0.0.1:$(cat "$port_file")"
}

status=0
# The models-only token doubles as the rate-limit probe: its bucket is per principal and route.
start_target --burst 20 --rate-limit 5
sdk_base=$base
echo "== OpenAI SDK, strict response validation"
"$venv/bin/python" Tests/Conformance/sdk_strict.py "$sdk_base" "$full" "$models" || status=1

# Keys expire at once here: Schemathesis reuses generated Idempotency-Key values with different bodies,
# which the target rightly answers 422 (the SDK run above covers replays). /v1/debug/fail exists
# to answer 500, which Schemathesis's server-error check always flags, so it is left out.
start_target --idempotency-ttl 0
st_base=$base
echo "== Schemathesis, every check, against $st_base/openapi.json"
"$venv/bin/schemathesis" run "$st_base/openapi.json" --url "$st_base" --checks all \
  --exclude-path /v1/debug/fail --header "Authorization: Bearer $full" \
  --max-examples "${CONFORMANCE_EXAMPLES:-25}" || status=1

scripts/conformance-servers.sh || status=1
exit $status
