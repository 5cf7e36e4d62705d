from __future__ import annotations

import pytest

from grader.bank.question import Bank, Question


@pytest.fixture(scope="module")
def skew(bank: Bank) -> Question:
    return bank.get("sentiment-skew-reason")
