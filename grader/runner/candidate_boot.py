"""Entry point of the candidate process: install the figure capture, run the answer as __main__.

Started by the supervisor as `python -I -B -m grader.runner.candidate_boot ANSWER [--seed N]
[--serve]`, already under the candidate's uid, with the capture pipe on fd 3. `random` and
NumPy are seeded with N first, as the harness seeds them for the reference solution. With
`--serve`, the process stays alive after the program ran and answers the harness's calls into
its functions (`grader.runner.serve`) on fds 4 and 5.
"""

from __future__ import annotations

import atexit
import json
import os
import signal
import sys
import traceback
import types
from typing import Any

from grader.runner import protocol


def _trim(tb: types.TracebackType | None, answer: str) -> types.TracebackType | None:
    """Drop the boot frames so the candidate sees only their own code."""
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


def run_answer(answer: str, namespace: dict[str, Any]) -> int:
    """Run the answer file in `namespace` as `__main__`; its exit status."""
    try:
        with open(answer, "rb") as handle:
            source = handle.read()
        code = compile(source, answer, "exec", dont_inherit=True)
        exec(code, namespace)  # noqa: S102  (the candidate's program, inside the sandbox)
    except SystemExit as exc:
        return _exit_status(exc)
    except BaseException as exc:  # noqa: BLE001  (any failure of the answer is reported to it)
        traceback.print_exception(type(exc), exc, _trim(exc.__traceback__, answer))
        return 1
    return 0


def _options(argv: list[str]) -> tuple[str, int, bool]:
    answer, seed, serve = argv[1], 0, False
    rest = argv[2:]
    while rest:
        flag = rest.pop(0)
        if flag == "--seed" and rest:
            seed = int(rest.pop(0))
        elif flag == "--serve":
            serve = True
    return answer, seed, serve


def _finish_program(status: int) -> None:
    """Send the figures, let go of the output pipes and tell the supervisor the status."""
    from grader.runner import capture

    capture.flush()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):
        pass
    devnull = os.open(os.devnull, os.O_RDWR)
    for fd in (1, 2, protocol.CAPTURE_FD):
        os.dup2(devnull, fd)
    done = json.dumps({"done": status}).encode() + b"\n"
    os.write(protocol.CALL_RESPONSE_FD, done)


def main(argv: list[str]) -> int:
    answer, seed, serve = _options(argv)
    from grader.runner import capture
    from grader.runner import serve as serving

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
    main_module = types.ModuleType("__main__")
    main_module.__file__ = answer
    sys.modules["__main__"] = main_module
    serving.reseed(seed)
    status = run_answer(answer, main_module.__dict__)
    if serve:
        try:
            _finish_program(status)
        except OSError:
            return status
        serving.serve(main_module.__dict__, seed)
    return status


if __name__ == "__main__":
    status = main(sys.argv)
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    finally:
        sys.exit(status)
