"""Sandboxed grading service for code questions.

This module is copied into the runner image beside `grader.runner` and `grader.authoring`, so
it must stay free of imports: the service's dependencies are not installed there.
"""

__version__ = "0.1.0"
