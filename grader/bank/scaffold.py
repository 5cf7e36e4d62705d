"""`grader new`: a new question directory that `grader check` passes as created.

Every place the author must fill in carries a TODO(author) marker, which `grader check`
reports as a warning until it is gone.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Literal

from grader.bank.manifest import QUESTION_ID_PATTERN
from grader.errors import GraderError

ScaffoldKind = Literal["code", "multiple_choice", "text"]

_HEAD = """# Question format v1: see docs/questions.md and docs/authoring.md.
format = 1
id = "{id}"
title = "TODO(author): a short title"
kind = "{kind}"
"""

CODE = {
    "question.toml": _HEAD
    + """language = "python"
runner = "python"
points = 2                      # must equal the sum of the tests' points
skills = ["python"]             # TODO(author): the skills this question assesses

[code]
serve_calls = true              # tests call the answer's functions with hidden inputs
seed = 0

[limits]
wall_seconds = 10
cpu_seconds = 10
memory_mb = 512
""",
    "prompt.md": """TODO(author): describe the task.

Write a function `add(a, b)` that returns the sum of two numbers.
""",
    "starter.py": '''def add(a, b):
    """Return a + b."""
    raise NotImplementedError
''',
    "solution.py": """# TODO(author): the reference solution; it must earn full marks.
def add(a, b):
    return a + b
""",
    "tests.py": '''"""Hidden tests. TODO(author): replace these with the question's own tests."""

from grader.authoring import Candidate, Fail, Reference, Score, test


@test(points=1, name="small_numbers", skills=("python",))
def small_numbers(candidate: Candidate, reference: Reference):
    if candidate.add(2, 3) != reference.add(2, 3):
        raise Fail("add(2, 3) returned a wrong value.")
    return Score(1.0, "add(2, 3) is right.")


@test(points=1, name="hidden_inputs", visibility="hidden", skills=("python",))
def hidden_inputs(candidate: Candidate, reference: Reference):
    for a, b in [(-1, 1), (10**12, 1), (0.5, 0.25)]:
        if candidate.add(a, b) != reference.add(a, b):
            raise Fail("add() is wrong for some inputs.")
    return True
''',
    "samples.toml": """# Sample answers with the score and verdict they must get (`grader check`).
# TODO(author): add samples: correct in two styles, partially correct, wrong, crashing.

[[sample]]
file = "samples/correct.py"
score = 2
verdict = "passed"

[[sample]]
file = "samples/wrong.py"
score = 0
verdict = "failed"
violates = "sum"
""",
    "requirements.toml": """# The requirements of the prompt and their tests (`grader check`).
# TODO(author): one [[requirement]] per requirement of the prompt, each with a sample above
# that breaks it alone (violates = "its id").

[[requirement]]
id = "sum"
text = "add(a, b) returns the sum of two numbers."
tests = ["small_numbers", "hidden_inputs"]
""",
    "samples/correct.py": """def add(a, b):
    return sum((a, b))
""",
    "samples/wrong.py": """def add(a, b):
    return a - b
""",
}

MULTIPLE_CHOICE = {
    "question.toml": _HEAD
    + """language = "none"
points = 1
skills = ["machine-learning"]   # TODO(author): the skills this question assesses

[multiple_choice]
policy = "all_or_nothing"       # or "per_option"
shuffle = true

[[multiple_choice.options]]
id = "right"
text = "TODO(author): a correct option"
correct = true

[[multiple_choice.options]]
id = "wrong"
text = "TODO(author): a wrong option"
""",
    "prompt.md": "TODO(author): the question.\n",
    "samples.toml": """# Sample answers with the score and verdict they must get (`grader check`).

[[sample]]
answer = '["right"]'
score = 1
verdict = "passed"

[[sample]]
answer = "wrong"
score = 0
verdict = "failed"
violates = "correct-option"
""",
    "requirements.toml": """# Each requirement of the prompt and its options (`grader check`).
# An answer breaks a requirement when it leaves out one of its correct
# options or chooses one of its wrong ones.

[[requirement]]
id = "correct-option"
text = "Tell the correct option from the wrong one."
tests = ["right", "wrong"]
""",
}

TEXT = {
    "question.toml": _HEAD
    + """language = "none"
points = 1
skills = ["statistical-analysis"]   # TODO(author): the skills this question assesses

[files]
solution = "solution.md"        # a model answer; it must earn full marks

[text]
min_confidence = 0.8            # finalise automatically only when this confident
min_words = 5                   # a person reads shorter answers

[[text.concepts]]
name = "TODO(author) a concept"
points = 1
description = "The model fits the noise of its training data instead of the pattern."
synonyms = ["overfitting", "over-fitting"]       # terms: they count only where explained
cues = ["memori*|learn*|fit* > the noise|noise|its training examples"]
examples = ["The model overfits.", "It learns the noise of its training data."]
counterexamples = ["The model is not overfitting."]
""",
    "requirements.toml": """# The points the prompt asks for and their concepts (`grader check`).

[[requirement]]
id = "concept"
text = "Explain why the model fails on new data."
tests = ["TODO(author) a concept"]
""",
    "prompt.md": "TODO(author): the question.\n",
    "solution.md": "TODO(author): a model answer. The model is overfitting its training data.\n",
    "samples.toml": """# Sample answers with the score, verdict and review flag they must get.

[[sample]]
answer = "The model overfits: it learns the noise of its training data."
score = 1
verdict = "passed"
needs_review = false

[[sample]]
answer = "It is not overfitting at all, the model is just too small for this data."
score = 0
verdict = "failed"
needs_review = true
violates = "concept"

[[sample]]
answer = ""
score = 0
verdict = "failed"
needs_review = false
""",
}

TEMPLATES: dict[str, dict[str, str]] = {
    "code": CODE,
    "multiple_choice": MULTIPLE_CHOICE,
    "text": TEXT,
}


def scaffold(bank_dir: Path, question_id: str, kind: ScaffoldKind) -> Path:
    """Create the question `question_id` of `kind` in `bank_dir`; its directory."""
    if not re.match(QUESTION_ID_PATTERN, question_id):
        raise GraderError(
            f"{question_id!r} is not a valid question id: use 2 to 64 characters from a-z, 0-9 "
            "and -, starting and ending with a letter or digit"
        )
    directory = bank_dir / question_id
    if directory.exists():
        raise GraderError(f"{directory} already exists; choose another id or remove it")
    for name, text in TEMPLATES[kind].items():
        path = directory / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text.format(id=question_id, kind=kind) if name == "question.toml" else text)
    return directory
