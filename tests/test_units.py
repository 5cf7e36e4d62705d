"""Sizes and durations for readable reports, exactly as printed."""

from __future__ import annotations

import pytest

from grader import units


@pytest.mark.parametrize(
    ("count", "shown"),
    [
        (0, "0 bytes"),
        (1, "1 byte"),
        (1023, "1023 bytes"),
        (1024, "1.0 KiB"),
        (1536, "1.5 KiB"),
        (58_486_784, "55.8 MiB"),
        (512 * 1024 * 1024, "512.0 MiB"),
        (3 * 1024**3, "3.0 GiB"),
        (5 * 1024**5, "5120.0 TiB"),
    ],
)
def test_sizes_use_binary_units(count: int, shown: str) -> None:
    assert units.size(count) == shown


@pytest.mark.parametrize(
    ("milliseconds", "shown"),
    [
        (0, "0 ms"),
        (999, "999 ms"),
        (1000, "1.0 s"),
        (2449, "2.4 s"),
        (59_949, "59.9 s"),
        (60_000, "1 min 0 s"),
        (125_400, "2 min 5 s"),
    ],
)
def test_durations_are_milliseconds_then_seconds_then_minutes(
    milliseconds: int, shown: str
) -> None:
    assert units.duration(milliseconds) == shown
