#!/usr/bin/env bash
# The pack against real third-party OpenAI-compatible servers (part of `make conformance`): installs
# each from PyPI into its own venv under .build/conformance/, starts it on 127.0.0.1, runs the pack
# with its profile (Suites/openai-compat/profiles/NAME.jsonc), then writes the clause × target
# matrix and docs/COMPATIBILITY.md, where every failure must carry an explanation
# (Tests/Conformance/NAME/explanations.json) or the script fails.
#
# Nothing may leave the machine: the servers answer from mocks, and every outbound HTTP client that
# honours the proxy variables is pointed at a closed loopback port.
set -euo pipefail
cd "$(dirname "$0")/.."

work=.build/conformance
mkdir -p "$work"
assay=.build/debug/assay

# Debian's python3 makes virtual environments only with python3-venv installed.
if ! python3 -c 'import ensurepip' 2>/dev/null; then
  echo "installing python3-venv"
  if [ "$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi
  $SUDO apt-get update -qq && $SUDO apt-get install -y -qq python3-venv
fi

# The versions the explanations were written against; a new release may behave differently.
LITELLM_VERSION=${LITELLM_VERSION:-1.108.7}
XPYD_SIM_VERSION=${XPYD_SIM_VERSION:-0.5.0}

pids=()
# Stops every server this script started, and waits for each, so none outlives the script.
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
}
trap cleanup EXIT

# venv NAME PACKAGE…: a virtual environment of its own per server, so their dependencies never clash.
venv() {
  local name=$1
  shift
  if [ ! -x "$work/$name/bin/python" ]; then python3 -m venv "$work/$name"; fi
  "$work/$name/bin/pip" install --quiet --disable-pip-version-check "$@"
}

# A free TCP port on 127.0.0.1 (the kernel picks it; the server binds it a moment later).
free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

# Whether URL answers at all (any status), straight to loopback whatever proxy the environment names.
answers() {
  python3 - "$1" <<'PY'
import sys, urllib.error, urllib.request
opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
try:
    opener.open(sys.argv[1], timeout=2)
except urllib.error.HTTPError:
    pass
except Exception:
    sys.exit(1)
PY
}

# wait_for URL LOG SECONDS: polls until the server answers, or shows its log and fails.
wait_for() {
  local url=$1 log=$2 limit=$3 waited=0
  until answers "$url"; do
    if [ "$waited" -ge "$((limit * 10))" ]; then
      echo "server at $url did not come up within ${limit}s; its log:" >&2
      tail -40 "$log" >&2
      return 1
    fi
    sleep 0.5
    waited=$((waited + 5))
  done
}

# Outbound HTTP goes nowhere: port 9 on loopback (discard) refuses, and loopback itself is exempt.
offline_env=(http_proxy=http://127.0.0.1:9 https_proxy=http://127.0.0.1:9 HTTP_PROXY=http://127.0.0.1:9
  HTTPS_PROXY=http://127.0.0.1:9 no_proxy=127.0.0.1,localhost,::1 NO_PROXY=127.0.0.1,localhost,::1)

# run_pack NAME URL TOKEN: the pack with NAME's profile; the report is $work/NAME.json.
run_pack() {
  local name=$1 url=$2 token=$3 status=0
  echo "== the pack against $name ($url)"
  ASSAY_TOKEN=$token ASSAY_LIMITED_TOKEN=$token ASSAY_RATE_TOKEN=$token \
    "$assay" run --config "Suites/openai-compat/profiles/$name.jsonc" --target "$url" --no-color \
    --score-label OpenAI --json "$work/$name.json" --markdown "$work/$name.md" >"$work/$name.log" 2>&1 || status=$?
  tail -2 "$work/$name.log"
  # 0 and 1 are verdicts; 2 (bad profile) and 3 (could not run) mean the run says nothing.
  if [ "$status" -gt 1 ]; then
    echo "assay run against $name exited $status; see $work/$name.log" >&2
    return 1
  fi
}

# --- the reference target, as the baseline column ---------------------------------------------
reference_token=sk-conformance-reference
port_file=$(mktemp)
.build/debug/assay-target --port 0 --port-file "$port_file" --token "$reference_token" \
  --token "$reference_token-limited=embeddings:write" --token "$reference_token-rate=models:read" \
  $(cat Suites/openai-compat/reference-target.args) >"$work/assay-target.server.log" 2>&1 &
pids+=($!)
while [ ! -s "$port_file" ]; do sleep 0.1; done
reference_url="http://127.0.0.1:$(cat "$port_file")"
rm -f "$port_file"
echo "== the pack against reference-target ($reference_url)"
reference_status=0
ASSAY_LIMITED_TOKEN=$reference_token-limited ASSAY_RATE_TOKEN=$reference_token-rate ASSAY_TOKEN=$reference_token \
  "$assay" run --config Suites/openai-compat/profiles/reference-target.jsonc --target "$reference_url" --no-color \
  --score-label OpenAI --json "$work/reference-target.json" >"$work/reference-target.log" 2>&1 || reference_status=$?
tail -2 "$work/reference-target.log"
if [ "$reference_status" -gt 1 ]; then
  echo "assay run against the reference target exited $reference_status; see $work/reference-target.log" >&2
  exit 1
fi

# --- LiteLLM's proxy ------------------------------------------------------------------------------
echo "== installing litellm[proxy]==$LITELLM_VERSION"
# prisma is only imported: without it, LiteLLM's error handler itself raises on a request with no key
# and the proxy answers a plain-text 500 (observed; see docs/COMPATIBILITY.md). No database is used.
venv litellm "litellm[proxy]==$LITELLM_VERSION" "prisma==${PRISMA_VERSION:-0.15.0}"
litellm_port=$(free_port)
litellm_key=sk-conformance-litellm-master
env "${offline_env[@]}" LITELLM_MASTER_KEY=$litellm_key LITELLM_LOCAL_MODEL_COST_MAP=True LITELLM_LOG=ERROR \
  "$work/litellm/bin/litellm" --config Tests/Conformance/litellm/config.yaml --host 127.0.0.1 \
  --port "$litellm_port" >"$work/litellm.server.log" 2>&1 &
pids+=($!)
wait_for "http://127.0.0.1:$litellm_port/health/liveliness" "$work/litellm.server.log" 180
run_pack litellm "http://127.0.0.1:$litellm_port" "$litellm_key"

# --- xpyd-sim -------------------------------------------------------------------------------------
echo "== installing xpyd-sim==$XPYD_SIM_VERSION"
venv xpyd-sim "xpyd-sim==$XPYD_SIM_VERSION"
xpyd_port=$(free_port)
xpyd_key=sk-conformance-xpyd-sim
env "${offline_env[@]}" "$work/xpyd-sim/bin/xpyd-sim" serve --host 127.0.0.1 --port "$xpyd_port" \
  --model assay-small --require-api-key "$xpyd_key" --eos-min-ratio 1.0 >"$work/xpyd-sim.server.log" 2>&1 &
pids+=($!)
wait_for "http://127.0.0.1:$xpyd_port/health" "$work/xpyd-sim.server.log" 120
run_pack xpyd-sim "http://127.0.0.1:$xpyd_port" "$xpyd_key"

# --- the matrix and the page ----------------------------------------------------------------------
reports=(reference-target="$work/reference-target.json" litellm="$work/litellm.json" xpyd-sim="$work/xpyd-sim.json")
"$assay" matrix "${reports[@]}" --score-label OpenAI --title "" --markdown "$work/matrix.md" \
  --html "$work/matrix.html"
python3 scripts/compatibility-doc.py --matrix "$work/matrix.md" --out docs/COMPATIBILITY.md \
  --versions "litellm=$LITELLM_VERSION" "xpyd-sim=$XPYD_SIM_VERSION" -- "${reports[@]}"
echo "wrote docs/COMPATIBILITY.md and $work/matrix.html"
