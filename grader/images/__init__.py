"""Runner images: content-hash tags, offline wheel downloads, a local base when no registry."""

from __future__ import annotations

import hashlib
import logging
import shutil
import subprocess
import tarfile
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import docker
import docker.errors
import requests.exceptions

from grader.config import PROJECT_ROOT
from grader.errors import ImageBuildFailed

log = logging.getLogger(__name__)

DEFAULT_BASE = "python:3.11-slim"
LOCAL_BASE_REPO = "grader-base-debian"
DEBIAN_SUITE = "bookworm"
WHEEL_PLATFORMS = ("manylinux2014_x86_64", "manylinux_2_17_x86_64", "manylinux_2_28_x86_64")

# The packages of `grader` that run inside the container, copied into every runner image with
# their subpackages: the runtime, the authoring API, and the old paths that re-export both.
RUNTIME_PACKAGES = ("runner", "authoring", "harness")

Say = Callable[[str], None]


@dataclass(frozen=True)
class RunnerImage:
    """A runner image definition: a folder under runner_images/ plus the runtime packages."""

    name: str
    directory: Path

    def runtime_files(self) -> list[tuple[str, Path]]:
        """(path inside the image's /opt/grader, source) for every runtime file."""
        package = PROJECT_ROOT / "grader"
        files = [("grader/__init__.py", package / "__init__.py")]
        for name in RUNTIME_PACKAGES:
            for path in sorted((package / name).rglob("*.py")):
                files.append((path.relative_to(PROJECT_ROOT).as_posix(), path))
        return files

    def context_files(self) -> list[tuple[str, Path]]:
        own = [
            (p.relative_to(self.directory).as_posix(), p) for p in sorted(self.directory.rglob("*"))
        ]
        own = [
            (name, path) for name, path in own if path.is_file() and not name.startswith("wheels/")
        ]
        return own + [(f"runtime/{name}", path) for name, path in self.runtime_files()]

    def tag(self, base: str) -> str:
        digest = hashlib.sha256(base.encode() + b"\0")
        for name, path in self.context_files():
            digest.update(name.encode() + b"\0" + hashlib.sha256(path.read_bytes()).digest())
        return f"grader-runner-{self.name}:{digest.hexdigest()[:12]}"

    @property
    def lock(self) -> Path:
        return self.directory / "requirements.lock"


def runner_images(root: Path) -> list[RunnerImage]:
    return [RunnerImage(p.name, p) for p in sorted(root.iterdir()) if (p / "Dockerfile").is_file()]


def find_image(root: Path, name: str) -> RunnerImage:
    for image in runner_images(root):
        if image.name == name:
            return image
    raise ImageBuildFailed(f"there is no runner image {name!r} under {root}")


def _image_exists(client: docker.DockerClient, ref: str) -> bool:
    try:
        client.images.get(ref)
    except docker.errors.ImageNotFound:
        return False
    return True


def local_base_tag() -> str:
    return f"{LOCAL_BASE_REPO}:{DEBIAN_SUITE}"


def _debian_mirror() -> str:
    """The Debian mirror this machine's own apt sources use."""
    candidates = [
        *sorted(Path("/etc/apt/sources.list.d").glob("*.sources")),
        Path("/etc/apt/sources.list"),
    ]
    for path in candidates:
        try:
            text = path.read_text()
        except OSError:
            continue
        for line in text.splitlines():
            line = line.strip()
            if line.startswith("URIs:"):
                for uri in line.split()[1:]:
                    if "security" not in uri:
                        return uri
            if line.startswith("deb ") and "security" not in line:
                parts = [p for p in line.split() if not p.startswith("[")]
                if len(parts) > 1:
                    return parts[1]
    return "http://deb.debian.org/debian"


def build_local_base(client: docker.DockerClient, say: Say) -> str:
    """Make a minimal Debian base with python3 and venv via debootstrap, and import it."""
    tag = local_base_tag()
    if _image_exists(client, tag):
        return tag
    if shutil.which("debootstrap") is None:
        raise ImageBuildFailed(
            "the public base image cannot be pulled and debootstrap is missing; "
            "install it with `apt-get install -y debootstrap` (as root)"
        )
    mirror = _debian_mirror()
    say(
        f"making a local Debian {DEBIAN_SUITE} base with debootstrap from {mirror} (about a minute)"
    )
    with tempfile.TemporaryDirectory(prefix="grader-rootfs-") as rootfs:
        result = subprocess.run(
            [
                "debootstrap",
                "--variant=minbase",
                "--include=python3,python3-venv",
                DEBIAN_SUITE,
                rootfs,
                mirror,
            ],
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode != 0:
            raise ImageBuildFailed(f"debootstrap failed: {result.stderr.strip()[-2000:]}")
        for cache in ("var/cache/apt/archives", "var/lib/apt/lists"):
            for item in (Path(rootfs) / cache).glob("*"):
                if item.is_file():
                    item.unlink()
        tar = subprocess.Popen(["tar", "-C", rootfs, "-c", "."], stdout=subprocess.PIPE)
        assert tar.stdout is not None
        imported = subprocess.run(
            ["docker", "import", "-", tag],
            stdin=tar.stdout,
            capture_output=True,
            text=True,
            check=False,
        )
        tar.wait()
        if imported.returncode != 0:
            raise ImageBuildFailed(f"docker import failed: {imported.stderr.strip()}")
    return tag


def resolve_base(client: docker.DockerClient, requested: str, say: Say) -> str:
    """The public base if present or pullable, else the local Debian base."""
    if _image_exists(client, requested):
        return requested
    try:
        say(f"pulling {requested}")
        client.images.pull(requested)
        return requested
    except (docker.errors.DockerException, requests.exceptions.RequestException) as exc:
        if requested != DEFAULT_BASE:
            raise ImageBuildFailed(f"cannot pull the base image {requested}: {exc}") from None
        say(f"cannot pull {requested} (no registry reachable); using a local Debian base")
    return build_local_base(client, say)


def download_wheels(image: RunnerImage, cache: Path, say: Say) -> Path:
    """Download the locked wheels for Linux x86-64 / CPython 3.11 once, verified by hash."""
    target = cache / hashlib.sha256(image.lock.read_bytes()).hexdigest()[:16]
    marker = target / ".complete"
    if marker.exists():
        return target
    target.mkdir(parents=True, exist_ok=True)
    say(f"downloading the locked wheels for {image.name} into {target}")
    command = ["python3", "-m", "pip", "download", "--no-deps", "--only-binary=:all:"]
    command += ["--python-version", "3.11", "--implementation", "cp", "--abi", "cp311"]
    for platform in WHEEL_PLATFORMS:
        command += ["--platform", platform]
    command += ["--require-hashes", "-r", str(image.lock), "-d", str(target), "-q"]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise ImageBuildFailed(f"could not download the wheels: {result.stderr.strip()[-2000:]}")
    marker.touch()
    return target


def _write_context(image: RunnerImage, wheels: Path, out: IO[bytes]) -> None:
    """Write the build context as a tar to `out` (a file: the wheels can be hundreds of MB)."""
    with tarfile.open(fileobj=out, mode="w") as tar:
        for name, path in image.context_files():
            tar.add(path, arcname=name)
        for wheel in sorted(wheels.glob("*.whl")):
            tar.add(wheel, arcname=f"wheels/{wheel.name}")
    out.seek(0)


def build_image(
    client: docker.DockerClient,
    image: RunnerImage,
    *,
    wheel_cache: Path,
    base: str = DEFAULT_BASE,
    say: Say = log.info,
) -> str:
    """Build the runner image, or reuse it when its content-hash tag already exists."""
    tag = image.tag(base)
    if _image_exists(client, tag):
        say(f"{tag} is up to date")
        return tag
    resolved = resolve_base(client, base, say)
    wheels = download_wheels(image, wheel_cache, say)
    say(f"building {tag} from {resolved}")
    with tempfile.TemporaryFile(prefix="grader-context-") as context:
        _write_context(image, wheels, context)
        try:
            for chunk in client.api.build(
                fileobj=context,
                custom_context=True,
                tag=tag,
                buildargs={"BASE_IMAGE": resolved},
                # Everything the build installs is in the context: no step needs a network.
                network_mode="none",
                rm=True,
                forcerm=True,
                decode=True,
            ):
                if "error" in chunk:
                    raise ImageBuildFailed(f"building {tag} failed: {str(chunk['error']).strip()}")
                text = str(chunk.get("stream", "")).strip()
                if text.startswith("Step "):
                    say(text)
        except (docker.errors.DockerException, requests.exceptions.RequestException) as exc:
            raise ImageBuildFailed(f"building {tag} failed: {exc}") from None
    return tag
