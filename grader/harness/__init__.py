"""Compatibility package: the import paths the runtime and the authoring API had before.

What runs inside the container to isolate and supervise lives in `grader.runner`; what question
authors import lives in `grader.authoring`. Each module left here only re-exports its new home,
so that stored question versions whose hidden tests import `grader.harness.X` keep grading.
New code imports the new paths.
"""
