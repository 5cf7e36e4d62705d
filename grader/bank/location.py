"""Where the bank is: one rule that every command follows.

1. `--bank DIR`, when given.
2. Else the nearest directory, from the current one up to the root of the git repository it
   is in (the current directory alone outside a repository), that holds question directories
   (subdirectories with a question.toml): the bank is that directory; or that holds a
   `questions/` directory: the bank is `questions/`.
3. Else GRADER_BANK_DIR, when it is set.
4. Else, inside a git repository, `questions/` at its root (a new bank repository: `grader
   new` creates it).
5. Else the grader's own bank (GRADER_BANK_DIR's default).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from grader.bank.question import MANIFEST_NAME

QUESTIONS_DIR = "questions"


@dataclass(frozen=True)
class BankLocation:
    """A bank's directory and which step of the rule chose it, in words for a person."""

    path: Path
    source: str


def holds_questions(directory: Path) -> bool:
    """Whether some subdirectory of `directory` is a question (has a question.toml)."""
    try:
        return any((child / MANIFEST_NAME).is_file() for child in directory.iterdir())
    except OSError:
        return False


def repository_root(directory: Path) -> Path | None:
    """The nearest directory at or above `directory` with a `.git` (a repository's root)."""
    for candidate in (directory, *directory.parents):
        if (candidate / ".git").exists():
            return candidate
    return None


def locate_bank(
    explicit: Path | None, *, cwd: Path, configured: Path, configured_is_set: bool
) -> BankLocation:
    """Apply the rule; `configured` is GRADER_BANK_DIR's value, `configured_is_set` whether
    it was set rather than defaulted."""
    if explicit is not None:
        return BankLocation(explicit, "--bank")
    here = cwd.resolve()
    root = repository_root(here)
    walk = [here]
    if root is not None:
        walk += [p for p in here.parents if p.is_relative_to(root)]
    for directory in walk:
        if holds_questions(directory):
            return BankLocation(directory, "found from the current directory")
        if (directory / QUESTIONS_DIR).is_dir():
            return BankLocation(directory / QUESTIONS_DIR, "found from the current directory")
    if configured_is_set:
        return BankLocation(configured, "GRADER_BANK_DIR")
    if root is not None:
        return BankLocation(root / QUESTIONS_DIR, f"the repository at {root}")
    return BankLocation(configured, "the default bank")
