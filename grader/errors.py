"""Every error the grader raises on purpose, in one hierarchy.

GraderError                      base: a message written for the person who reads it
├── QuestionNotFound             no question with that id or directory
├── QuestionInvalid              a manifest or question file is malformed
├── AnswerUnreadable             the answer file cannot be read
├── SubmissionNotFound           no submission with that id
├── ArtifactNotFound             no artifact with that name
├── EngineUnavailable            the Docker engine cannot be reached
├── ImageBuildFailed             a runner image could not be built
└── SandboxFailed                a sandbox could not be created, run or read
"""

from __future__ import annotations


class GraderError(Exception):
    """Base of every deliberate error; `str(error)` is the message for the user."""


class QuestionNotFound(GraderError):
    """No question with that id or directory."""


class QuestionInvalid(GraderError):
    """A manifest or question file is malformed."""


class AnswerUnreadable(GraderError):
    """The answer file cannot be read."""


class SubmissionNotFound(GraderError):
    """No submission with that id."""


class ArtifactNotFound(GraderError):
    """No artifact with that name."""


class EngineUnavailable(GraderError):
    """The Docker engine cannot be reached."""


class ImageBuildFailed(GraderError):
    """A runner image could not be built."""


class SandboxFailed(GraderError):
    """A sandbox could not be created, run or read."""
