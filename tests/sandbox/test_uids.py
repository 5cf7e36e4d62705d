"""The host-wide pool of sandbox uids: distinct slots, freed on release and when a holder dies."""

from __future__ import annotations

import os
import signal
from pathlib import Path
from typing import cast

import pytest

from grader.errors import SandboxFailed
from grader.runner import protocol
from grader.sandbox.uids import UidPool


def test_live_leases_never_share_a_uid_and_a_released_slot_is_reused(tmp_path: Path) -> None:
    pool = UidPool(tmp_path, slots=3)
    leases = [pool.lease() for _ in range(3)]
    uids = [u for lease in leases for u in (lease.candidate, lease.harness)]
    assert len(set(uids)) == 6
    assert all(protocol.FIRST_POOL_UID <= u < protocol.FIRST_POOL_UID + 6 for u in uids)
    assert all(lease.harness == lease.candidate + 1 for lease in leases)
    with pytest.raises(SandboxFailed, match="all 3 sandbox uid slots"):
        pool.lease()
    leases[1].release()
    leases[1].release()  # twice is harmless
    again = pool.lease()
    assert again.candidate == leases[1].candidate


def test_two_pools_on_one_directory_share_the_slots(tmp_path: Path) -> None:
    first, second = UidPool(tmp_path, slots=2), UidPool(tmp_path, slots=2)
    a, b = first.lease(), second.lease()
    assert a.candidate != b.candidate
    with pytest.raises(SandboxFailed):
        second.lease()


def test_a_holder_that_dies_frees_its_slot(tmp_path: Path) -> None:
    ready_r, ready_w = os.pipe()
    pid = os.fork()
    if pid == 0:
        try:
            UidPool(tmp_path, slots=1).lease()
            os.write(ready_w, b"x")
            signal.pause()
        finally:
            os._exit(0)
    os.close(ready_w)
    assert os.read(ready_r, 1) == b"x"
    pool = UidPool(tmp_path, slots=1)
    with pytest.raises(SandboxFailed):
        pool.lease()
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    assert pool.lease().candidate == protocol.FIRST_POOL_UID


def test_an_unusable_directory_is_a_clear_sandbox_failure(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    with pytest.raises(SandboxFailed, match="cannot use the sandbox uid directory"):
        UidPool(blocker / "uids").lease()


def test_a_job_names_two_distinct_unprivileged_uids_or_is_refused() -> None:
    job = protocol.decode_job(b'{"protocol": 1}')
    assert protocol.job_uids(job) == (protocol.CANDIDATE_UID, protocol.HARNESS_UID)
    given = protocol.decode_job(protocol.with_uids(b'{"protocol": 1}', 100_000, 100_001))
    assert protocol.job_uids(given) == (100_000, 100_001)
    for bad in ([0, 100_001], [100_000, 100_000], [100_000], ["100000", 100_001], [True, 2000]):
        named = cast(protocol.Job, {"protocol": 1, "uids": bad})
        with pytest.raises(ValueError, match="two distinct unprivileged uids"):
            protocol.job_uids(named)
