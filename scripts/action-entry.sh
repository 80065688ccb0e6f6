#!/usr/bin/env bash
# The GitHub Action's run step (action.yml), also run by the tests against assay-target on loopback.
# Inputs come from the environment, as action.yml passes them:
#   ASSAY_BIN          the assay binary (default: assay on PATH)
#   INPUT_TARGET       base URL (required, unless the config or ASSAY_TARGET names one)
#   INPUT_SUITES       suite files and folders, separated by spaces or newlines (default: the config's, else Suites/)
#   INPUT_CONFIG       config file;  INPUT_MODE  strict|permissive
#   INPUT_TAGS, INPUT_SKIP_TAGS   tags, separated by commas, spaces or newlines
#   INPUT_OUTPUT       reports folder (default: assay-reports): junit.xml, report.json, report.md,
#                      report.html, badge.svg, and console.txt (the console output)
#   INPUT_ARGS         more `assay run` options, split on whitespace (e.g. --shard 1/4 --score-label OpenAI)
# Writes passed, failed, skipped, exit-code and reports to $GITHUB_OUTPUT. assay appends its Markdown
# report to $GITHUB_STEP_SUMMARY itself; when nothing ran (exit 2) this script writes why there.
# Exits with assay's exit code.
set -uo pipefail
assay=${ASSAY_BIN:-assay}
output=${INPUT_OUTPUT:-assay-reports}
mkdir -p "$output" || exit 2

arguments=(run)
read -r -d '' -a suites <<<"${INPUT_SUITES:-}"
arguments+=("${suites[@]}")
if [ -n "${INPUT_TARGET:-}" ]; then arguments+=(--target "$INPUT_TARGET"); fi
if [ -n "${INPUT_CONFIG:-}" ]; then arguments+=(--config "$INPUT_CONFIG"); fi
if [ -n "${INPUT_MODE:-}" ]; then arguments+=(--mode "$INPUT_MODE"); fi
tag_list=${INPUT_TAGS:-} skip_tag_list=${INPUT_SKIP_TAGS:-}
read -r -d '' -a tags <<<"${tag_list//,/ }"
for tag in "${tags[@]}"; do arguments+=(--tag "$tag"); done
read -r -d '' -a skip_tags <<<"${skip_tag_list//,/ }"
for tag in "${skip_tags[@]}"; do arguments+=(--skip-tag "$tag"); done
read -r -d '' -a extra <<<"${INPUT_ARGS:-}"
arguments+=("${extra[@]}" --out "$output" --no-color)

"$assay" "${arguments[@]}" 2>&1 | tee "$output/console.txt"
code=${PIPESTATUS[0]}

# The console's last line is exactly "N passed, N failed, N skipped" whenever cases ran.
passed=0 failed=0 skipped=0
summary=$(grep -E '^[0-9]+ passed, [0-9]+ failed, [0-9]+ skipped$' "$output/console.txt" | tail -n 1)
if [ -n "$summary" ]; then
  read -r passed _ failed _ skipped _ <<<"${summary//,/}"
fi

if [ -n "${GITHUB_OUTPUT:-}" ]; then
  {
    echo "passed=$passed"
    echo "failed=$failed"
    echo "skipped=$skipped"
    echo "exit-code=$code"
    echo "reports=$output"
  } >>"$GITHUB_OUTPUT"
fi
if [ -z "$summary" ] && [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
  {
    echo "### assay: nothing was run (exit $code)"
    echo
    echo '```'
    tail -n 20 "$output/console.txt"
    echo '```'
  } >>"$GITHUB_STEP_SUMMARY"
fi
exit "$code"
