"""Text grading: time per answer and the memory it adds to the service process.

Run: .venv/bin/python benchmarks/text_grading.py [ROUNDS]
Grades every answer of the text corpora (tests/kinds/text/corpus) ROUNDS times and prints the
median, 95th percentile and slowest time per answer, the time for an answer as long as the
rubric allows (`max_chars`, the model answer repeated), the one-off cost of the first grading
(English word list and rubric compiled), and the resident memory of this process: after
importing the service's app, after the first text grading, and after all of them. Multiple-
choice grading of the same question bank, measured in the same run, is the baseline the
ratios compare with, so the numbers mean something on a shared machine. Last, per question and
per split of its corpus (development, held-out, fresh sets): agreement with the human, answers
a point or more off that were finalised without review, and the share of answers sent to
review; then each review signal's agreement on sentiment-skew-reason's held-out answers (the
confidences of grader/kinds/text/review.py) and, for comparison, on its development answers.
"""

from __future__ import annotations

import json
import math
import statistics
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from grader.bank.question import Question

ROOT = Path(__file__).resolve().parents[1]
SPLITS = ["dev", "held_out", *(f"fresh_{n}" for n in range(1, 10))]
CORPORA = ROOT / "tests" / "kinds" / "text" / "corpus"


def rss_mib() -> float:
    """Resident memory of this process now (not its peak)."""
    pages = int(Path("/proc/self/statm").read_text().split()[1])
    return pages * 4096 / 2**20


def main(rounds: int) -> None:
    start_rss = rss_mib()
    import grader.api.app  # noqa: F401  (the service's imports, as a running service has them)
    from grader.bank.question import Bank
    from grader.kinds import multiple_choice
    from grader.kinds import text as text_kind

    def grade_data_answer(question: Question, answer: str) -> None:
        manifest = question.manifest
        if manifest.text is not None:
            text_kind.grade(question, manifest.text, answer)
        elif manifest.multiple_choice is not None:
            multiple_choice.grade(question, manifest.multiple_choice, answer)

    app_rss = rss_mib()
    bank = Bank(ROOT / "questions")
    text = bank.get("sentiment-skew-reason")
    choice = bank.get("ml-imbalance-remedies")
    corpora = {
        path.stem: [json.loads(line) for line in path.read_text().splitlines()]
        for path in sorted(CORPORA.glob("*.jsonl"))
    }
    corpus = corpora[text.id]
    questions = {qid: bank.get(qid) for qid in corpora}
    graded = [(questions[qid], row["answer"]) for qid, rows in corpora.items() for row in rows]
    answers = [answer for _, answer in graded]

    t0 = time.perf_counter()
    grade_data_answer(text, answers[0])
    first_ms = (time.perf_counter() - t0) * 1000
    first_rss = rss_mib()

    text_ms: list[float] = []
    choice_ms: list[float] = []
    for _ in range(rounds):
        for question, answer in graded:
            t0 = time.perf_counter()
            grade_data_answer(question, answer)
            text_ms.append((time.perf_counter() - t0) * 1000)
            t0 = time.perf_counter()
            grade_data_answer(choice, '["resample", "metrics"]')
            choice_ms.append((time.perf_counter() - t0) * 1000)
    section = text.manifest.text
    assert section is not None
    longest = (text.solution + " ") * (section.max_chars // len(text.solution) + 1)
    t0 = time.perf_counter()
    grade_data_answer(text, longest[: section.max_chars])
    longest_ms = (time.perf_counter() - t0) * 1000
    words = sorted(len(a.split()) for a in answers)
    median = statistics.median(text_ms)
    p95 = statistics.quantiles(text_ms, n=20)[-1]
    slowest = max(text_ms)
    baseline = statistics.median(choice_ms)
    end_rss = rss_mib()
    print(
        f"{len(answers)} answers to {len(corpora)} questions x {rounds} rounds; words per answer: "
        f"median {words[len(words) // 2]}, max {words[-1]}"
    )
    rows = [
        ("multiple-choice grading, median", f"{baseline:.2f} ms", "1"),
        ("text grading, median", f"{median:.2f} ms", f"{median / baseline:.0f}"),
        ("text grading, 95th percentile", f"{p95:.2f} ms", f"{p95 / baseline:.0f}"),
        ("text grading, slowest", f"{slowest:.2f} ms", f"{slowest / baseline:.0f}"),
        ("text grading, an answer of max_chars", f"{longest_ms:.0f} ms", ""),
        ("first text grading (word list, rubric)", f"{first_ms:.0f} ms", ""),
        ("RSS: interpreter", f"{start_rss:.0f} MiB", ""),
        ("RSS: service app imported", f"{app_rss:.0f} MiB", ""),
        ("RSS: after the first text grading", f"{first_rss:.0f} MiB", ""),
        ("RSS: after every grading", f"{end_rss:.0f} MiB (+{end_rss - app_rss:.0f})", ""),
    ]
    print("| measure | value | ratio to a multiple-choice grading |")
    print("| --- | --- | --- |")
    for row in rows:
        print("| " + " | ".join(row) + " |")
    print()
    for question_id in corpora:
        print()
        print(f"{question_id}:")
        print(agreement_table(questions[question_id], corpora[question_id]))
    for split in ("held_out", "dev"):
        print()
        print(calibration_table(text, corpus, split))


def agreement_table(question: Question, corpus: list[dict[str, Any]]) -> str:
    """Agreement with the human per split, and how many answers go to review."""
    from grader.kinds import text as text_kind

    section = question.manifest.text
    assert section is not None
    lines = [
        "| split | answers | exact | within one point | two or more high, unflagged "
        "| more than one off, unflagged | sent to review |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for split in sorted({row["split"] for row in corpus}, key=SPLITS.index):
        rows = [row for row in corpus if row["split"] == split]
        offs, flagged = [], []
        for row in rows:
            result = text_kind.grade(question, section, row["answer"])
            offs.append(result.score - float(row["score"]))
            flagged.append(result.needs_review)
        n = len(rows)
        exact = sum(off == 0 for off in offs)
        near = sum(abs(off) <= 1 for off in offs)
        high = sum(off >= 2 and not f for off, f in zip(offs, flagged, strict=True))
        far = sum(abs(off) > 1 and not f for off, f in zip(offs, flagged, strict=True))
        review = sum(flagged)
        lines.append(
            f"| {split} | {n} | {exact} ({exact / n:.0%}) | {near} ({near / n:.0%}) | {high} "
            f"| {far} | {review} ({review / n:.0%}) |"
        )
    return "\n".join(lines)


def wilson_lower(agree: int, n: int, z: float = 1.645) -> float:
    """The lower end of the 90 % Wilson interval of agree / n."""
    if n == 0:
        return 0.0
    p = agree / n
    centre = p + z * z / (2 * n)
    spread = z * math.sqrt((p * (1 - p) + z * z / (4 * n)) / n)
    return (centre - spread) / (1 + z * z / n)


def calibration_table(question: Question, corpus: list[dict[str, Any]], split: str) -> str:
    """Each review signal on one split's answers: how often the score was right anyway.

    The confidences in grader/kinds/text/review.py are the last column, on the held-out split.
    """
    from grader.kinds.text.reading import read
    from grader.kinds.text.review import assess
    from grader.kinds.text.rubric import rubric_for

    section = question.manifest.text
    assert section is not None
    rubric = rubric_for(section, question.prompt)
    shown: dict[str, list[bool]] = {}
    for row in corpus:
        if row["split"] != split:
            continue
        result = text_kind_grade(question, row["answer"])
        reading = read(rubric, row["answer"][: section.max_chars])
        if reading.words == 0:
            continue
        kinds = assess(reading, rubric, section, result.score, question.manifest.points).kinds
        for kind in kinds or ("none",):
            shown.setdefault(kind, []).append(result.score == float(row["score"]))
    lines = [
        f"| signal ({split} answers) | answers | score exact | lower 90 % bound |",
        "| --- | --- | --- | --- |",
    ]
    for kind, agree in sorted(shown.items(), key=lambda kv: -len(kv[1])):
        lines.append(
            f"| {kind} | {len(agree)} | {sum(agree)} | {wilson_lower(sum(agree), len(agree)):.2f} |"
        )
    return "\n".join(lines)


def text_kind_grade(question: Question, answer: str) -> Any:
    from grader.kinds import text as text_kind

    section = question.manifest.text
    assert section is not None
    return text_kind.grade(question, section, answer)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 3)
