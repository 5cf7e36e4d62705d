"""The OpenAPI description tried by schemathesis: no server error, no undocumented status.

Deterministic and bounded: Hypothesis derandomized, a few examples per operation, over the
app in this process (the fake sandbox grades).
"""

from __future__ import annotations

import itertools
from collections import Counter
from typing import Any

import schemathesis
from fastapi import FastAPI
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis.checks import not_a_server_error
from schemathesis.core.result import Err, Ok
from schemathesis.generation import GenerationMode
from schemathesis.specs.openapi.checks import status_code_conformance

from tests.api.conftest import KeyMaker
from tests.api.server import in_process

EXAMPLES = 4  # per operation


def test_no_server_error_and_no_undocumented_status(app: FastAPI, make_key: KeyMaker) -> None:
    key = make_key("acme", "submit", "read", "review", "admin")
    headers = {"Authorization": f"Bearer {key}"}
    with in_process(app):  # the app started (lifespan), as a server runs it
        schema = schemathesis.openapi.from_asgi("/openapi.json", app)
        results = list(schema.get_all_operations())
        # Every operation of the description loads (an invalid one would be an Err).
        assert [r.err() for r in results if isinstance(r, Err)] == []
        operations = [r.ok() for r in results if isinstance(r, Ok)]
        tried: list[str] = []
        statuses: Counter[int] = Counter()
        for operation, mode in itertools.product(operations, GenerationMode):

            @given(case=operation.as_strategy(generation_mode=mode))
            @settings(
                max_examples=EXAMPLES,
                derandomize=True,
                deadline=None,
                database=None,
                suppress_health_check=list(HealthCheck),
            )
            def check(case: Any) -> None:
                response = case.call_and_validate(
                    headers=headers, checks=[not_a_server_error, status_code_conformance]
                )
                statuses[response.status_code] += 1

            try:
                check()
            except Unsatisfiable:
                # Nothing of this operation can be made invalid (it takes no input).
                assert mode is GenerationMode.NEGATIVE, operation.label
                continue
            tried.append(f"{mode.value} {operation.label}")
    assert len(tried) > len(operations) >= 30
    # Both valid requests and invalid ones were sent, and none failed on the server's side.
    assert statuses[422] > 0
    assert sum(n for status, n in statuses.items() if status < 300) > 0
    assert [status for status in statuses if status >= 500] == []
