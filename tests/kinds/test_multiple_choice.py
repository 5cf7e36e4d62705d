"""Multiple-choice answers: parsing, both policies, and a public view without the key."""

from __future__ import annotations

import pytest

from grader.bank.question import Bank, Question
from grader.config import Settings
from grader.kinds import grade_answer
from grader.kinds.multiple_choice import parse_selection
from grader.sandbox.fake import FakeBackend, envelope_run


@pytest.fixture(scope="module")
def choice(bank: Bank) -> Question:
    return bank.get("ml-imbalance-remedies")


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        ('["b", "a"]', ["b", "a"]),
        ('{"selected": ["a"]}', ["a"]),
        ("A, b;c  a", ["a", "b", "c"]),
        ("", []),
        ("[1, 2]", None),
        ("{broken", None),
    ],
)
def test_selections_are_read_in_three_notations(answer: str, expected: list[str] | None) -> None:
    assert parse_selection(answer) == expected


@pytest.mark.parametrize(
    ("answer", "score", "verdict", "message"),
    [
        ("resample class-weights metrics", 3.0, "passed", "The choice is correct."),
        (
            "resample metrics",
            2.0,
            "partial",
            "2 of the 3 correct options chosen, 0 wrong options chosen.",
        ),
        (
            "resample deeper-model",
            0.0,
            "failed",
            "1 of the 3 correct options chosen, 1 wrong option chosen.",
        ),
        ("", 0.0, "failed", "No option was chosen."),
    ],
)
def test_per_option_policy_scores_each_choice(
    choice: Question, settings: Settings, answer: str, score: float, verdict: str, message: str
) -> None:
    backend = FakeBackend(lambda job: envelope_run(None, "never called"))
    result = grade_answer(choice, answer, backend_for=lambda q: backend, settings=settings).result
    assert (result.score, result.verdict, result.tests[0].message) == (score, verdict, message)
    assert result.answer_kind == "multiple_choice"
    assert backend.jobs == []
    assert result.skills["machine-learning"].model_dump() == {"score": score, "max_score": 3.0}


def test_all_or_nothing_gives_no_partial_credit(choice: Question) -> None:
    from grader.kinds.multiple_choice import score

    section = choice.manifest.multiple_choice
    assert section is not None
    strict = section.model_copy(update={"policy": "all_or_nothing"})
    assert score(strict, ["resample", "metrics"], 3.0)[0] == 0.0
    assert score(strict, ["metrics", "resample", "class-weights"], 3.0)[0] == 3.0


def test_public_view_shows_options_but_never_which_are_correct(choice: Question) -> None:
    public = choice.public()
    dumped = public.model_dump_json()
    assert "correct" not in dumped
    assert "feedback" not in dumped
    assert public.multiple is True
    assert public.options is not None
    assert sorted(o.id for o in public.options) == sorted(
        o.id
        for o in choice.manifest.multiple_choice.options  # type: ignore[union-attr]
    )


def test_shuffled_order_is_stable_per_seed_and_differs_between_seeds(choice: Question) -> None:
    def order(seed: str) -> list[str]:
        return [o.id for o in choice.public(shuffle_seed=seed).options or []]

    assert order("attempt-1") == order("attempt-1")
    assert len({tuple(order(f"attempt-{n}")) for n in range(10)}) > 1
