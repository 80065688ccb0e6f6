"""The benchmark's pytest + httpx suite: the seed's original approach, doing what each assay
case does. One test per case (parametrized), each checking status, a header equality, a
header pattern and the JSON body against the golden with its matchers.

The cases come from the file in $BENCH_CASES (written by generate.py). Sequential runs use
one httpx.Client per process (keep-alive, like assay's worker); `pytest -n 8` (pytest-xdist)
gives each of the 8 worker processes its own client.
"""
import json
import os
import re

import httpx
import pytest

with open(os.environ["BENCH_CASES"]) as source:
    CASES = json.load(source)

HEX32 = re.compile(r"[0-9a-f]{32}")
EQUAL_NAME, EQUAL_VALUE = CASES["equal"]
MATCHED_NAME = CASES["matched"]


@pytest.fixture(scope="session")
def client():
    with httpx.Client(
        base_url=CASES["base"], headers={"Authorization": "Bearer " + CASES["token"]}, timeout=30
    ) as shared:
        yield shared


def check_golden(body):
    """The golden {"object":"model","id":"{{string}}","created":"{{unix-time}}","owned_by":"{{string}}"}, exactly."""
    assert set(body) == {"object", "id", "created", "owned_by"}
    assert body["object"] == "model"
    assert isinstance(body["id"], str)
    assert isinstance(body["created"], int) and not isinstance(body["created"], bool) and body["created"] >= 0
    assert isinstance(body["owned_by"], str)


@pytest.mark.parametrize("path", CASES["paths"])
def test_case(client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert response.headers.get(EQUAL_NAME) == EQUAL_VALUE
    assert HEX32.fullmatch(response.headers.get(MATCHED_NAME, ""))
    check_golden(response.json())
