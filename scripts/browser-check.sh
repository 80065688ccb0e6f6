#!/usr/bin/env bash
# `make test-browser`: the HTML report of a real pack run, checked as a person sees it. The pack runs
# twice against the reference target (healthy, then with one contract broken, sharing a history so
# the trend has two runs), and headless Chromium renders the second run's report.html; the DOM is
# checked against report.json by scripts/browser-check.py, which also saves a screenshot.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${1:-$(swift build --show-bin-path)}
CHROMIUM=${CHROMIUM:-$(command -v chromium || command -v chromium-browser || true)}
if [ -z "$CHROMIUM" ]; then
  echo "browser check: chromium is missing (apt-get install -y chromium; .ci/run installs it)" >&2
  exit 1
fi
source scripts/target.sh
trap stop_target EXIT
OUT=.build/browser
rm -rf "$OUT" && mkdir -p "$OUT"

export ASSAY_TOKEN="sk-browser-$RANDOM$RANDOM"
export ASSAY_LIMITED_TOKEN="sk-limited-$RANDOM$RANDOM"
export ASSAY_RATE_TOKEN="sk-rate-$RANDOM$RANDOM"
read -r -a PACK_ARGS < Suites/openai-compat/reference-target.args
TARGET_ARGS=(--token "$ASSAY_TOKEN" --token "$ASSAY_LIMITED_TOKEN=embeddings:write" --token "$ASSAY_RATE_TOKEN=models:read" "${PACK_ARGS[@]}")

start_target "$BIN" "$OUT/target-healthy.log" --mode strict "${TARGET_ARGS[@]}"
"$BIN/assay" run Suites --target "$TARGET_URL" --score-label OpenAI --history "$OUT/history.jsonl" --out "$OUT/healthy" >"$OUT/healthy.log" || {
  echo "browser check: the healthy run failed" >&2; cat "$OUT/healthy.log" >&2; exit 1; }
stop_target

start_target "$BIN" "$OUT/target-fault.log" --mode strict --fault no-trace-on-500 "${TARGET_ARGS[@]}"
code=0
"$BIN/assay" run Suites --target "$TARGET_URL" --score-label OpenAI --history "$OUT/history.jsonl" --out "$OUT/fault" >"$OUT/fault.log" || code=$?
stop_target
if [ "$code" -ne 1 ]; then echo "browser check: the faulted run exited $code, expected 1" >&2; cat "$OUT/fault.log" >&2; exit 1; fi

python3 scripts/browser-check.py "$CHROMIUM" "$OUT/fault" "$OUT/report.png"
