"""Old import path of `grader.runner.capture`, re-exported for code written against it."""

from grader.runner.capture import *  # noqa: F403  (everything public, as before the move)
