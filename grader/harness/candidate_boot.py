"""Old import path of `grader.runner.candidate_boot`, re-exported for code written against it."""

import runpy

if __name__ == "__main__":  # `python -m grader.harness.candidate_boot` runs the new module
    runpy.run_module("grader.runner.candidate_boot", run_name="__main__", alter_sys=True)
else:
    from grader.runner.candidate_boot import *  # noqa: F403  (everything public, as before the move)
