#!/usr/bin/env bash
# `make demo`: runs the shipped contract pack against the bundled reference target in
# strict and permissive mode, then once against a deliberately broken target so the
# failure output can be seen. Exits non-zero only if a healthy run fails.
set -uo pipefail
cd "$(dirname "$0")/.."
BIN=${1:-$(swift build --show-bin-path)}
source scripts/target.sh
trap stop_target EXIT
OUT=.build/demo
mkdir -p "$OUT"

# Secrets come from the environment, never from arguments, so they are redacted everywhere.
export ASSAY_TOKEN="sk-demo-$RANDOM$RANDOM"
export ASSAY_LIMITED_TOKEN="sk-limited-$RANDOM$RANDOM"
export ASSAY_RATE_TOKEN="sk-rate-$RANDOM$RANDOM"
# The pack's reference-target settings (timings, rate limit), shared with the matrix test.
read -r -a PACK_ARGS < Suites/openai-compat/reference-target.args
TARGET_ARGS=(--token "$ASSAY_TOKEN" --token "$ASSAY_LIMITED_TOKEN=embeddings:write" --token "$ASSAY_RATE_TOKEN=models:read" "${PACK_ARGS[@]}")
status=0

for mode in strict permissive; do
  echo
  echo "=== the pack against a healthy assay-target, $mode mode ==="
  start_target "$BIN" "$OUT/target-$mode.log" --mode "$mode" "${TARGET_ARGS[@]}" || exit 1
  "$BIN/assay" run Suites --target "$TARGET_URL" --mode "$mode" --score-label "OpenAI" \
    --out "$OUT/$mode"
  code=$?
  stop_target
  echo "exit code: $code"
  [ "$code" -eq 0 ] || status=1
done

echo
echo "=== the same pack against a target that breaks two contracts (--fault error-inside-200-stream --fault no-trace-on-500) ==="
start_target "$BIN" "$OUT/target-fault.log" --mode strict --fault error-inside-200-stream --fault no-trace-on-500 "${TARGET_ARGS[@]}" || exit 1
"$BIN/assay" run Suites --target "$TARGET_URL" --mode strict --score-label "OpenAI" --json "$OUT/fault.json"
code=$?
stop_target
echo "exit code: $code (1 is expected: the broken contract was caught)"
[ "$code" -eq 1 ] || status=1

echo
echo "reports: $OUT/"
exit $status
