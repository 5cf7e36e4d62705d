"""Notation is read as the words it stands for."""

from __future__ import annotations

import pytest

from grader.textmatch.notation import spell_out
from grader.textmatch.words import fold


def read(text: str) -> str:
    """The folded text with its spacing squeezed."""
    return " ".join(fold(text).split())


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("o(n^2)", "quadratic time"),
        ("o(n**2)", "quadratic time"),
        ("o( n * n )", "quadratic time"),
        ("o(n\u00b2)", "quadratic time"),
        ("o(n)", "linear time"),
        ("o(1)", "constant time"),
        ("o(n log n)", "n log n time"),
        ("o(n log k)", "n log k time"),
        ("o(log n)", "logarithmic time"),
    ],
)
def test_big_o_of_a_common_class_is_its_name(written: str, read: str) -> None:
    assert " ".join(spell_out(written).split()) == read


def test_a_big_o_of_anything_else_and_words_ending_in_o_stay_as_written() -> None:
    assert spell_out("o(v + e log v)") == "o(v + e log v)"
    assert spell_out("zero(n)") == "zero(n)"


def test_conditional_probabilities_and_hypotheses_read_as_words() -> None:
    assert read("P(data | H0)") == "probability of data given the null hypothesis"
    assert read("P(|diff| >= d | H_0)") == (
        "probability of diff at least d given the null hypothesis"
    )
    assert read("P(H1)") == "probability of the alternative"


def test_symbols_read_as_the_words_they_stand_for() -> None:
    assert read("0.97 != P(better)") == "0.97 is not probability of better"
    assert read("never flip, 6<->9") == "never flip, 6 swaps with 9"
    assert read("x in list -> linear") == "x in list so linear"
    assert read("a = b") == "a is b"
    assert read("~3% of runs") == "about 3% of runs"
    assert read("sum += latency, n += 1") == "sum accumulates latency, n counts one more"


def test_the_dot_of_a_dotted_name_ends_no_sentence() -> None:
    assert read("use dict.fromkeys(ids). Done.") == "use dict fromkeys(ids). done."
