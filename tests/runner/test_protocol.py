"""The protocol's framing and names: what each side writes, the other reads back."""

from __future__ import annotations

import pytest

from grader.runner import protocol


def job() -> protocol.Job:
    return {
        "protocol": protocol.PROTOCOL_VERSION,
        "code": "print(1)\n",
        "tests": "",
        "solution": "",
        "question": {"id": "q", "points": 1.0},
        "limits": {
            "wall_seconds": 2.0,
            "cpu_seconds": 1.0,
            "processes": 8,
            "output_bytes": 1024,
            "file_bytes": 1024,
            "truncate_output": False,
            "cpus": 1.0,
        },
        "harness_seconds": 5.0,
        "seed": 3,
        "serve_calls": False,
        "stdin_cases": [{"name": "one", "stdin": "1\n", "expected": "1\n"}],
        "files": ["out.csv"],
        "file_bytes": 4096,
    }


def test_a_job_reads_back_as_it_was_written() -> None:
    assert protocol.decode_job(protocol.encode_job(job())) == job()


@pytest.mark.parametrize("data", [b"[1]", b'{"protocol": 2}', b'{"code": "x"}'])
def test_a_job_of_another_protocol_is_refused(data: bytes) -> None:
    with pytest.raises(ValueError, match="does not speak this supervisor's protocol"):
        protocol.decode_job(data)


def test_the_harness_input_keeps_the_capture_after_its_header_byte_for_byte() -> None:
    candidate: protocol.CandidateReport = {
        "exit_code": 0,
        "signal": None,
        "timed_out": None,
        "oom_killed": False,
        "output_exceeded": False,
        "wall_ms": 10,
        "cpu_ms": 9,
        "peak_memory_bytes": None,
        "stdout": "a\nb\n",
        "stdout_bytes": 4,
        "stderr": "",
        "stderr_bytes": 0,
        "capture_bytes": 5,
        "capture_truncated": False,
    }
    header: protocol.HarnessInput = {
        "code": "x = 1\n",
        "tests": "",
        "question": {"id": "q", "points": 1.0},
        "candidate": candidate,
        "reference_capture": "",
        "solution": "",
        "seed": 0,
        "serve_calls": False,
        "stdin_cases": [],
        "files": {"out.csv": {"error": "missing"}},
    }
    capture = b'{"x"}\n\n\x00\xff'
    assert protocol.decode_harness_input(protocol.encode_harness_input(header, capture)) == (
        header,
        capture,
    )


def test_the_envelope_is_the_last_non_empty_line_and_only_an_object_counts() -> None:
    envelope: protocol.Envelope = {"protocol": 1, "error": "bad job: x"}
    written = protocol.encode_envelope(envelope).encode()
    assert protocol.read_envelope(b"noise\n" + written + b"\n\n") == envelope
    assert protocol.read_envelope(written + b"not json\n") is None
    assert protocol.read_envelope(b"[1, 2]\n") is None
    assert protocol.read_envelope(b"") is None


def test_artifact_names_and_their_stored_names() -> None:
    assert protocol.figure_artifact_name(0) == "figure-1.png"
    assert protocol.check_artifact_name("diff.png") == "check-diff.png"
    assert protocol.ARTIFACT_NAME.match("diff-2_b.png")
    for bad in ("../evil.png", "Diff.png", "diff.PNG", "-diff.png", "diff.gif", "a" * 52 + ".png"):
        assert not protocol.ARTIFACT_NAME.match(bad)
