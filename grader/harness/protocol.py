"""Old import path of `grader.runner.protocol`, re-exported for code written against it."""

from grader.runner.protocol import *  # noqa: F403  (everything public, as before the move)
