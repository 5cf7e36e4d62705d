"""Hidden tests for pandas-groupby: 10 points; salary_summary() is called with hidden frames."""

import io

import numpy as np
import pandas as pd

from grader.authoring import Candidate, Fail, Reference, Score, WrittenFile, test

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


def _same(got, want: pd.DataFrame, ordered: bool = True) -> bool:
    if not isinstance(got, pd.DataFrame) or list(got.columns) != list(want.columns):
        return False
    if not ordered:
        got = got.sort_values("department")
        want = want.sort_values("department")
    try:
        pd.testing.assert_frame_equal(
            got.reset_index(drop=True), want.reset_index(drop=True), check_dtype=False, rtol=1e-6
        )
    except AssertionError:
        return False
    return True


@test(points=1, name="columns", skills=("pandas",))
def columns(candidate: Candidate, reference: Reference):
    got = _as_frame(candidate.salary_summary(reference.EMPLOYEES), "salary_summary(EMPLOYEES)")
    if list(got.columns) != COLUMNS:
        raise Fail(f"The columns are {list(got.columns)}, expected {COLUMNS}.")
    return Score(1.0, "The result has the right columns.")


@test(points=2, name="values", skills=("pandas", "data-wrangling"))
def values(candidate: Candidate, reference: Reference):
    got = _as_frame(candidate.salary_summary(reference.EMPLOYEES), "salary_summary(EMPLOYEES)")
    if not _same(got, reference.salary_summary(reference.EMPLOYEES), ordered=False):
        raise Fail("The means or headcounts for EMPLOYEES are wrong.")
    return Score(1.0, "The means and headcounts are right.")


@test(points=1, name="order", skills=("data-wrangling",))
def order(candidate: Candidate, reference: Reference):
    frame = HIDDEN[2]
    got = _as_frame(candidate.salary_summary(frame), "salary_summary()")
    if not _same(got, reference.salary_summary(frame)):
        raise Fail("The rows are not sorted by mean salary (highest first), then department.")
    return Score(1.0, "The rows are in the right order.")


@test(points=3, name="hidden_frames", visibility="hidden", skills=("pandas",))
def hidden_frames(candidate: Candidate, reference: Reference):
    right = sum(_same(candidate.salary_summary(f), reference.salary_summary(f)) for f in HIDDEN)
    return Score(
        right / len(HIDDEN), f"The results for {right} of {len(HIDDEN)} hidden data sets are right."
    )


@test(points=1, name="empty_input", skills=("pandas",))
def empty_input(candidate: Candidate):
    got = _as_frame(candidate.salary_summary(_frame([])), "salary_summary(empty)")
    if len(got) != 0 or list(got.columns) != COLUMNS:
        raise Fail("An empty input must give an empty result with the three columns.")
    return Score(1.0, "An empty input gives an empty result with the three columns.")


@test(points=1, name="summary_variable", skills=("pandas",))
def summary_variable(candidate: Candidate, reference: Reference):
    got = _as_frame(candidate.value("summary"), "The variable summary")
    if not _same(got, reference.value("summary")):
        raise Fail("The module-level variable summary does not hold the right result.")
    return Score(1.0, "The variable summary holds the result for EMPLOYEES.")


@test(points=1, name="summary_csv", skills=("data-wrangling",))
def summary_csv(files: dict[str, WrittenFile], reference: Reference):
    text = files["summary.csv"].text()
    try:
        got = pd.read_csv(io.StringIO(text))
    except (ValueError, pd.errors.ParserError):
        raise Fail("summary.csv is not a readable CSV file.") from None
    if not _same(got, reference.value("summary")):
        raise Fail("summary.csv does not hold the summary (without the index).")
    return Score(1.0, "summary.csv holds the summary.")
