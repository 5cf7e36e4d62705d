"""Entry point of the candidate process: install the figure capture, run the answer as __main__.

Started by the supervisor as `python -I -B -m grader.harness.candidate_boot ANSWER`, already
under the candidate's uid, with the capture pipe on fd 3.
"""

from __future__ import annotations

import atexit
import os
import runpy
import signal
import sys
import traceback
import types
from typing import Any


def _trim(tb: types.TracebackType | None, answer: str) -> types.TracebackType | None:
    """Drop the boot and runpy frames so the candidate sees only their own code."""
    while tb is not None and tb.tb_frame.f_code.co_filename != answer:
        tb = tb.tb_next
    return tb


def _exit_status(exc: SystemExit) -> int:
    code = exc.code
    if code is None:
        return 0
    if isinstance(code, int):
        return code & 0xFF
    print(code, file=sys.stderr)
    return 1


def main(argv: list[str]) -> int:
    answer = argv[1]
    from grader.harness import capture

    capture.install()
    # Registered first, so it runs after any atexit handler the answer registers.
    atexit.register(capture.flush)

    def on_term(signum: int, frame: Any) -> None:
        # The supervisor's wall-clock limit: keep the figures drawn so far, then stop.
        try:
            capture.flush()
        finally:
            os._exit(128 + signum)

    signal.signal(signal.SIGTERM, on_term)
    sys.argv = [answer]
    sys.path.insert(0, os.path.dirname(answer))
    try:
        runpy.run_path(answer, run_name="__main__")
    except SystemExit as exc:
        return _exit_status(exc)
    except BaseException as exc:  # noqa: BLE001  (any failure of the answer is reported to it)
        traceback.print_exception(type(exc), exc, _trim(exc.__traceback__, answer))
        return 1
    return 0


if __name__ == "__main__":
    status = main(sys.argv)
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    finally:
        sys.exit(status)
