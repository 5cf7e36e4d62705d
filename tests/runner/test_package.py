"""The runtime loads with only what the runner image has: nothing of the service side."""

from __future__ import annotations

import json
import subprocess
import sys

from grader.config import PROJECT_ROOT

RUNNER = sorted(
    f"grader.runner.{path.stem}"
    for path in (PROJECT_ROOT / "grader" / "runner").glob("*.py")
    if path.stem != "__init__"
)
OLD_PATHS = ["supervisor", "candidate_boot", "capture", "seccomp", "serve", "wire", "protocol"]
MODULES = ["grader.runner", *RUNNER, *(f"grader.harness.{name}" for name in OLD_PATHS)]
SERVICE_SIDE = ("fastapi", "pydantic", "sqlalchemy", "docker", "httpx", "uvicorn", "alembic")


def test_importing_every_runtime_module_loads_no_service_module_or_dependency() -> None:
    probe = (
        "import importlib, json, sys\n"
        f"for name in {MODULES!r}:\n"
        "    importlib.import_module(name)\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    loaded = json.loads(
        subprocess.run(
            [sys.executable, "-I", "-c", probe], capture_output=True, text=True, check=True
        ).stdout
    )
    assert "grader.runner.hidden_tests" in loaded and "grader.runner.supervisor" in loaded
    ours = [m for m in loaded if m == "grader" or m.startswith("grader.")]
    in_container = ("grader.runner", "grader.authoring", "grader.harness")
    assert [m for m in ours if not m.startswith(in_container)] == ["grader"]
    assert [m for m in loaded if m.split(".")[0] in SERVICE_SIDE] == []
