#!/usr/bin/env python3
"""Generates one benchmark workload for `scripts/bench.sh`.

The same N requests are written three ways, so assay, the curl CLI and pytest + httpx do
the same work:

  OUT/Suites/bench-KK.jsonc  assay suites (1,000 cases per file): GET, a status check, a
                             header equality, a header matcher and a JSON golden with matchers
  OUT/Goldens/model.json     the one golden every case shares
  OUT/curl.cfg               a curl config: the same URLs and Authorization header, bodies to /dev/null
  OUT/cases.json             the same cases for the pytest suite (scripts/bench/test_bench.py)

Usage: generate.py --kind nginx|target --base URL --count N --token TOKEN --out DIR
"""
import argparse
import json
import os

# What each kind of server sends back, and therefore what every case checks.
KINDS = {
    # nginx (scripts/bench/nginx.conf): one static JSON file for every /v1/models/bench-N, a fixed
    # X-Bench header and X-Request-Id = $request_id (32 hex digits).
    "nginx": {
        "path": lambda n: f"/v1/models/bench-{n}",
        "equal": ("X-Bench", "assay"),
        "matched": ("X-Request-Id", "{{hex:32}}"),
    },
    # assay-target: its two models alternate; every /v1 response carries X-Trace-Id (32 hex digits).
    "target": {
        "path": lambda n: "/v1/models/" + ("assay-small" if n % 2 == 0 else "assay-large"),
        "equal": ("Content-Type", None),  # filled from --content-type
        "matched": ("X-Trace-Id", "{{hex:32}}"),
    },
}

# Shared by both servers: nginx serves {"object":"model","id":"bench-1","created":1700000000,"owned_by":"bench"}.
GOLDEN = {"object": "model", "id": "{{string}}", "created": "{{unix-time}}", "owned_by": "{{string}}"}
PER_FILE = 1000


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--kind", choices=KINDS, required=True)
    parser.add_argument("--base", required=True, help="http://127.0.0.1:PORT")
    parser.add_argument("--count", type=int, required=True)
    parser.add_argument("--token", required=True)
    parser.add_argument("--content-type", default="application/json")
    parser.add_argument("--out", required=True)
    args = parser.parse_args()

    kind = KINDS[args.kind]
    equal_name, equal_value = kind["equal"]
    equal_value = equal_value or args.content_type
    matched_name, matched_pattern = kind["matched"]
    os.makedirs(os.path.join(args.out, "Suites"), exist_ok=True)
    os.makedirs(os.path.join(args.out, "Goldens"), exist_ok=True)

    with open(os.path.join(args.out, "Goldens", "model.json"), "w") as golden:
        json.dump(GOLDEN, golden, indent=2)

    paths = [kind["path"](n) for n in range(args.count)]
    for first in range(0, args.count, PER_FILE):
        cases = [
            {
                "name": f"case {n}",
                "request": {"path": paths[n]},
                "expect": {
                    "status": 200,
                    "headers": {equal_name: equal_value, matched_name: matched_pattern},
                    "golden": "model.json",
                },
            }
            for n in range(first, min(first + PER_FILE, args.count))
        ]
        suite = {
            "name": f"bench-{first // PER_FILE:02d}",
            # The token comes from the environment, so assay treats it as a secret (redacted).
            "variables": {"token": "${env:BENCH_TOKEN}"},
            "defaults": {"headers": {"Authorization": "Bearer ${token}"}},
            "cases": cases,
        }
        with open(os.path.join(args.out, "Suites", f"bench-{first // PER_FILE:02d}.jsonc"), "w") as out:
            json.dump(suite, out, indent=1)

    # curl applies options before the first URL to every transfer; each url gets its own output.
    with open(os.path.join(args.out, "curl.cfg"), "w") as cfg:
        cfg.write(f'header = "Authorization: Bearer {args.token}"\n')
        cfg.write("silent\nfail\n")
        for path in paths:
            cfg.write(f'url = "{args.base}{path}"\noutput = "/dev/null"\n')

    with open(os.path.join(args.out, "cases.json"), "w") as out:
        json.dump(
            {
                "base": args.base,
                "token": args.token,
                "paths": paths,
                "equal": [equal_name, equal_value],
                "matched": matched_name,
            },
            out,
        )


if __name__ == "__main__":
    main()
