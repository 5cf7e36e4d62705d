"""The storage tests run on every database the service supports."""

from __future__ import annotations

from pathlib import Path

import pytest

from grader.config import PROJECT_ROOT, Settings


@pytest.fixture
def settings(tmp_path: Path, migrated_database_url: str) -> Settings:
    return Settings(
        database_url=migrated_database_url,
        artifact_dir=tmp_path / "artifacts",
        bank_dir=PROJECT_ROOT / "questions",
    )
