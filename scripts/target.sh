# Shell helpers to start and stop assay-target for the demo and the benchmark.
# Source this file; it defines start_target and stop_target.

# start_target BIN_DIR LOG ARGS... : starts assay-target on a free port; sets TARGET_PID and TARGET_URL.
start_target() {
  local bin=$1 log=$2
  shift 2
  local portfile
  portfile=$(mktemp)
  "$bin/assay-target" --port 0 --port-file "$portfile" "$@" >"$log" 2>&1 &
  TARGET_PID=$!
  for _ in $(seq 1 100); do
    if [ -s "$portfile" ]; then break; fi
    if ! kill -0 "$TARGET_PID" 2>/dev/null; then echo "assay-target failed to start:" >&2; cat "$log" >&2; return 1; fi
    sleep 0.1
  done
  if [ ! -s "$portfile" ]; then echo "assay-target did not report its port" >&2; return 1; fi
  TARGET_URL="http://127.0.0.1:$(cat "$portfile")"
  rm -f "$portfile"
}

stop_target() {
  if [ -n "${TARGET_PID:-}" ]; then
    kill "$TARGET_PID" 2>/dev/null || true
    wait "$TARGET_PID" 2>/dev/null || true
    TARGET_PID=
  fi
}
