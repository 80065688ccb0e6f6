#!/usr/bin/env python3
"""Writes docs/COMPATIBILITY.md for `make conformance`: the intro, the clause x target matrix
(from `assay matrix`), then per server what was observed by hand and every failing case of its
run beside its explanation.

Explanations live in Tests/Conformance/NAME/explanations.json, a list of
{"cases": REGEX over "suite/case", "why": TEXT}. A failure that no explanation matches is written
as UNEXPLAINED and the script exits 1: every failure the page shows must be a contract break that
it explains. An explanation that matches nothing is reported, so stale text does not linger.
"""

import argparse
import json
import os
import re
import sys

ROOT = os.path.normpath(os.path.join(os.path.dirname(__file__), ".."))
NOTES = os.path.join(ROOT, "Tests", "Conformance")


def cell(text):
    """A Markdown table cell: pipes escaped, one line."""
    return " ".join(str(text).split()).replace("|", "\\|")


def first_failure(case):
    """The first failed check (or the step error) of a case, as one short line."""
    for step in case.get("steps", []):
        for check in step.get("checks", []):
            if not check.get("passed") and not check.get("notExercised"):
                return check.get("message", "")
        if step.get("error"):
            return step["error"]
    return case.get("reason") or ""


def not_exercised_reason(case):
    for step in case.get("steps", []):
        for check in step.get("checks", []):
            if check.get("notExercised"):
                return check.get("message", "")
    return case.get("reason") or ""


def shorten(text, limit=160):
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def read(path):
    with open(path, encoding="utf-8") as handle:
        return handle.read()


def server_section(name, report, version):
    """The section of one server, and how many failures it left unexplained."""
    folder = os.path.join(NOTES, name)
    lines = [f"## {name}" + (f" {version}" if version else ""), ""]
    observed = os.path.join(folder, "observed.md")
    if os.path.exists(observed):
        lines += [read(observed).rstrip(), ""]
    summary = report["summary"]
    lines.append(
        f"Run: {summary['passed']} passed, {summary['failed']} failed, {summary.get('errors', 0)} not executed, "
        f"{summary.get('notExercised', 0)} not exercised, {summary['skipped']} skipped (unclaimed clauses, with "
        f"the profile's reason: `Suites/openai-compat/profiles/{name}.jsonc`)."
    )
    lines.append("")
    explanations_path = os.path.join(folder, "explanations.json")
    explanations = json.loads(read(explanations_path)) if os.path.exists(explanations_path) else []
    compiled = [(re.compile(entry["cases"]), entry["why"]) for entry in explanations]
    used = [False] * len(compiled)
    failed, unexercised = [], []
    for suite in report["suites"]:
        for case in suite["cases"]:
            key = f"{case['suite']}/{case['name']}"
            if case["verdict"] in ("failed", "error"):
                failed.append((key, case))
            elif case["verdict"] == "notExercised":
                unexercised.append((key, case))
    # Failures that share an explanation share a row: one broken behaviour usually fails several cases.
    groups = []
    by_why = {}
    unexplained = 0
    for key, case in failed:
        why = None
        for index, (pattern, text) in enumerate(compiled):
            if pattern.fullmatch(key):
                why, used[index] = text, True
                break
        if why is None:
            unexplained += 1
            groups.append(([key], first_failure(case),
                           "**UNEXPLAINED**: no entry in Tests/Conformance/%s/explanations.json" % name))
            continue
        if why in by_why:
            by_why[why][0].append(key)
        else:
            by_why[why] = ([key], first_failure(case), why)
            groups.append(by_why[why])
    if failed:
        lines += ["### Failures, explained", "",
                  "| cases | what the run saw (first case) | why it is a contract break |", "|---|---|---|"]
        for keys, seen, why in groups:
            names = ", ".join(f"`{cell(key)}`" for key in keys)
            lines.append(f"| {names} | {cell(shorten(seen))} | {cell(why)} |")
        lines.append("")
    else:
        lines += ["No case failed.", ""]
    if unexercised:
        lines += ["### Not exercised", "", "| case | why nothing could be observed |", "|---|---|"]
        for key, case in unexercised:
            lines.append(f"| `{cell(key)}` | {cell(shorten(not_exercised_reason(case), 220))} |")
        lines.append("")
    for index, entry in enumerate(explanations):
        if not used[index]:
            print(f"compatibility-doc: {name}: explanation for /{entry['cases']}/ matched no failure", file=sys.stderr)
    return lines, unexplained


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--matrix", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--versions", nargs="*", default=[])
    parser.add_argument("reports", nargs="+", help="NAME=REPORT.json, in column order")
    arguments = parser.parse_args()
    versions = dict(item.split("=", 1) for item in arguments.versions)

    lines = [
        "<!-- Written by `make conformance` (scripts/conformance-servers.sh, scripts/compatibility-doc.py)."
        " Edit Tests/Conformance/ instead. -->",
        read(os.path.join(NOTES, "compatibility-intro.md")).rstrip(),
        "",
        "## The matrix",
        "",
        # The matrix without its list of run URLs: the ports of a throwaway run mean nothing here.
        read(arguments.matrix).split("\nRuns:\n")[0].rstrip(),
        "",
    ]
    unexplained = 0
    for item in arguments.reports:
        name, path = item.split("=", 1)
        report = json.loads(read(path))
        section, missing = server_section(name, report, versions.get(name))
        lines += section
        unexplained += missing
    with open(arguments.out, "w", encoding="utf-8") as handle:
        handle.write("\n".join(lines).rstrip() + "\n")
    if unexplained:
        print(f"compatibility-doc: {unexplained} failure(s) have no explanation; see {arguments.out}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
