"""Near-copies: renamed, reformatted and commented copies are found; independent answers and
the starter code are not evidence. Measured on the bank's own samples."""

from __future__ import annotations

import builtins
import io
import itertools
import keyword
import tokenize
import tomllib
from pathlib import Path

from grader.config import PROJECT_ROOT
from grader.services.similarity import (
    THRESHOLD,
    CodeAnswer,
    Fingerprints,
    near_copies,
    similarity,
)

BANK = PROJECT_ROOT / "questions"
# Names a disguise keeps: the modules and library objects an answer uses.
KEPT = {"np", "plt", "pd", "math", "random", "sys", "Counter", "fig", "ax"}


def disguise(code: str) -> str:
    """What a copier does: rename every own name, re-space the code, comment every few lines."""
    out = []
    previous = ""
    for token in tokenize.generate_tokens(io.StringIO(code).readline):
        text = token.string
        if (
            token.type == tokenize.NAME
            and not keyword.iskeyword(text)
            and not hasattr(builtins, text)
            and previous not in (".", "import", "from", "as")
            and text not in KEPT
        ):
            text = "my_" + text[::-1]
        out.append((token.type, text))
        previous = token.string
    lines = tokenize.untokenize(out).splitlines()
    return "".join(
        ("# copied, then edited\n" if i % 3 == 0 else "") + line.replace(", ", " ,  ") + "\n"
        for i, line in enumerate(lines)
    )


def _code_lines(path: Path) -> str:
    """The file without comments and blank lines."""
    lines = (line.split("#", 1)[0].rstrip() for line in path.read_text().splitlines())
    return "\n".join(line for line in lines if line)


def correct_answers() -> dict[str, tuple[str, list[Path]]]:
    """{code question: (starter, its full-marks samples and its solution)}."""
    found = {}
    for directory in sorted(BANK.iterdir()):
        if not (directory / "question.toml").is_file():
            continue  # questions/profile.toml and the like
        manifest = tomllib.loads((directory / "question.toml").read_text())
        if manifest.get("kind", "code") != "code":
            continue
        samples = tomllib.loads((directory / "samples.toml").read_text())["sample"]
        full = [directory / s["file"] for s in samples if s["score"] == manifest["points"]]
        solution = manifest.get("files", {}).get("solution", "solution.py")
        starter = directory / manifest.get("files", {}).get("starter", "starter.py")
        # A sample that is the reference solution itself, but for its comments, is no
        # independent answer: keep one of each.
        unique: dict[str, Path] = {}
        for path in [*full, directory / solution]:
            unique.setdefault(_code_lines(path), path)
        found[directory.name] = (starter.read_text(), list(unique.values()))
    return found


def test_independent_correct_answers_in_the_bank_are_never_flagged() -> None:
    scores = [
        similarity(a.read_text(), b.read_text(), starter=starter)[0]
        for starter, answers in correct_answers().values()
        for a, b in itertools.combinations(answers, 2)
    ]
    # The rate docs/api.md states: 0 of 117 pairs, the most similar at 0.77.
    assert (len(scores), sum(score >= THRESHOLD for score in scores)) == (117, 0)
    assert max(scores) == 0.7704


def test_disguised_copies_of_the_banks_answers_are_found_when_longer_than_a_line() -> None:
    scores = {
        f"{question}/{answer.name}": similarity(
            answer.read_text(), disguise(answer.read_text()), starter=starter
        )[0]
        for question, (starter, answers) in correct_answers().items()
        for answer in answers[:-1]
    }
    found = sorted(name for name, score in scores.items() if score >= THRESHOLD)
    # The rate docs/api.md states; those missed add a few short lines to the starter.
    assert (len(scores), len(found)) == (53, 41)
    assert sorted(set(scores) - set(found)) == [
        "class-balance-bar/correct_pandas_value_counts_barh.py",
        "class-balance-bar/correct_pyplot_counter.py",
        "confusion-matrix-heatmap/correct_sklearn_display.py",
        "debug-mean-normalise/fixed_minimal.py",
        "digits-image-classifier/correct_svc_pipeline.py",
        "leakage-cross-validation/fixed_pipeline.py",
        "lru-cache/correct_dict_order.py",
        "lru-cache/correct_linked_list.py",
        "lru-cache/correct_ordereddict.py",
        "sklearn-imbalanced-classifier/correct_balanced_forest.py",
        "top-k-heap/correct_class.py",
        "top-k-heap/correct_nlargest.py",
    ]


def test_the_starter_code_is_not_evidence_of_copying() -> None:
    starter = (BANK / "class-balance-bar" / "starter.py").read_text()
    left = (
        starter + "plt.bar(sorted(set(labels)), [labels.count(c) for c in sorted(set(labels))])\n"
    )
    right = starter + "from collections import Counter\nplt.barh(*zip(*Counter(labels).items()))\n"
    assert similarity(left, right, starter=starter)[0] == 0.0
    assert similarity(left, right)[0] > 0.5  # the starter alone would make them look alike


def test_pairs_name_both_answers_and_their_matching_lines() -> None:
    code = (BANK / "softmax-stable" / "samples" / "correct_numpy.py").read_text()
    answers = [
        CodeAnswer("a1", "ana", "s1", code),
        CodeAnswer("a2", "ben", "s2", disguise(code)),
        CodeAnswer("a3", "cy", "s3", (BANK / "softmax-stable" / "solution.py").read_text()),
        CodeAnswer("a1", "ana", "s4", code),  # the same attempt is never its own copy
    ]
    starter = (BANK / "softmax-stable" / "starter.py").read_text()
    matches = near_copies("softmax-stable", answers, starter=starter)
    assert [(m.first.submission_id, m.second.submission_id) for m in matches] == [
        ("s1", "s2"),
        ("s2", "s4"),
    ]
    match = matches[0]
    assert match.similarity >= THRESHOLD
    assert [(s.first_line, s.last_line) for s in match.first_spans] == [(5, 10)]
    assert code[match.first_spans[0].start : match.first_spans[0].end].startswith("np.asarray(x")


def test_one_attempts_pairs_are_those_that_involve_it() -> None:
    code = (BANK / "softmax-stable" / "samples" / "correct_numpy.py").read_text()
    answers = [
        CodeAnswer("a1", "ana", "s1", code),
        CodeAnswer("a2", "ben", "s2", disguise(code)),
        CodeAnswer("a3", "cy", "s3", code),
    ]
    pairs = {
        who: [
            (m.first.attempt_id, m.second.attempt_id)
            for m in near_copies("q", answers, starter="", involving=who)
        ]
        for who in ("a1", "a3", "a9")
    }
    assert pairs == {
        "a1": [("a1", "a2"), ("a1", "a3")],
        "a3": [("a1", "a3"), ("a2", "a3")],
        "a9": [],
    }


def test_cached_fingerprints_give_the_same_pairs() -> None:
    code = (BANK / "softmax-stable" / "samples" / "correct_numpy.py").read_text()
    starter = (BANK / "softmax-stable" / "starter.py").read_text()
    answers = [CodeAnswer("a1", "ana", "s1", code), CodeAnswer("a2", "ben", "s2", disguise(code))]
    cache = Fingerprints(size=1)  # the second answer evicts the first: both paths are taken
    plain = near_copies("q", answers, starter=starter)
    assert near_copies("q", answers, starter=starter, cache=cache) == plain
    assert near_copies("q", answers, starter=starter, cache=cache) == plain
    assert [m.similarity for m in plain] == [plain[0].similarity] and plain[
        0
    ].similarity >= THRESHOLD
