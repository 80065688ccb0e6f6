#!/usr/bin/env python3
"""Turns the raw numbers of `scripts/bench.sh` (RESULTS: "key value" lines) into the results
table: prints it, and replaces the part of docs/PERFORMANCE.md between the bench markers with
it, leaving the hand-written analysis around the markers alone.

The OpenAPI validation numbers go between their own markers, so `BENCH_SECTIONS=openapi` can
rewrite them alone (`--openapi-only`).

Usage: report.py [--openapi-only] RESULTS PERFORMANCE.md
"""
import datetime
import os
import sys

BEGIN = "<!-- bench:begin (written by scripts/bench.sh; do not edit by hand) -->"
END = "<!-- bench:end -->"
OPENAPI_BEGIN = "<!-- bench-openapi:begin (written by scripts/bench.sh; do not edit by hand) -->"
OPENAPI_END = "<!-- bench-openapi:end -->"


def load(path):
    values = {}
    with open(path) as source:
        for line in source:
            key, _, value = line.strip().partition(" ")
            if key:
                values[key] = value
    return values


def number(values, key):
    return float(values[key]) if key in values else None


def ratio(a, b):
    return a / b if a is not None and b else None


def fmt(value, digits=2, suffix=""):
    return "n/a" if value is None else f"{value:.{digits}f}{suffix}"


def verdict(ok):
    return "n/a" if ok is None else ("**met**" if ok else "**missed**")


def render(values):
    cases = int(values["cases"])
    lines = []
    add = lines.append
    add(f"Measured {datetime.date.today().isoformat()} with `make bench` on {values['nproc']} cores "
        f"({values['cpu'].replace('_', ' ')}); curl {values['curl_version']}, nginx {values['nginx_version']}. "
        f"Each run sends {cases} requests. assay and curl run alternately, {values.get('runs', 'n/a')} times each: "
        "their times are medians, and assay/curl is the median of the per-pair ratios, so both sides meet the same "
        f"moments of a shared, noisy machine. pytest: best of {values['repeats']} runs (each takes seconds), set "
        "against assay's best run in the assay/pytest column. Read the ratios, not the milliseconds.")
    add("")
    add("| server | N | assay ms | curl ms | pytest ms | assay/curl | assay/pytest | overhead µs/request |")
    add("|---|---|---|---|---|---|---|---|")
    targets = {}
    for server, label in (("nginx", "nginx (static JSON)"), ("target", "assay-target")):
        for n in (1, 8):
            assay = number(values, f"assay-{server}-p{n}")
            curl = number(values, f"curl-{server}-p{n}")
            pytest = number(values, f"pytest-{server}-p{n}")
            overhead = (assay - curl) * 1000 / cases if assay is not None and curl is not None else None
            # pytest is timed best-of (its runs take seconds), so it is set against assay's best run.
            assay_best = number(values, f"best-assay-{server}-p{n}") or assay
            versus_curl = number(values, f"ratio-assay-{server}-p{n}") or ratio(assay, curl)
            add(f"| {label} | {n} | {fmt(assay, 1)} | {fmt(curl, 1)} | {fmt(pytest, 1)} | "
                f"{fmt(versus_curl)}× | {fmt(ratio(assay_best, pytest), 3)}× | {fmt(overhead, 0)} |")
            targets[(server, n)] = (versus_curl, ratio(pytest, assay_best), ratio(pytest, curl))
    add("")
    pytest_mode = ("pytest-xdist (`-n 8`, 8 worker processes, one httpx.Client each)"
                   if values.get("pytest_parallel") == "xdist" else "not measured (pytest-xdist missing)")
    add(f"pytest at N=1 is sequential with one keep-alive `httpx.Client`; at N=8 it is {pytest_mode}. "
        "The overhead column is (assay − curl) / requests: what assay's checking costs per request beyond "
        "raw curl, negative when assay finished first.")
    add("")
    rss_small = number(values, f"rss-{cases}")
    big = int(values["big_cases"])
    rss_big = number(values, f"rss-{big}")
    add("| memory and start-up | value |")
    add("|---|---|")
    add(f"| peak RSS, {cases} cases, `--parallel 8` vs nginx | {fmt(rss_small / 1024 if rss_small else None, 1)} MiB |")
    add(f"| peak RSS, {big} cases, `--parallel 8` vs nginx | {fmt(rss_big / 1024 if rss_big else None, 1)} MiB |")
    add(f"| RSS {big} / RSS {cases} | {fmt(ratio(rss_big, rss_small))}× |")
    true_ms = number(values, "startup-true")
    for key, label in (("version", "`assay --version`"), ("lint", "`assay lint Suites` (shipped pack)")):
        ms = number(values, f"startup-{key}")
        add(f"| {label} | {fmt(ms)} ms = {fmt(ratio(ms, true_ms), 1)}× `/bin/true` ({fmt(true_ms)} ms) |")
    add(f"| start-up timed with | {values.get('startup_tool', 'n/a')} |")
    add("")
    add("| budget | measured | |")
    add("|---|---|---|")
    for n in (1, 8):
        r, _, _ = targets[("nginx", n)]
        add(f"| within 1.25× of curl vs nginx, N={n} | {fmt(r)}× | {verdict(None if r is None else r <= 1.25)} |")
    for n in (1, 8):
        for server in ("nginx", "target"):
            _, speedup, curl_speedup = targets[(server, n)]
            # curl sends the same requests and checks nothing: where it is not 10x faster than pytest
            # either, the server's round trip bounds the ratio, not assay.
            add(f"| ≥10× faster than pytest+httpx, {server}, N={n} | {fmt(speedup, 1)}× faster "
                f"(curl: {fmt(curl_speedup, 1)}×) | {verdict(None if speedup is None else speedup >= 10)} |")
    rss_ratio = ratio(rss_big, rss_small)
    add(f"| RSS at {big} ≤ 1.5× RSS at {cases} | {fmt(rss_ratio)}× | "
        f"{verdict(None if rss_ratio is None else rss_ratio <= 1.5)} |")
    return "\n".join(lines)


def render_openapi(values):
    cases = int(values["cases"])
    lines = []
    add = lines.append
    add(f"Measured {datetime.date.today().isoformat()} with `make bench` on {values['nproc']} cores "
        f"({values['cpu'].replace('_', ' ')}). The bench workload ({cases} requests) run with and without "
        f"`--openapi`, alternately, {values.get('runs', 'n/a')} times each; times are medians, the ratio is the "
        "median of the per-pair ratios. Against nginx the description is OpenAI's (3 MB of YAML, read at every "
        "start); against assay-target, its own `/openapi.json`.")
    add("")
    # What `--openapi` costs once a run (read, index, first compile): a one-request run with it less
    # the same run without it.
    yaml_ms = number(values, "parse-yaml")
    small_ms = number(values, "parse-small")
    reads = {}
    for server in ("nginx", "target"):
        with_one = number(values, f"openapi-one-{server}")
        plain_one = number(values, f"plain-one-{server}")
        reads[server] = max(0.0, with_one - plain_one) if None not in (with_one, plain_one) else None
    add("| server | N | with `--openapi` ms | without ms | whole run | once a run ms | per request, the once apart | "
        "overhead µs/request |")
    add("|---|---|---|---|---|---|---|---|")
    worst = None
    worst_whole = None
    for server, label in (("nginx", "nginx, OpenAI's description"), ("target", "assay-target, its own")):
        for n in (1, 8):
            with_ms = number(values, f"openapi-{server}-p{n}")
            plain_ms = number(values, f"plain-{server}-p{n}")
            r = number(values, f"ratio-openapi-{server}-p{n}")
            read = reads[server]
            # The paired ratio less the read's share of the run, so that a row without a read shows
            # the paired ratio itself (a ratio of the two medians moves more on a noisy machine).
            apart = r - read / plain_ms if None not in (r, plain_ms, read) and plain_ms else None
            overhead = ((with_ms - (read or 0) - plain_ms) * 1000 / cases
                        if with_ms is not None and plain_ms is not None else None)
            add(f"| {label} | {n} | {fmt(with_ms, 1)} | {fmt(plain_ms, 1)} | {fmt(r)}× | {fmt(read, 0)} | "
                f"{fmt(apart)}× | {fmt(overhead, 0)} |")
            if apart is not None:
                worst = apart if worst is None else max(worst, apart)
            if r is not None:
                worst_whole = r if worst_whole is None else max(worst_whole, r)
    add("")
    add("*Whole run* is the median of the per-pair ratios, everything included. *Once a run* is what "
        "`--openapi` costs a run whatever its length (reading the description, indexing its operations, "
        "compiling the schemas the first answer needs): a one-request run with it less the same run without "
        "it, medians of alternating runs. *Per request, the once apart* is the whole-run ratio less that "
        "cost's share of the run without `--openapi`; *overhead* is what each request pays beyond it, "
        "from the medians.")
    add("")
    json_ms = number(values, "parse-json")
    yaml_mb = number(values, "parse_yaml_bytes")
    json_mb = number(values, "parse_json_bytes")
    add("| parsing OpenAI's description (`openapi check --rule servers`, whole process) | ms | against JSON |")
    add("|---|---|---|")
    add(f"| YAML, {fmt(yaml_mb / 1e6 if yaml_mb else None, 1)} MB | {fmt(yaml_ms, 1)} | "
        f"{fmt(number(values, 'ratio-parse-yaml'))}× |")
    add(f"| the same as JSON, {fmt(json_mb / 1e6 if json_mb else None, 1)} MB | {fmt(json_ms, 1)} | 1× |")
    add(f"| assay-target's own, 10 KB (the start-up and the rule, nearly no read) | {fmt(small_ms, 1)} | |")
    add("")
    add("| budget | measured | |")
    add("|---|---|---|")
    add(f"| `--openapi` per request within 10 % of the run's time, the once-a-run cost apart (worst of the four) | "
        f"{fmt(worst)}× | {verdict(None if worst is None else worst <= 1.10)} |")
    add(f"| (not a budget) the whole run, the read of OpenAI's 3 MB description included (worst) | "
        f"{fmt(worst_whole)}× | |")
    add(f"| a several-MB real description parses well under a second | {fmt(yaml_ms, 0)} ms | "
        f"{verdict(None if yaml_ms is None else yaml_ms < 1000)} |")
    return "\n".join(lines)


def replace_block(text, begin, end, table):
    if begin not in text or end not in text:
        text = text.rstrip("\n") + f"\n\n{begin}\n{end}\n"
    head, rest = text.split(begin, 1)
    _, tail = rest.split(end, 1)
    return f"{head}{begin}\n{table}\n{end}{tail}"


def main():
    arguments = sys.argv[1:]
    openapi_only = arguments[0] == "--openapi-only"
    if openapi_only:
        arguments = arguments[1:]
    values = load(arguments[0])
    path = arguments[1]
    text = open(path).read() if os.path.exists(path) else f"# Performance\n\n{BEGIN}\n{END}\n"
    if not openapi_only:
        table = render(values)
        print(table)
        text = replace_block(text, BEGIN, END, table)
    if "ratio-openapi-nginx-p1" in values:
        table = render_openapi(values)
        print(table)
        text = replace_block(text, OPENAPI_BEGIN, OPENAPI_END, table)
    with open(path, "w") as out:
        out.write(text)
    print(f"\nwritten to {path}")


if __name__ == "__main__":
    main()
