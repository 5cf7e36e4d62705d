"""What a runner image gets of the grader: every module that runs in the container, no other."""

from __future__ import annotations

from grader.config import PROJECT_ROOT
from grader.images import RUNTIME_PACKAGES, find_image


def test_the_image_gets_every_runtime_module_with_subpackages_and_nothing_of_the_service() -> None:
    image = find_image(PROJECT_ROOT / "runner_images", "python")
    names = {name for name, _ in image.runtime_files()}
    expected = {"grader/__init__.py"}
    for package in RUNTIME_PACKAGES:
        expected |= {
            path.relative_to(PROJECT_ROOT).as_posix()
            for path in (PROJECT_ROOT / "grader" / package).rglob("*.py")
        }
    assert names == expected
    assert {"grader/runner/supervisor.py", "grader/runner/protocol.py"} <= names
    assert {"grader/harness/supervisor.py", "grader/harness/kit.py"} <= names
    assert not any(name.startswith(("grader/api/", "grader/store/")) for name in names)
