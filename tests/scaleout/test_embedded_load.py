"""The embedded default (SQLite, in-process workers, no Redis) under 32 clients at once."""

from __future__ import annotations

from benchmarks.embedded_load import run


def test_1000_submissions_from_32_clients_are_all_graded_once_without_a_server_error() -> None:
    report = run(1000, 32)
    print(
        f"\nembedded: {report['graded_once']:.0f} graded once in {report['seconds']:.1f} s, "
        f"{report['graded_per_second']:.1f}/s"
    )
    assert (report["accepted"], report["graded_once"], report["lost"]) == (1000, 1000, 0)
    assert (report["server_errors"], report["transport_errors"]) == (0, 0)
