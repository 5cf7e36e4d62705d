"""Old import path of `grader.runner.seccomp`, re-exported for code written against it."""

from grader.runner.seccomp import *  # noqa: F403  (everything public, as before the move)
