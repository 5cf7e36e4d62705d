"""visible_with_variants: a visible example's points only together with hidden variants."""

from __future__ import annotations

import pytest

from grader.authoring import Fail, Score, visible_with_variants


def test_right_everywhere_earns_everything() -> None:
    assert visible_with_variants(True, [True, Score(1.0)]) == Score(
        1.0, "The answer to the visible example and to hidden variants of it is right."
    )


def test_the_visible_answer_alone_typed_in_earns_nothing() -> None:
    with pytest.raises(Fail) as failure:
        visible_with_variants(Score(1.0), [False, 0.0], what="the prompt's example")
    assert str(failure.value) == (
        "The answer to the prompt's example is right, but not to hidden variants of it: the "
        "answer must be computed from the input, not typed in."
    )


def test_a_mistake_made_on_both_is_charged_once() -> None:
    assert visible_with_variants(0.5, [0.5, 0.5]).fraction == 0.5
    assert visible_with_variants(1.0, [1.0, 0.0]).fraction == 0.5
    assert visible_with_variants(0.5, [1.0]).fraction == 0.5


def test_a_wrong_visible_answer_fails_with_its_own_message() -> None:
    with pytest.raises(Fail, match=r"^The output is wrong\.$"):
        visible_with_variants(Score(0.0, "The output is wrong."), [True])
    with pytest.raises(ValueError, match="at least one hidden variant"):
        visible_with_variants(True, [])
