"""Old import path of `grader.runner.hidden_tests`, re-exported for code written against it."""

import runpy

if __name__ == "__main__":  # `python -m grader.harness.runner` runs the new module
    runpy.run_module("grader.runner.hidden_tests", run_name="__main__", alter_sys=True)
else:
    from grader.runner.hidden_tests import *  # noqa: F403  (everything public, as before the move)
