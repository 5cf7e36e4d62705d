"""Hidden tests for pandas-groupby: 10 points; salary_summary() is called with hidden frames.

Each requirement is charged once: the values are compared whatever the column names (the
`columns` test's) and the order (the `order` test's); `summary` and summary.csv are checked
as derived from the candidate's own function and variable. Points for the visible EMPLOYEES
frame come only with hidden variants of it, so a function returning the visible answer typed
by hand earns nothing.
"""

import io

import numpy as np
import pandas as pd

from grader.authoring import (
    Candidate,
    Fail,
    Reference,
    Score,
    WrittenFile,
    test,
    visible_with_variants,
)

COLUMNS = ["department", "mean_salary", "headcount"]


def _frame(rows):
    return pd.DataFrame(rows, columns=["department", "employee", "salary"])


HIDDEN = [
    _frame([("ops", "a", 50.0), ("ops", "b", 70.0), ("it", "c", 60.0), ("it", "d", 60.0)]),
    _frame([("solo", "x", 42.0)]),
    _frame(
        [("b", "p", 10.0), ("a", "q", 10.0), ("c", "r", np.nan), ("c", "s", 30.0), ("a", "t", 10.0)]
    ),
]


def _as_frame(value, what: str) -> pd.DataFrame:
    if not isinstance(value, pd.DataFrame):
        raise Fail(f"{what} is of type {type(value).__name__}, not a DataFrame.")
    return value


def _named(got: pd.DataFrame) -> pd.DataFrame | None:
    """The frame with the three columns in order: by name when the names are right, else by
    position when there are three (the names are the `columns` test's)."""
    if set(got.columns) == set(COLUMNS) and len(got.columns) == 3:
        return got[COLUMNS]
    if len(got.columns) == 3:
        return got.set_axis(COLUMNS, axis=1)
    return None


def _same(got, want: pd.DataFrame, ordered: bool = True) -> bool:
    if not isinstance(got, pd.DataFrame):
        return False
    named = _named(got)
    if named is None:
        return False
    if not ordered:
        named = named.sort_values("department")
        want = want.sort_values("department")
    try:
        pd.testing.assert_frame_equal(
            named.reset_index(drop=True),
            want.reset_index(drop=True),
            check_dtype=False,
            check_names=False,
            rtol=1e-6,
        )
    except (AssertionError, TypeError, ValueError):
        return False
    return True


def _identical(a, b) -> bool:
    return isinstance(a, pd.DataFrame) and isinstance(b, pd.DataFrame) and a.equals(b)


def _computed(candidate: Candidate, reference: Reference) -> list[bool]:
    """For each hidden frame, whether the function's result differs from its result for
    EMPLOYEES: a function that returns one answer typed by hand does not compute."""
    visible = candidate.salary_summary(reference.EMPLOYEES)
    return [not _identical(candidate.salary_summary(f), visible) for f in HIDDEN]


@test(points=1, name="columns", skills=("pandas",))
def columns(candidate: Candidate, reference: Reference):
    got = _as_frame(candidate.salary_summary(reference.EMPLOYEES), "salary_summary(EMPLOYEES)")
    if list(got.columns) != COLUMNS:
        raise Fail(f"The columns are {list(got.columns)}, expected {COLUMNS}.")
    return visible_with_variants(
        Score(1.0), _computed(candidate, reference), what="the columns for EMPLOYEES"
    )


@test(points=2, name="values", skills=("pandas", "data-wrangling"))
def values(candidate: Candidate, reference: Reference):
    got = _as_frame(candidate.salary_summary(reference.EMPLOYEES), "salary_summary(EMPLOYEES)")
    if not _same(got, reference.salary_summary(reference.EMPLOYEES), ordered=False):
        raise Fail("The means or headcounts for EMPLOYEES are wrong.")
    hidden = [
        _same(candidate.salary_summary(f), reference.salary_summary(f), ordered=False)
        for f in HIDDEN
    ]
    return visible_with_variants(Score(1.0), hidden, what="the means and headcounts")


@test(points=1, name="order", skills=("data-wrangling",))
def order(candidate: Candidate, reference: Reference):
    frame = HIDDEN[2]
    got = _as_frame(candidate.salary_summary(frame), "salary_summary()")
    if not _same(got, reference.salary_summary(frame)):
        raise Fail("The rows are not sorted by mean salary (highest first), then department.")
    return Score(1.0, "The rows are in the right order.")


@test(points=2, name="hidden_frames", visibility="hidden", skills=("pandas",))
def hidden_frames(candidate: Candidate, reference: Reference):
    right = sum(_same(candidate.salary_summary(f), reference.salary_summary(f)) for f in HIDDEN)
    return Score(
        right / len(HIDDEN), f"The results for {right} of {len(HIDDEN)} hidden data sets are right."
    )


@test(points=1, name="fresh_index", skills=("pandas",))
def fresh_index(candidate: Candidate, reference: Reference):
    for frame in (HIDDEN[2], HIDDEN[0]):
        got = _as_frame(candidate.salary_summary(frame), "salary_summary()")
        if list(got.index) != list(range(len(got))):
            raise Fail("The result does not have a fresh index 0, 1, 2, ...: reset it.")
    return visible_with_variants(
        Score(1.0), _computed(candidate, reference), what="the index for EMPLOYEES"
    )


@test(points=1, name="empty_input", skills=("pandas",))
def empty_input(candidate: Candidate):
    got = _as_frame(candidate.salary_summary(_frame([])), "salary_summary(empty)")
    if len(got) != 0 or _named(got) is None:  # the names are the `columns` test's
        raise Fail("An empty input must give an empty result with the three columns.")
    return Score(1.0, "An empty input gives an empty result with the three columns.")


@test(points=1, name="summary_variable", skills=("pandas",))
def summary_variable(candidate: Candidate, reference: Reference):
    """`summary` is salary_summary(EMPLOYEES) by the candidate's own function."""
    got = _as_frame(candidate.value("summary"), "The variable summary")
    own = candidate.salary_summary(reference.EMPLOYEES)
    if not _identical(
        got.reset_index(drop=True),
        _as_frame(own, "salary_summary(EMPLOYEES)").reset_index(drop=True),
    ):
        raise Fail("The module-level variable summary is not salary_summary(EMPLOYEES).")
    return visible_with_variants(
        Score(1.0), _computed(candidate, reference), what="summary for EMPLOYEES"
    )


@test(points=1, name="summary_csv", skills=("data-wrangling",))
def summary_csv(files: dict[str, WrittenFile], candidate: Candidate, reference: Reference):
    """summary.csv holds the candidate's own `summary`, without the index."""
    if "summary.csv" not in files:
        raise Fail("The program did not write summary.csv in the current directory.")
    text = files["summary.csv"].text()
    try:
        got = pd.read_csv(io.StringIO(text))
    except (ValueError, pd.errors.ParserError):
        raise Fail("summary.csv is not a readable CSV file.") from None
    summary = _as_frame(candidate.value("summary"), "The variable summary")
    if len(got.columns) != len(summary.columns):
        raise Fail("summary.csv does not hold the summary without the index.")
    expected = summary.reset_index(drop=True)
    try:
        pd.testing.assert_frame_equal(
            got, expected, check_dtype=False, check_names=False, rtol=1e-6
        )
    except (AssertionError, TypeError, ValueError):
        raise Fail("summary.csv does not hold the variable summary.") from None
    return visible_with_variants(
        Score(1.0), _computed(candidate, reference), what="summary.csv for EMPLOYEES"
    )
