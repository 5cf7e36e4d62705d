"""What crosses the container boundary: the job, the harness's input, the envelope, and the caps.

One module, imported on both sides: the service builds the `Job` and reads the `Envelope`; in
the container the supervisor reads the job, hands the harness its `HarnessInput` and writes
the envelope; the harness writes its `HarnessResult`. The shapes are TypedDicts because the
runner image has no pydantic. They say what the writer writes; a reader on the service side
still checks every field it uses, since the envelope comes out of a container that ran
hostile code.

    service ──Job──▶ supervisor ──HarnessInput + capture──▶ harness
    service ◀──Envelope (CandidateReport, HarnessReport ◀──HarnessResult)──┘

The fixed names, uids, file descriptors and caps below are shared by the supervisor, the
candidate boot and the harness. Artifact naming rules are here too, for the harness that
attaches PNGs and the service that stores them.
"""

from __future__ import annotations

import json
import re
from typing import Any, Literal, NotRequired, TypedDict, cast

PROTOCOL_VERSION = 1

# The uids a job runs under when it names none. The service names a pair per sandbox, leased
# from a host-wide pool from FIRST_POOL_UID up, so that concurrent sandboxes never share a uid
# (RLIMIT_NPROC and other uid-keyed state are per user on the host, not per container).
HARNESS_UID = 2001
CANDIDATE_UID = 2002
FIRST_POOL_UID = 100_000
MAX_UID = 2**31 - 2

CANDIDATE_DIR = "/work"
HARNESS_DIR = "/run/harness"
ANSWER_PATH = "/work/answer.py"

# The candidate process writes its figure capture to this inherited file descriptor; the
# supervisor reads it through a pipe with a size cap and passes it to the harness unparsed.
CAPTURE_FD = 3

# Where the image keeps a prebuilt matplotlib font cache, copied into each process's own
# writable config directory so no process pays for a font scan.
FONT_CACHE_DIR = "/opt/grader/mplcache"

# Caps on what crosses from the candidate to the harness.
MAX_CAPTURE_BYTES = 48 * 1024 * 1024
MAX_FIGURES = 32
MAX_ARTISTS_PER_AXES = 256
MAX_POINTS_PER_ARTIST = 200_000
MAX_RENDER_PIXELS = 4_000_000
MAX_PIXEL_CHECKS_PER_FIGURE = 32
# Caps over a whole capture, as the harness reads it.
MAX_TOTAL_ARTISTS = 20_000
MAX_TOTAL_POINTS = 4_000_000
RENDER_DPI = 100.0
# Caps on the elements beyond lines and collections: bars, polygons, images, ticks, texts.
MAX_RECTS_PER_AXES = 4096
MAX_POLYGONS_PER_AXES = 256
MAX_VERTICES = 20_000
MAX_IMAGE_SIDE = 128
MAX_IMAGES_PER_AXES = 16
MAX_TICKS = 1000
MAX_TEXTS = 1000

# Points of an artist's data kept in the public figure summary returned to callers.
SUMMARY_POINTS = 200
# What the public summaries of one capture hold at most, whatever the capture: points, text
# characters and artists (the service then fits the whole result to its size budget).
MAX_SUMMARY_POINTS = 100_000
MAX_SUMMARY_CHARS = 1_000_000
MAX_SUMMARY_ARTISTS = 5_000

# Calls into the candidate's functions (questions with `serve_calls`): after the program ran,
# the candidate process reads requests on CALL_REQUEST_FD and answers on CALL_RESPONSE_FD, one
# JSON line each. Its first line says the program has finished; the supervisor reads only that
# line and hands both pipes to the harness.
CALL_REQUEST_FD = 4
CALL_RESPONSE_FD = 5
MAX_CALL_BYTES = 8 * 1024 * 1024
MAX_DONE_LINE_BYTES = 256
DEFAULT_CALL_SECONDS = 5.0

# Files the program writes, read after its run as the candidate's uid: at most this many bytes
# each, whatever the manifest asks for.
MAX_FILE_BYTES = 16 * 1024 * 1024

# PNGs the hidden tests attach to a result (`artifacts.add` in the authoring kit): at most this
# many, each named by this pattern; the service stores them as check-NAME, apart from the
# figures' own PNGs, which it stores as figure-1.png, figure-2.png, ...
ARTIFACT_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]{0,50}\.png$")
MAX_ARTIFACTS = 16
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def figure_artifact_name(position: int) -> str:
    """The stored name of a result's figure at `position`, counted from 0: `figure-1.png`."""
    return f"figure-{position + 1}.png"


def check_artifact_name(name: str) -> str:
    """The stored name of an artifact a hidden test attached as `name`: `check-NAME`."""
    return f"check-{name}"


# The job: from the service to the supervisor, on the container's stdin.


class Limits(TypedDict):
    """The limits the supervisor applies to each run of the program."""

    wall_seconds: float
    cpu_seconds: float
    processes: int
    output_bytes: int
    file_bytes: int
    truncate_output: bool
    cpus: float
    keep_output_bytes: NotRequired[int]
    """How much of stdout and stderr to keep; present for a plain program, whose output is
    its whole result."""


class QuestionInfo(TypedDict):
    """Which question the hidden tests belong to."""

    id: str
    points: float


class StdinCase(TypedDict):
    """One hidden run of a stdin-to-stdout program: its input and the output expected."""

    name: str
    stdin: str
    expected: str


class Job(TypedDict):
    """Everything the supervisor needs for one grading; hidden material included."""

    protocol: int
    code: str
    tests: str
    solution: str
    question: QuestionInfo
    limits: Limits
    harness_seconds: float
    seed: int
    serve_calls: bool
    stdin_cases: list[StdinCase]
    files: list[str]
    file_bytes: int
    render_reference: NotRequired[bool]
    """Present, and true, only when a hidden test asks for the reference's figures."""
    stdin: NotRequired[str]
    """What the main run reads on its stdin; without it, the main run reads /dev/null."""
    harness: NotRequired[bool]
    """Present, and false, for a plain program run: no hidden tests, no harness phase."""
    uids: NotRequired[list[int]]
    """The candidate's and the harness's uid, in that order: the sandbox's own pair."""


def encode_job(job: Job) -> bytes:
    return json.dumps(job).encode("utf-8")


def with_uids(data: bytes, candidate: int, harness: int) -> bytes:
    """An encoded job given the sandbox's own uids; ValueError when `data` is not a job."""
    job = decode_job(data)
    job["uids"] = [candidate, harness]
    return encode_job(job)


def decode_job(data: bytes) -> Job:
    """The job in `data`; ValueError when it is not JSON or not of this protocol."""
    job = json.loads(data)
    if not isinstance(job, dict) or job.get("protocol") != PROTOCOL_VERSION:
        raise ValueError("the job does not speak this supervisor's protocol")
    return cast(Job, job)


def job_uids(job: Job) -> tuple[int, int]:
    """The (candidate, harness) uids of a job; ValueError when they are not two distinct uids."""
    uids = job.get("uids", [CANDIDATE_UID, HARNESS_UID])
    if (
        not isinstance(uids, list)
        or len(uids) != 2
        or not all(type(u) is int and 1000 <= u <= MAX_UID for u in uids)
        or uids[0] == uids[1]
    ):
        raise ValueError("the job's uids are not two distinct unprivileged uids")
    return uids[0], uids[1]


# What the supervisor observed: in the harness's input and in the envelope.


class CandidateReport(TypedDict):
    """What the supervisor itself observed of one run of the program: not forgeable."""

    exit_code: int | None
    signal: int | None
    timed_out: str | None
    """Which time limit stopped the program, `wall` or `cpu`; None when none did."""
    oom_killed: bool
    output_exceeded: bool
    wall_ms: int
    cpu_wait_ms: NotRequired[int]
    """How much of `wall_ms` the program waited for a CPU other sandboxes held: not charged to
    its wall-clock limit."""
    cpu_ms: int
    peak_memory_bytes: int | None
    stdout: str
    stdout_bytes: int
    stderr: str
    stderr_bytes: int
    capture_bytes: int
    capture_truncated: bool


class CaseReport(StdinCase):
    """A stdin case with the run of the program on it."""

    outcome: CandidateReport


class FileReport(TypedDict, total=False):
    """A file the program wrote: its bytes in base64, or why it could not be read."""

    data: str
    truncated: bool
    error: str


# The harness's input: from the supervisor to the harness, on its stdin.


class HarnessInput(TypedDict):
    """The first line of the harness's stdin; the candidate's raw capture follows it."""

    code: str
    tests: str
    question: QuestionInfo
    candidate: CandidateReport
    reference_capture: str
    """The reference solution's capture in base64; empty unless the job asked for it."""
    solution: str
    seed: int
    serve_calls: bool
    stdin_cases: list[CaseReport]
    files: dict[str, FileReport]


def encode_harness_input(header: HarnessInput, capture: bytes) -> bytes:
    return json.dumps(header).encode("utf-8") + b"\n" + capture


def decode_harness_input(data: bytes) -> tuple[HarnessInput, bytes]:
    """The header the supervisor wrote and the candidate's capture, still unparsed."""
    header, _, capture = data.partition(b"\n")
    return cast(HarnessInput, json.loads(header)), capture


# The harness's result: from the harness to the supervisor, on its stdout.


class HiddenTestReport(TypedDict):
    """One hidden test's outcome; `error` (for operators, never candidates) when it crashed."""

    name: str
    max_score: float
    visibility: str
    skills: list[str]
    score: float
    status: Literal["passed", "failed", "partial", "error"]
    message: str
    error: NotRequired[str]


class FigureReport(TypedDict):
    """One of the candidate's figures: its public summary and its PNG in base64, if any."""

    summary: dict[str, Any]
    png: str | None


class ArtifactReport(TypedDict):
    """A PNG a hidden test attached, in base64, named by `ARTIFACT_NAME`."""

    name: str
    test: str
    png: str


class HarnessResult(TypedDict):
    """Everything the hidden tests concluded."""

    syntax_error: str | None
    tests: list[HiddenTestReport]
    figures: list[FigureReport]
    artifacts: NotRequired[list[ArtifactReport]]
    capture_notes: NotRequired[list[str]]
    """What was dropped or clamped in reading the candidate's capture, for operators."""
    error: NotRequired[str]
    """Why the hidden tests could not be loaded; a fault of the grader."""


def encode_harness_result(result: HarnessResult) -> str:
    return json.dumps(result, allow_nan=False)


def decode_harness_result(data: bytes | bytearray) -> HarnessResult:
    """The harness's result; ValueError when it is not JSON. Its fields are checked by the
    service, where they are read."""
    return cast(HarnessResult, json.loads(data))


# The envelope: from the supervisor to the service, the last line of the container's stdout.


class HarnessReport(TypedDict):
    """How the harness ended: its result when `ok`, else why there is none."""

    ok: bool
    result: NotRequired[HarnessResult]
    error: NotRequired[str]
    oom_killed: NotRequired[bool]
    """Present, and true, when the kernel's OOM killer ended a process while the tests ran."""


class Envelope(TypedDict):
    """The supervisor's report: both phases, or the `error` that kept it from running them."""

    protocol: int
    candidate: NotRequired[CandidateReport]
    harness: NotRequired[HarnessReport]
    harness_ms: NotRequired[int]
    supervisor_ms: NotRequired[int]
    error: NotRequired[str]


def encode_envelope(envelope: Envelope) -> str:
    return json.dumps(envelope) + "\n"


def read_envelope(stdout: bytes) -> Envelope | None:
    """The envelope in the container's stdout: its last non-empty line, if that is an object."""
    for line in reversed(stdout.splitlines()):
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except ValueError:
            return None
        return cast(Envelope, value) if isinstance(value, dict) else None
    return None
