#!/usr/bin/env python3
"""Validates suite files against docs/suite.schema.json, so the schema editors use stays true to
the format the loader accepts. Usage: validate-suite-schema.py SCHEMA SUITE... (exit 1 on a problem)."""
import json
import re
import sys

import jsonschema


def strip_jsonc(text: str) -> str:
    """Removes // and /* */ comments outside strings, then trailing commas."""
    out, i, in_string = [], 0, False
    while i < len(text):
        c = text[i]
        if in_string:
            out.append(c)
            if c == "\\":
                out.append(text[i + 1])
                i += 2
                continue
            if c == '"':
                in_string = False
        elif c == '"':
            in_string = True
            out.append(c)
        elif text.startswith("//", i):
            while i < len(text) and text[i] != "\n":
                i += 1
            continue
        elif text.startswith("/*", i):
            i = text.index("*/", i) + 2
            continue
        else:
            out.append(c)
        i += 1
    return re.sub(r",(\s*[}\]])", r"\1", "".join(out))


def main() -> int:
    schema = json.load(open(sys.argv[1]))
    validator = jsonschema.Draft202012Validator(schema)
    problems = 0
    for path in sys.argv[2:]:
        document = json.loads(strip_jsonc(open(path).read()))
        for error in validator.iter_errors(document):
            where = "/".join(str(part) for part in error.absolute_path)
            print(f"{path}: {where}: {error.message}")
            problems += 1
    print(f"{len(sys.argv) - 2} suite(s), {problems} schema problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
