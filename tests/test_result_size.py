"""Every result fits 1 MiB of JSON: clean text first, then cuts in order, each marked."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from grader.result_size import MAX_RESULT_BYTES, fit, size_of
from grader.results import (
    ArtistSummary,
    AxesSummary,
    FigureResult,
    FigureSummary,
    GradingResult,
    Output,
    Provenance,
    Resources,
    TestResult,
)


def result(
    *, stdout: str = "", figures: int = 0, texts: int = 0, label: str = "", axes: int = 2
) -> GradingResult:
    artist = ArtistSummary(
        kind="line",
        type="Line2D",
        label=label,
        visible=True,
        alpha=None,
        color=None,
        points=200,
        x=[0.5] * 200,
        y=[1.5] * 200,
        pixels=10,
    )
    one = AxesSummary(
        index=0,
        title={"center": label},
        xlabel=label,
        ylabel="y",
        xlim=[0, 1],
        ylim=[0, 1],
        xscale="linear",
        yscale="linear",
        artists=[artist] * 40,
        bars=0,
        images=0,
        texts=[label] * texts,
        legend=None,
    )
    summary = FigureSummary(
        index=0,
        number=1,
        suptitle=label,
        size_inches=[6.4, 4.8],
        width=640,
        height=480,
        axes=[one] * axes,
        error=None,
    )
    return GradingResult(
        score=10.0,
        max_score=10.0,
        verdict="passed",
        feedback="All tests passed.",
        tests=[TestResult(name="t", score=10.0, max_score=10.0, status="passed", message="ok")],
        stdout=Output(text=stdout, truncated=False, bytes=len(stdout)),
        stderr=Output(text="", truncated=False, bytes=0),
        figures=[FigureResult(artifact=None, sha256=None, bytes=None, summary=summary)] * figures,
        resources=Resources(wall_ms=1, cpu_ms=1, peak_memory_bytes=None),
        provenance=Provenance(
            question_id="q",
            question_version="v",
            runner_image="",
            runner_image_id="",
            grader_version="0",
        ),
    )


def test_a_small_result_is_unchanged() -> None:
    small = result(stdout="hello", figures=1)
    assert fit(small) == small
    assert fit(small).truncated is False


def test_lone_surrogates_and_controls_are_cleaned_so_the_result_serialises() -> None:
    fitted = fit(result(stdout="a\ud800\x00b", figures=1, label="\udc80x"))
    assert fitted.stdout.text == "a\ufffdb"
    assert fitted.figures[0].summary.axes[0].xlabel == "\ufffdx"
    json.dumps(fitted.model_dump(mode="json"), ensure_ascii=False).encode("utf-8")
    fitted.model_dump_json()


def test_a_large_output_is_cut_first_and_marked() -> None:
    fitted = fit(result(stdout="x" * 2_000_000, figures=1))
    assert (fitted.truncated, fitted.stdout.truncated, len(fitted.stdout.text)) == (
        True,
        True,
        16 * 1024,
    )
    assert fitted.figures[0].summary.truncated is False
    assert size_of(fitted) <= MAX_RESULT_BYTES


def test_huge_figure_summaries_are_cut_until_the_result_fits() -> None:
    big = result(figures=8, texts=200, label="\u00e9" * 2000, axes=20)
    assert size_of(big) > 20 * MAX_RESULT_BYTES
    fitted = fit(big)
    assert size_of(fitted) <= MAX_RESULT_BYTES
    assert fitted.truncated is True
    assert all(f.summary.truncated for f in fitted.figures)
    assert (fitted.score, fitted.verdict, len(fitted.figures)) == (10.0, "passed", 8)


def test_details_are_cut_before_whole_axes() -> None:
    fitted = fit(result(figures=1, texts=100, label="w" * 2000, axes=10))
    summary = fitted.figures[0].summary
    assert (len(summary.axes), len(summary.axes[0].artists)) == (10, 40)
    assert len(summary.axes[0].texts) == 20 and len(summary.axes[0].artists[0].x) == 20
    assert summary.axes[0].xlabel == "w" * 200


pieces = st.tuples(
    st.text(alphabet=st.characters(codec=None), min_size=1, max_size=4), st.integers(0, 3000)
).map(lambda p: p[0] * p[1])


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(stdout=pieces, label=pieces, figures=st.integers(0, 32), texts=st.integers(0, 60))
def test_any_result_fits_the_budget_and_serialises(
    stdout: str, label: str, figures: int, texts: int
) -> None:
    fitted = fit(result(stdout=stdout, figures=figures, texts=texts, label=label))
    assert size_of(fitted) <= MAX_RESULT_BYTES
    json.dumps(fitted.model_dump(mode="json"), ensure_ascii=False).encode("utf-8")
    assert (fitted.score, fitted.verdict, len(fitted.figures)) == (10.0, "passed", figures)
