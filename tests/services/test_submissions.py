"""The submission service's idempotency fingerprint, which stored submissions depend on."""

from __future__ import annotations

from grader.services.submissions import request_hash


def test_the_fingerprint_of_a_request_is_the_one_stored_submissions_carry() -> None:
    # Values stored by earlier releases: a new fingerprint would refuse their keys' replays.
    assert (
        request_hash(
            question_id="q1",
            code="print(1)\n\udcff",
            metadata={"a": "b"},
            callback_url="https://lms.example/hook",
        )
        == "ef34cf66fd453b27294b173336945e17423dc3186aba346ee2686bc1e5e1aa8f"
    )
    assert request_hash(question_id="q1", code="x", metadata={}, callback_url=None) == (
        "5428cc7ae301ac24fd6e744efe43dc69a8bed1a4ab9b8ee4eded837a7448fa2d"
    )


def test_any_field_changes_the_fingerprint() -> None:
    def fingerprint(
        question_id: str = "q1",
        code: str = "x",
        metadata: dict[str, str] | None = None,
        callback_url: str | None = None,
    ) -> str:
        return request_hash(
            question_id=question_id,
            code=code,
            metadata=metadata or {},
            callback_url=callback_url,
        )

    fingerprints = {
        fingerprint(),
        fingerprint(question_id="q2"),
        fingerprint(code="y"),
        fingerprint(metadata={"k": "v"}),
        fingerprint(callback_url="https://lms.example/hook"),
    }
    assert len(fingerprints) == 5
