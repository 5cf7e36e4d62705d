"""Compatibility package: the import paths the runtime and the authoring API had before.

What runs inside the container to isolate and supervise lives in `grader.runner`; what question
authors import lives in `grader.authoring`. Each module left here only re-exports its new home
(`kit`, `calls`, `figures`, `elements`, `checks`, `decorations`, `distributions`, `colours`,
`locate` and `pixels` from `grader.authoring`; `supervisor`, `candidate_boot`, `capture`,
`seccomp`, `serve`, `wire`, `protocol` and `runner` from `grader.runner`), so that stored
versions of questions whose hidden tests import `grader.harness.X` keep grading. New code
imports the new paths.
"""
