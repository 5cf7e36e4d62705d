"""Old import path of `grader.runner.serve`, re-exported for code written against it."""

from grader.runner.serve import *  # noqa: F403  (everything public, as before the move)
