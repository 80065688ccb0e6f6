#!/usr/bin/env bash
# The shipped pack's wall time against its critical path (docs/PERFORMANCE.md, "Scheduling the
# shipped pack"): runs `assay run Suites` against assay-target with the pack's reference settings
# and prints the wall time, the longest non-exclusive case, the exclusive cases' sum and their ratio.
# Take the critical path from a `--parallel 1` run, where every case runs by itself.
# usage: scripts/pack-timing.sh BIN_DIR PARALLEL [RUNS]
set -uo pipefail
cd "$(dirname "$0")/.."
BIN=$1; PAR=$2; RUNS=${3:-1}
OUT=.build/pack-timing
mkdir -p "$OUT"
source scripts/target.sh
trap stop_target EXIT
export ASSAY_TOKEN="sk-demo-$RANDOM$RANDOM" ASSAY_LIMITED_TOKEN="sk-limited-$RANDOM$RANDOM" ASSAY_RATE_TOKEN="sk-rate-$RANDOM$RANDOM"
read -r -a PACK_ARGS < Suites/openai-compat/reference-target.args
for i in $(seq 1 $RUNS); do
start_target "$BIN" "$OUT"/target.log --mode strict --token "$ASSAY_TOKEN" --token "$ASSAY_LIMITED_TOKEN=embeddings:write" --token "$ASSAY_RATE_TOKEN=models:read" "${PACK_ARGS[@]}" || exit 1
s=$(date +%s%N)
"$BIN/assay" run Suites --target "$TARGET_URL" --mode strict --parallel "$PAR" --json "$OUT"/pack.json > "$OUT"/pack.log 2>&1
code=$?
e=$(date +%s%N)
stop_target
python3 - "$code" "$(( (e-s)/1000000 ))" "$OUT/pack.json" <<'PY'
import json,sys
r=json.load(open(sys.argv[3]))
cases=[c for s in r['suites'] for c in s['cases']]
longest=max(cases,key=lambda c:c.get('durationMs',0))
excl=[c for c in cases if c.get('exclusive')]
ex=sum(c.get('durationMs',0) for c in excl)
lng=max(c.get('durationMs',0) for c in cases if not c.get('exclusive'))
crit=ex+lng
wall=r.get('durationMs')
print(f"exit={sys.argv[1]} wall={wall:.0f}ms(shell {sys.argv[2]}ms) cases={len(cases)} longest-nonexcl={lng:.0f} exclusive={len(excl)} sum={ex:.0f} critical={crit:.0f} ratio={wall/crit:.2f}")
PY
done
