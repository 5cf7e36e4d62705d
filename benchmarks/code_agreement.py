"""Agreement with a careful human on code answers the bank's samples never held.

Run: .venv/bin/python benchmarks/code_agreement.py [QUESTION ...]
Grades every answer of benchmarks/answers/code (written the way candidates write them, for
every code question of the bank, and called by a person from the question's prompt and its
requirement table alone: which hidden tests each answer passes) in the real sandbox, two at a
time, and compares the tests it passed with the person's call. Prints each disagreement with
the grader's messages, then agreement per family (correct, partial, wrong). Answers where the
bank's documented policy differs from the person's call carry the policy in `policy` and are
counted apart: they are what the bank decided, not what it missed.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from grader.bank.question import Bank
from grader.config import Settings
from grader.kinds import grade_answer
from grader.runtime import Runtime

ANSWERS = Path(__file__).resolve().parent / "answers" / "code"


def main(only: set[str]) -> None:
    settings = Settings()
    bank = Bank(settings.bank_dir)
    runtime = Runtime(settings)
    rows = [json.loads(line) for line in (ANSWERS / "expected.jsonl").read_text().splitlines()]
    rows = [r for r in rows if not only or r["question"] in only]

    def grade(row: dict[str, Any]) -> tuple[dict[str, Any], set[str], dict[str, str], float]:
        question = bank.get(row["question"])
        answer = (ANSWERS / row["file"]).read_text(encoding="utf-8")
        result = grade_answer(
            question, answer, backend_for=runtime.backend_for, settings=settings
        ).result
        passed = {t.name for t in result.tests if t.status == "passed"}
        messages = {t.name: t.message for t in result.tests if t.status != "passed"}
        return row, passed, messages, result.score

    counts: Counter[tuple[str, str]] = Counter()
    with ThreadPoolExecutor(2) as pool:
        for row, passed, messages, score in pool.map(grade, rows):
            expected = set(row["tests_passed"])
            outcome = "agree" if passed == expected else "policy" if "policy" in row else "differ"
            counts[(row["family"], outcome)] += 1
            if outcome == "agree":
                continue
            print(f"{outcome}: {row['file']} (score {score:g})")
            for name in sorted(expected - passed):
                print(f"    failed, the person expected it to pass: {name}: {messages[name]}")
            for name in sorted(passed - expected):
                print(f"    passed, the person expected it to fail: {name}")
            print(f"    the person: {row['note']}")
            if "policy" in row:
                print(f"    the bank's policy: {row['policy']}")
    print()
    print(f"{'family':<10} {'answers':>8} {'agree':>6} {'policy':>7} {'differ':>7}")
    for family in ("correct", "partial", "wrong"):
        n = sum(v for (f, _), v in counts.items() if f == family)
        agree, policy, differ = (counts[(family, o)] for o in ("agree", "policy", "differ"))
        print(f"{family:<10} {n:>8} {agree:>6} {policy:>7} {differ:>7}")
    total = sum(counts.values())
    agree = sum(v for (_, o), v in counts.items() if o == "agree")
    print(f"{'all':<10} {total:>8} {agree:>6}")


if __name__ == "__main__":
    main(set(sys.argv[1:]))
