"""The candidate phase, without a container: only a well-formed done line counts."""

from __future__ import annotations

from grader.runner.candidate_phase import _done_status


def test_only_a_well_formed_done_line_counts() -> None:
    assert _done_status(b'{"done": 0}') == 0
    assert _done_status(b'{"done": 1}') == 1
    for forged in (b'{"done": 256}', b'{"done": true}', b'{"done": "0"}', b"[0]", b"{"):
        assert _done_status(forged) is None
