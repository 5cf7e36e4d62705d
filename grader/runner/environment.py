"""The environment every child of the supervisor starts with, built from nothing.

Nothing of the container's own environment is passed on; each process gets its own writable
matplotlib config directory, seeded with the font cache baked into the image.
"""

from __future__ import annotations

import os

from grader.runner import protocol


def seed_font_cache(config_dir: str) -> None:
    """Copy the image's prebuilt font cache into a process's own config directory."""
    os.makedirs(config_dir, exist_ok=True)
    try:
        names = os.listdir(protocol.FONT_CACHE_DIR)
    except OSError:
        return
    for name in names:
        if name.startswith("fontlist") and name.endswith(".json"):
            with open(os.path.join(protocol.FONT_CACHE_DIR, name), "rb") as src:
                data = src.read()
            with open(os.path.join(config_dir, name), "wb") as dst:
                dst.write(data)


def thread_count(limits: protocol.Limits) -> int:
    """Threads each numeric library may run: the sandbox's whole CPUs, at least one.

    OpenMP (PyTorch's intra-op pool), MKL and OpenBLAS size their pools from these variables,
    not from the container's CPU quota: left alone they start one thread per host core, and
    the quota then throttles all of them.
    """
    return max(1, int(float(limits["cpus"])))


def base_env(home: str, threads: int) -> dict[str, str]:
    """The whole environment of a process whose home (and matplotlib config) is `home`."""
    return {
        "PATH": "/opt/venv/bin:/usr/local/bin:/usr/bin:/bin",
        "HOME": home,
        "TMPDIR": home if home == protocol.HARNESS_DIR else "/tmp",  # noqa: S108  (a private tmpfs)
        "LANG": "C.UTF-8",
        "MPLBACKEND": "agg",
        "MPLCONFIGDIR": os.path.join(home, ".matplotlib"),
        "MATPLOTLIBRC": "/opt/grader/matplotlibrc",
        "PYTHONHASHSEED": "0",
        "OPENBLAS_NUM_THREADS": str(threads),
        "OMP_NUM_THREADS": str(threads),
        "MKL_NUM_THREADS": str(threads),
    }
