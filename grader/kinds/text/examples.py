"""A rubric's own examples: phrasings each concept must be credited for, and must not.

`grader check` reads every concept's `examples` and `counterexamples` as one-sentence answers:
an example that does not earn its concept, or a counterexample that does, is a failure that
names the concept and the sentence. This is how an author proves a cue catches the paraphrases
it was written for and none of the negations, remedies and near-misses it must not.
"""

from __future__ import annotations

from grader.bank.manifest import TextSection
from grader.kinds.text.reading import read
from grader.kinds.text.rubric import rubric_for


def problems(section: TextSection, prompt: str) -> list[str]:
    """What is wrong with the rubric's examples, one message each; empty when all hold."""
    rubric = rubric_for(section, prompt)
    found: list[str] = []
    for index, compiled in enumerate(rubric.concepts):
        for example in compiled.concept.examples:
            if not read(rubric, example).credited(index):
                found.append(f"concept {compiled.name!r}: the example {example!r} does not earn it")
        for counterexample in compiled.concept.counterexamples:
            if read(rubric, counterexample).credited(index):
                found.append(
                    f"concept {compiled.name!r}: the counterexample {counterexample!r} earns it"
                )
    return found
