"""The result's size budget: every grading result fits MAX_RESULT_BYTES of JSON, here alone.

A candidate controls much of what a result holds (its output, its figures' labels, texts and
data), so a result is made to fit before anyone stores or returns it: its text is cleaned so
that every encoder accepts it, then, only while it is still too large, the parts a candidate
can grow are cut in turn, each marked `truncated`:

1. stdout and stderr, to 16 KiB each;
2. each figure summary's artists, to 20 points, and its texts, legends and labels;
3. each figure summary, to 16 axes of 16 artists;
4. each figure summary, to no axes at all;
5. the tests' messages, to 200 characters.

Scores, verdicts, tests and artifacts are never cut. The size is measured as `json.dumps`
writes it (ASCII with escapes), the longest form any caller stores or sends.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from grader.authoring.figures.values import clean_text
from grader.results import GradingResult

MAX_RESULT_BYTES = 1024 * 1024
OUTPUT_CHARS = 16 * 1024
SUMMARY_POINTS = 20
SUMMARY_TEXTS = 20
SUMMARY_TEXT_CHARS = 200
SUMMARY_AXES = 16
SUMMARY_ARTISTS = 16
MESSAGE_CHARS = 200
MAX_DEPTH = 32

Data = dict[str, Any]


def size_of(result: GradingResult) -> int:
    """The bytes of `result` as JSON."""
    return len(json.dumps(result.model_dump(mode="json")))


def _clean(value: Any, depth: int = 0) -> Any:
    if isinstance(value, str):
        return clean_text(value)
    if depth > MAX_DEPTH:
        return None
    if isinstance(value, list):
        return [_clean(v, depth + 1) for v in value]
    if isinstance(value, dict):
        return {clean_text(str(k)): _clean(v, depth + 1) for k, v in value.items()}
    return value


def _outputs(data: Data) -> None:
    for name in ("stdout", "stderr"):
        stream = data[name]
        if len(stream["text"]) > OUTPUT_CHARS:
            stream["text"] = stream["text"][:OUTPUT_CHARS]
            stream["truncated"] = True


def _cut(text: str) -> str:
    return text[:SUMMARY_TEXT_CHARS]


def _summary_details(summary: Data) -> None:
    summary["suptitle"] = _cut(summary["suptitle"])
    for axes in summary["axes"]:
        axes["title"] = {k: _cut(v) for k, v in axes["title"].items()}
        axes["xlabel"], axes["ylabel"] = _cut(axes["xlabel"]), _cut(axes["ylabel"])
        axes["texts"] = [_cut(t) for t in axes["texts"][:SUMMARY_TEXTS]]
        if axes["legend"] is not None:
            axes["legend"] = [_cut(t) for t in axes["legend"][:SUMMARY_TEXTS]]
        for artist in axes["artists"]:
            artist["label"] = _cut(artist["label"])
            artist["x"], artist["y"] = artist["x"][:SUMMARY_POINTS], artist["y"][:SUMMARY_POINTS]


def _summary_parts(summary: Data) -> None:
    summary["axes"] = summary["axes"][:SUMMARY_AXES]
    for axes in summary["axes"]:
        axes["artists"] = axes["artists"][:SUMMARY_ARTISTS]


def _summary_axes(summary: Data) -> None:
    summary["axes"] = []


def _each_summary(step: Callable[[Data], None]) -> Callable[[Data], None]:
    def apply(data: Data) -> None:
        for figure in data["figures"]:
            step(figure["summary"])
            figure["summary"]["truncated"] = True

    return apply


def _messages(data: Data) -> None:
    for test in data["tests"]:
        test["message"] = test["message"][:MESSAGE_CHARS]


STEPS: tuple[Callable[[Data], None], ...] = (
    _outputs,
    _each_summary(_summary_details),
    _each_summary(_summary_parts),
    _each_summary(_summary_axes),
    _messages,
)


def fit(result: GradingResult, limit: int = MAX_RESULT_BYTES) -> GradingResult:
    """`result` with clean text, cut as little as the steps above allow to fit `limit`."""
    data = _clean(result.model_dump())
    fitted = GradingResult.model_validate(data)
    for step in STEPS:
        if size_of(fitted) <= limit:
            break
        step(data)
        data["truncated"] = True
        fitted = GradingResult.model_validate(data)
    return fitted
