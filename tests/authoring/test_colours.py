"""Colour matching as a person reads colours."""

from __future__ import annotations

import pytest

from grader.authoring.checks.colours import colours_match, describe


@pytest.mark.parametrize(
    ("actual", "expected", "match"),
    [
        ("#d62728ff", "red", True),  # tab:red
        ("darkred", "red", True),
        ("#ff7f0e", "red", False),  # tab:orange
        ("#1f77b4", "blue", True),  # C0
        ("navy", "blue", True),
        ("#2ca02c", "green", True),
        ("#2ca02c", "blue", False),
        ("orange", "tab:orange", True),
        ("#222222", "black", True),
        ("white", "red", False),
        ("#808080", "red", False),
        (None, "red", False),
        ("not a colour", "red", False),
    ],
)
def test_colours_match_by_name_family_distance_or_hue(
    actual: str | None, expected: str, match: bool
) -> None:
    assert colours_match(actual, expected) is match


def test_describe_gives_hex_without_alpha() -> None:
    assert (describe("#d6272880"), describe(None)) == ("#d62728", "no colour")
