"""Hidden tests for stdin-word-count: one test per stdin case declared in question.toml."""

from grader.authoring import Case, Fail, Score, test, visible_with_variants

POINTS = {"simple": 2, "case_and_punctuation": 2, "ties_and_digits": 2, "empty": 1, "many_lines": 3}
SKILLS = {"case_and_punctuation": ("text-processing",), "ties_and_digits": ("python",)}
# The prompt shows the "simple" case: its points come only with these hidden variants of it.
VARIANTS = {"simple": ("simple_variant_dog", "simple_variant_sun")}


def _grade(case: Case) -> Score:
    if case.run.timed_out:
        raise Fail(f"On input {case.name!r} the program ran out of time.")
    if case.run.exit_code != 0:
        raise Fail(f"On input {case.name!r} the program ended with an error.")
    if case.expected == "":
        # "Empty input prints nothing": no output at all, not even an empty line.
        if case.stdout == "":
            return Score(1.0, f"For input {case.name!r} the program prints nothing, as asked.")
        raise Fail(f"For input {case.name!r} the program must print nothing, but it printed text.")
    if case.output_matches(whitespace="collapse"):
        return Score(1.0, f"The output for input {case.name!r} is right.")
    if case.output_matches(whitespace="collapse", ordered=False):
        return Score(0.5, f"The counts for input {case.name!r} are right but not in order.")
    raise Fail(f"The output for input {case.name!r} is wrong.")


def _scored(case: Case) -> Score:
    try:
        return _grade(case)
    except Fail as failed:
        return Score(0.0, str(failed))


def _case(cases: list[Case], name: str) -> Case:
    for case in cases:
        if case.name == name:
            return case
    raise KeyError(name)  # a mistake in the question, reported as a grader error


def _make(name: str, points: int):
    @test(points=points, name=name, skills=SKILLS.get(name, ("python", "text-processing")))
    def check(cases: list[Case]):
        if name in VARIANTS:
            return visible_with_variants(
                _scored(_case(cases, name)),
                [_scored(_case(cases, v)) for v in VARIANTS[name]],
                what="the prompt's example",
            )
        return _grade(_case(cases, name))

    return check


for _name, _points in POINTS.items():
    _make(_name, _points)
