"""Multiple-choice answers: parsing, both policies, and a public view without the key."""

from __future__ import annotations

import pytest

from grader.bank.manifest import MultipleChoiceSection, Option
from grader.bank.question import Bank, MultipleChoiceQuestionPublic, Question
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
        ("a and c.", ["a", "c"]),
        ("(a) & (b) + 'c'", ["a", "b", "c"]),
        ('"a"', ["a"]),
        ("a or c", ["a", "or", "c"]),
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
            "The answer chose 2 of the 3 correct options and 0 wrong options.",
        ),
        (
            "resample deeper-model",
            0.0,
            "failed",
            "The answer chose 1 of the 3 correct options and 1 wrong option.",
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
    assert isinstance(public, MultipleChoiceQuestionPublic)
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
        public = choice.public(shuffle_seed=seed)
        assert isinstance(public, MultipleChoiceQuestionPublic)
        return [o.id for o in public.options]

    assert order("attempt-1") == order("attempt-1")
    assert len({tuple(order(f"attempt-{n}")) for n in range(10)}) > 1


def _section(correct: int, wrong: int, policy: str) -> MultipleChoiceSection:
    options = [Option(id=f"c{n}", text="right", correct=True) for n in range(correct)]
    options += [Option(id=f"w{n}", text="wrong") for n in range(wrong)]
    return MultipleChoiceSection.model_validate(
        {"options": [o.model_dump() for o in options], "policy": policy}
    )


@pytest.mark.parametrize("policy", ["per_option", "all_or_nothing"])
@pytest.mark.parametrize(("correct", "wrong"), [(3, 1), (3, 3), (2, 4), (4, 1)])
def test_choosing_every_option_earns_nothing(policy: str, correct: int, wrong: int) -> None:
    from grader.kinds.multiple_choice import score

    section = _section(correct, wrong, policy)
    every = [o.id for o in section.options]
    assert score(section, every, 4.0) == (
        0.0,
        f"The answer chose {correct} of the {correct} correct options and {wrong} wrong option"
        f"{'s' if wrong != 1 else ''}.",
    )


@pytest.mark.parametrize(
    ("chosen", "earned"),
    [
        (["c0", "c1", "c2"], 6.0),  # exactly right
        (["c0", "c1"], 4.0),  # two thirds of the right ones, no wrong one
        (["c0", "c1", "c2", "w0"], 0.0),  # all right, but the only wrong one too
        (["c0", "w0"], 0.0),  # a third right, every wrong one: nothing
        (["c0"], 2.0),
    ],
)
def test_per_option_subtracts_the_share_of_wrong_options_chosen(
    chosen: list[str], earned: float
) -> None:
    from grader.kinds.multiple_choice import score

    assert score(_section(3, 1, "per_option"), chosen, 6.0)[0] == earned


@pytest.mark.parametrize("policy", ["per_option", "all_or_nothing"])
def test_one_correct_option_means_one_choice(policy: str) -> None:
    from grader.kinds.multiple_choice import score

    section = _section(1, 3, policy)
    assert score(section, ["c0"], 2.0) == (2.0, "The choice is correct.")
    assert score(section, ["c0", "w1"], 2.0) == (
        0.0,
        "The question asks for one option; 2 were chosen.",
    )
    assert score(section, ["w2"], 2.0) == (0.0, "The chosen option is not the correct one.")


def test_an_unknown_option_id_earns_nothing_and_is_named(choice: Question) -> None:
    from grader.kinds.multiple_choice import score

    section = choice.manifest.multiple_choice
    assert section is not None
    assert score(section, ["resample", "class-weights", "metrics", "bogus"], 3.0) == (
        0.0,
        "The answer names options the question does not have: 'bogus'.",
    )


@pytest.mark.parametrize(
    ("answer", "earned"),
    [
        ("c0 c0 c0", 2.0),  # a right option repeated counts once
        ('["c0", "C0", "c0 "]', 2.0),  # case and spaces do not make new choices
        ("c0 c1 c2 w0 w0", 0.0),  # every option, one of them twice: still nothing
    ],
)
def test_padding_an_answer_earns_no_more(answer: str, earned: float) -> None:
    from grader.kinds.multiple_choice import score

    chosen = parse_selection(answer)
    assert chosen is not None
    assert score(_section(3, 1, "per_option"), chosen, 6.0)[0] == earned


def test_an_answer_longer_than_any_real_one_is_unreadable(choice: Question) -> None:
    from grader.kinds.multiple_choice import grade

    section = choice.manifest.multiple_choice
    assert section is not None
    result = grade(choice, section, "resample, " * 1000)
    assert (result.score, result.tests[0].message) == (
        0.0,
        "The answer could not be read as a list of option ids.",
    )


@pytest.mark.parametrize(
    ("chosen", "wrongly_decided"),
    [
        (["c0", "c1", "c2"], []),  # exactly right: no mistake
        (["c0", "c2"], ["c1"]),  # a correct option left out
        (["c0", "c1", "c2", "w1"], ["w1"]),  # a wrong option chosen
        (["c1", "w0"], ["c0", "c2", "w0"]),  # both, in the question's order
        ([], ["c0", "c1", "c2"]),  # nothing chosen: every correct option is missed
        (["c0", "bogus"], ["c0", "c1", "c2", "w0", "w1"]),  # an unknown id earns nothing
        (None, ["c0", "c1", "c2", "w0", "w1"]),  # unreadable: every option is lost
    ],
)
def test_mistakes_are_the_options_decided_wrongly(
    chosen: list[str] | None, wrongly_decided: list[str]
) -> None:
    from grader.kinds.multiple_choice import mistakes

    assert mistakes(_section(3, 2, "per_option"), chosen) == wrongly_decided


def test_options_offered_as_alternatives_earn_nothing(choice: Question) -> None:
    from grader.kinds.multiple_choice import grade

    section = choice.manifest.multiple_choice
    assert section is not None
    result = grade(choice, section, "resample or metrics")
    assert (result.score, result.tests[0].message) == (
        0.0,
        "The answer offers options as alternatives ('or'); name only the options you choose.",
    )
    assert grade(choice, section, "resample and metrics.").score == 2.0


@pytest.mark.parametrize(
    ("chosen", "per_option", "all_or_nothing"),
    [
        (["c0", "c1", "c2"], 3.0, 3.0),  # exactly right
        (["c0", "c1"], 2.0, 0.0),  # two of the three right ones
        (["c0"], 1.0, 0.0),
        (["c0", "c1", "c2", "w0"], 2.0, 0.0),  # every right one and one wrong one
        (["c0", "c1", "c2", "w0", "w1"], 1.0, 0.0),
        (["c0", "c1", "c2", "w0", "w1", "w2"], 0.0, 0.0),  # every option
        (["c0", "w0"], 0.0, 0.0),  # as many wrong as right: no knowledge shown
        (["w0", "w1", "w2"], 0.0, 0.0),  # only wrong ones
        ([], 0.0, 0.0),  # none
    ],
)
def test_three_right_of_six_scores_what_a_careful_grader_gives(
    chosen: list[str], per_option: float, all_or_nothing: float
) -> None:
    from grader.kinds.multiple_choice import score

    assert score(_section(3, 3, "per_option"), chosen, 3.0)[0] == per_option
    assert score(_section(3, 3, "all_or_nothing"), chosen, 3.0)[0] == all_or_nothing


def test_a_question_whose_every_option_is_correct_is_refused() -> None:
    with pytest.raises(ValueError, match="options: at least one option must be wrong"):
        _section(3, 0, "per_option")
