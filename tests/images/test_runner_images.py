"""Runner image definitions: what a manifest can name, what each lock pins, the build context."""

from __future__ import annotations

import tarfile
import tempfile
from pathlib import Path
from typing import get_args

from grader.bank.manifest import Runner
from grader.config import PROJECT_ROOT
from grader.images import RunnerImage, _write_context, find_image, runner_images

IMAGES = PROJECT_ROOT / "runner_images"


def pins(image: RunnerImage) -> dict[str, str]:
    """Each locked package's `name==version` line without its hash, by name."""
    found = {}
    for line in image.lock.read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            requirement, _, digest = line.partition(" --hash=sha256:")
            assert len(digest) == 64, f"{image.name}: {line!r} is not pinned to one sha256"
            name, _, version = requirement.partition("==")
            assert version, f"{image.name}: {line!r} is not pinned to a version"
            found[name] = line
    return found


def test_the_runners_a_manifest_can_name_are_the_image_folders() -> None:
    assert sorted(get_args(Runner)) == [image.name for image in runner_images(IMAGES)]


def test_the_torch_image_has_every_python_image_package_at_the_same_pin() -> None:
    python, torch = pins(find_image(IMAGES, "python")), pins(find_image(IMAGES, "torch"))
    assert {name: torch.get(name) for name in python} == python


def test_the_torch_image_pins_the_cpu_build_and_no_cuda_package() -> None:
    locked = pins(find_image(IMAGES, "torch"))
    assert locked["torch"].startswith("torch==2.13.0+cpu ")
    assert [n for n in locked if n.startswith(("nvidia", "cuda", "triton"))] == []


def test_every_image_renders_with_the_same_matplotlib_settings() -> None:
    settings = {(image.directory / "matplotlibrc").read_text() for image in runner_images(IMAGES)}
    assert len(settings) == 1


def test_the_build_context_holds_the_image_folder_the_runtime_and_the_wheels(
    tmp_path: Path,
) -> None:
    image = find_image(IMAGES, "torch")
    wheels = tmp_path / "wheels"
    wheels.mkdir()
    (wheels / "demo-1.0-py3-none-any.whl").write_bytes(b"wheel")
    (wheels / ".complete").touch()
    with tempfile.TemporaryFile() as out:
        _write_context(image, wheels, out)
        with tarfile.open(fileobj=out) as tar:
            names = tar.getnames()
            wheel = tar.extractfile("wheels/demo-1.0-py3-none-any.whl")
            assert wheel is not None and wheel.read() == b"wheel"
    assert names[:3] == ["Dockerfile", "matplotlibrc", "requirements.lock"]
    assert "runtime/grader/harness/supervisor.py" in names
    assert names[-1] == "wheels/demo-1.0-py3-none-any.whl"
    assert len(names) == len(image.context_files()) + 1


def test_an_image_tag_changes_with_its_lock_but_not_with_another_image(tmp_path: Path) -> None:
    for name in ("python", "torch"):
        (tmp_path / name).mkdir()
        for source in (IMAGES / name).iterdir():
            if source.is_file():
                (tmp_path / name / source.name).write_bytes(source.read_bytes())
    before = {image.name: image.tag("base") for image in runner_images(tmp_path)}
    lock = tmp_path / "torch" / "requirements.lock"
    lock.write_text(lock.read_text() + "# changed\n")
    after = {image.name: image.tag("base") for image in runner_images(tmp_path)}
    assert after["python"] == before["python"]
    assert after["torch"] != before["torch"]
    assert after["torch"].startswith("grader-runner-torch:")
