"""The authoring kit's helpers: output comparison and expected exceptions."""

from __future__ import annotations

import pytest

from grader.authoring import CandidateError, Fail, compare_output, expect_raises


@pytest.mark.parametrize(
    ("actual", "expected", "options", "equal"),
    [
        ("a 1\nb 2\n", "a 1\nb 2", {}, True),
        ("a 1  \nb 2\n\n", "a 1\nb 2", {}, True),
        ("a 1  \n", "a 1\n", {"whitespace": "exact"}, False),
        ("a   1\n", "a 1", {"whitespace": "collapse"}, True),
        ("A 1", "a 1", {}, False),
        ("A 1", "a 1", {"case": False}, True),
        ("x 0.33333", "x 0.333333333", {"float_tolerance": 1e-4}, True),
        ("x 0.3", "x 0.333333333", {"float_tolerance": 1e-4}, False),
        ("y 1\nx 2", "x 2\ny 1", {}, False),
        ("y 1\nx 2", "x 2\ny 1", {"ordered": False}, True),
    ],
)
def test_compare_output_normalises_as_asked(
    actual: str, expected: str, options: dict[str, object], equal: bool
) -> None:
    assert compare_output(actual, expected, **options) is equal  # type: ignore[arg-type]


def test_expected_exceptions_match_by_class_and_base_names() -> None:
    def raising() -> None:
        raise CandidateError("KeyError", "'x'", ["KeyError", "LookupError", "Exception"], "f()")

    assert expect_raises(LookupError, raising).fraction == 1.0
    with pytest.raises(Fail, match=r"It raised KeyError, not ValueError\."):
        expect_raises(ValueError, raising)
    with pytest.raises(Fail, match="returned normally instead of raising ValueError"):
        expect_raises(ValueError, lambda: None)
    assert expect_raises(ZeroDivisionError, lambda: 1 / 0).fraction == 1.0


@pytest.mark.parametrize(
    ("message", "shown"),
    [
        ("float division by zero", "f() raised ZeroDivisionError: float division by zero."),
        ("no values given.", "f() raised ZeroDivisionError: no values given."),
        ("", "f() raised ZeroDivisionError."),
    ],
)
def test_a_candidate_exception_reads_as_one_sentence(message: str, shown: str) -> None:
    error = CandidateError("ZeroDivisionError", message, ["ZeroDivisionError"], "f()")
    assert str(error) == shown
