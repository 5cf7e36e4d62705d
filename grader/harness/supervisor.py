"""Old import path of `grader.runner.supervisor`, re-exported for code written against it."""

import runpy

from grader.runner.supervisor import *  # noqa: F403  (everything public, as before the move)

if __name__ == "__main__":  # `python -m grader.harness.supervisor` runs the new module
    runpy.run_module("grader.runner.supervisor", run_name="__main__", alter_sys=True)
