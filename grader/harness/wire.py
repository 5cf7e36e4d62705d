"""Old import path of `grader.runner.wire`, re-exported for code written against it."""

from grader.runner.wire import *  # noqa: F403  (everything public, as before the move)
