#!/usr/bin/env bash
# `make deep-json-check`: runs a built `assay` (release by default, where frames differ from the
# debug build the tests use) against a loopback server answering JSON nested 300, 600, 10,000 and
# 1,000,000 deep. The run must end with exit 1 (the deep cases fail, classified), not a crash, and
# write its reports. Usage: scripts/deep-json-check.sh [BIN_DIR]
set -uo pipefail
cd "$(dirname "$0")/.."
BIN=$(cd "${1:-.build-release/release}" && pwd)
WORK=$(mktemp -d)
trap 'kill "$SERVER" 2>/dev/null; rm -rf "$WORK"' EXIT

# The server answers /arrays/N and /objects/N with N nested levels, anything else with {"ok":true}.
python3 -u - "$WORK/port" <<'PY' &
import http.server, sys
class Deep(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        parts = self.path.strip("/").split("/")
        if len(parts) == 2 and parts[1].isdigit():
            n = int(parts[1])
            body = ("[" * n + "1" + "]" * n) if parts[0] == "arrays" else ('{"a":' * n + "1" + "}" * n)
        else:
            body = '{"ok":true}'
        data = body.encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)
    def log_message(self, *args):
        pass
server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Deep)
open(sys.argv[1], "w").write(str(server.server_address[1]))
server.serve_forever()
PY
SERVER=$!
for _ in $(seq 100); do [ -s "$WORK/port" ] && break; sleep 0.05; done
PORT=$(cat "$WORK/port")

cases='{"name": "ok", "request": {"path": "/ok"}, "expect": {"body": {"ok": true}}}'
for depth in 300 600 10000 1000000; do
  for shape in arrays objects; do
    cases+=", {\"name\": \"$shape $depth\", \"request\": {\"path\": \"/$shape/$depth\"}, \"expect\": {\"body\": {\"ok\": true}}}"
  done
done
mkdir -p "$WORK/Suites"
echo "{\"name\": \"deep\", \"cases\": [$cases]}" > "$WORK/Suites/deep.jsonc"

status=0
for parallel in 1 8; do
  rm -rf "$WORK/out"
  (cd "$WORK" && "$BIN/assay" run Suites --target "http://127.0.0.1:$PORT" --parallel "$parallel" --out out) \
    > "$WORK/console" 2>&1
  code=$?
  if [ "$code" != 1 ] || [ ! -s "$WORK/out/report.json" ] || [ ! -s "$WORK/out/junit.xml" ] \
    || ! grep -q "nesting depth exceeds the limit" "$WORK/console"; then
    echo "deep-json-check: FAILED with --parallel $parallel (exit $code)"; tail -20 "$WORK/console"; status=1
  else
    echo "deep-json-check: --parallel $parallel: $(tail -1 "$WORK/console"), exit $code, reports written"
  fi
done
exit $status
