"""The authoring package loads with only what the runner image has: nothing of the service."""

from __future__ import annotations

import json
import subprocess
import sys

OLD_PATHS = ["kit", "calls", "figures", "elements", "checks", "decorations", "distributions"]
OLD_PATHS += ["colours", "locate", "pixels"]
MODULES = ["grader.authoring", "grader.authoring.checks", "grader.authoring.figures"]
MODULES += [f"grader.harness.{name}" for name in OLD_PATHS]
SERVICE_SIDE = ("fastapi", "pydantic", "sqlalchemy", "docker", "httpx", "uvicorn", "alembic")


def test_importing_the_authoring_api_loads_no_service_module_or_dependency() -> None:
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
    ours = [m for m in loaded if m == "grader" or m.startswith("grader.")]
    # The in-container packages only: authoring, and the runner's protocol and value codec.
    in_container = ("grader.authoring", "grader.harness", "grader.runner")
    assert [m for m in ours if not m.startswith(in_container)] == ["grader"]
    assert [m for m in loaded if m.split(".")[0] in SERVICE_SIDE] == []
