"""A Judge0 submission's limits: Judge0's defaults, capped by this server's maxima."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from grader.config import Settings
from grader.errors import Judge0RequestInvalid
from grader.judge0.wire import PYTHON3, SubmissionCreate
from grader.sandbox.base import SandboxLimits

# Judge0 CE's defaults and maxima (seconds, kilobytes), used when the server allows as much.
CPU_TIME_LIMIT, MAX_CPU_TIME_LIMIT = 5.0, 15.0
CPU_EXTRA_TIME, MAX_CPU_EXTRA_TIME = 1.0, 5.0
WALL_TIME_LIMIT, MAX_WALL_TIME_LIMIT = 10.0, 20.0
MEMORY_LIMIT, MAX_MEMORY_LIMIT = 128_000, 512_000
STACK_LIMIT, MAX_STACK_LIMIT = 64_000, 128_000
PROCESSES, MAX_PROCESSES = 60, 120
MAX_FILE_SIZE, MAX_MAX_FILE_SIZE = 1024, 4096
MIN_MEMORY_LIMIT = 2048  # Judge0 refuses less
MAX_BATCH = 20
MAX_QUEUE = 100
WORKDIR_MB = 64


@dataclass(frozen=True)
class Maxima:
    """The largest limits this server grants a Judge0 submission."""

    cpu_time_limit: float
    wall_time_limit: float
    memory_limit: int
    max_processes_and_or_threads: int
    max_file_size: int

    @classmethod
    def from_settings(cls, settings: Settings) -> Maxima:
        return cls(
            cpu_time_limit=min(MAX_CPU_TIME_LIMIT, settings.max_cpu_seconds),
            wall_time_limit=min(MAX_WALL_TIME_LIMIT, settings.max_wall_seconds),
            memory_limit=min(MAX_MEMORY_LIMIT, settings.max_memory_mb * 1024),
            max_processes_and_or_threads=min(MAX_PROCESSES, settings.max_processes),
            max_file_size=min(MAX_MAX_FILE_SIZE, settings.max_output_kb, settings.max_file_kb),
        )

    def defaults(self) -> dict[str, float]:
        return {
            "cpu_time_limit": min(CPU_TIME_LIMIT, self.cpu_time_limit),
            "wall_time_limit": min(WALL_TIME_LIMIT, self.wall_time_limit),
            "memory_limit": min(MEMORY_LIMIT, self.memory_limit),
            "max_processes_and_or_threads": min(PROCESSES, self.max_processes_and_or_threads),
            "max_file_size": min(MAX_FILE_SIZE, self.max_file_size),
        }


@dataclass(frozen=True)
class Applied:
    """The limits a submission runs with, in Judge0's units, as GET reports them back."""

    cpu_time_limit: float
    cpu_extra_time: float
    wall_time_limit: float
    memory_limit: int
    stack_limit: int
    max_processes_and_or_threads: int
    max_file_size: int

    def sandbox(self, settings: Settings) -> SandboxLimits:
        output = self.max_file_size * 1024
        return SandboxLimits(
            wall_seconds=self.wall_time_limit,
            cpu_seconds=self.cpu_time_limit,
            memory_bytes=self.memory_limit * 1024,
            processes=self.max_processes_and_or_threads,
            output_bytes=output,
            file_bytes=output,
            workdir_bytes=min(WORKDIR_MB, settings.max_workdir_mb) * 1024 * 1024,
            cpus=settings.cpus_per_sandbox,
            harness_seconds=settings.harness_seconds,
        )


def _positive(name: str, value: float | None) -> float | None:
    if value is not None and value <= 0:
        raise Judge0RequestInvalid(f"{name} must be greater than 0", field=name)
    return value


def _off(name: str, value: Any, why: str) -> None:
    if value:
        raise Judge0RequestInvalid(f"{name} is not supported: {why}", field=name)


def check_supported(request: SubmissionCreate) -> None:
    """Refuse, naming the field, what this service does not do."""
    if not request.source_code:
        raise Judge0RequestInvalid("source_code can't be blank", field="source_code")
    if request.language_id is None:
        raise Judge0RequestInvalid("language_id can't be blank", field="language_id")
    if request.language_id != PYTHON3:
        raise Judge0RequestInvalid(
            f"language with id {request.language_id} doesn't exist; "
            f"this service runs Python 3 (id {PYTHON3})",
            field="language_id",
        )
    _off("enable_network", request.enable_network, "programs never have network access")
    _off("redirect_stderr_to_stdout", request.redirect_stderr_to_stdout, "stderr stays apart")
    _off("compiler_options", request.compiler_options, "Python is not compiled")
    _off("command_line_arguments", request.command_line_arguments, "programs get no arguments")
    _off("additional_files", request.additional_files, "programs run alone")
    _off("callback_url", request.callback_url, "poll GET /submissions/{token} instead")
    _off(
        "enable_per_process_and_thread_time_limit",
        request.enable_per_process_and_thread_time_limit,
        "time is limited for the whole sandbox",
    )
    _off(
        "enable_per_process_and_thread_memory_limit",
        request.enable_per_process_and_thread_memory_limit,
        "memory is limited for the whole sandbox",
    )
    if request.number_of_runs not in (None, 1):
        raise Judge0RequestInvalid("number_of_runs must be 1", field="number_of_runs")
    if request.memory_limit is not None and request.memory_limit < MIN_MEMORY_LIMIT:
        raise Judge0RequestInvalid(
            f"memory_limit must be at least {MIN_MEMORY_LIMIT} (kilobytes)", field="memory_limit"
        )


def applied(request: SubmissionCreate, maxima: Maxima) -> Applied:
    """The request's limits, Judge0's defaults where it gives none, each capped by the maxima."""
    defaults = maxima.defaults()
    cpu = _positive("cpu_time_limit", request.cpu_time_limit) or defaults["cpu_time_limit"]
    wall = _positive("wall_time_limit", request.wall_time_limit) or defaults["wall_time_limit"]
    memory = _positive("memory_limit", request.memory_limit) or defaults["memory_limit"]
    processes = (
        _positive("max_processes_and_or_threads", request.max_processes_and_or_threads)
        or defaults["max_processes_and_or_threads"]
    )
    files = _positive("max_file_size", request.max_file_size) or defaults["max_file_size"]
    extra = request.cpu_extra_time if request.cpu_extra_time is not None else CPU_EXTRA_TIME
    if extra < 0:
        raise Judge0RequestInvalid("cpu_extra_time must not be negative", field="cpu_extra_time")
    stack = _positive("stack_limit", request.stack_limit) or STACK_LIMIT
    return Applied(
        cpu_time_limit=min(float(cpu), maxima.cpu_time_limit),
        cpu_extra_time=min(float(extra), MAX_CPU_EXTRA_TIME),
        wall_time_limit=min(float(wall), maxima.wall_time_limit),
        memory_limit=int(min(memory, maxima.memory_limit)),
        stack_limit=int(min(stack, MAX_STACK_LIMIT)),
        max_processes_and_or_threads=int(min(processes, maxima.max_processes_and_or_threads)),
        max_file_size=int(min(files, maxima.max_file_size)),
    )


def config_info(maxima: Maxima, *, max_queue: int) -> dict[str, Any]:
    """GET /config_info: every field the SDK's Config requires, true to this server."""
    defaults = maxima.defaults()
    return {
        "maintenance_mode": False,
        "enable_wait_result": True,
        "enable_compiler_options": False,
        "allowed_languages_for_compile_options": [],
        "enable_command_line_arguments": False,
        "enable_submission_delete": False,
        "enable_callbacks": False,
        "callbacks_max_tries": 0,
        "callbacks_timeout": 0.0,
        "enable_additional_files": False,
        "max_queue_size": max_queue,
        "cpu_time_limit": defaults["cpu_time_limit"],
        "max_cpu_time_limit": maxima.cpu_time_limit,
        "cpu_extra_time": CPU_EXTRA_TIME,
        "max_cpu_extra_time": MAX_CPU_EXTRA_TIME,
        "wall_time_limit": defaults["wall_time_limit"],
        "max_wall_time_limit": maxima.wall_time_limit,
        "memory_limit": int(defaults["memory_limit"]),
        "max_memory_limit": maxima.memory_limit,
        "stack_limit": STACK_LIMIT,
        "max_stack_limit": MAX_STACK_LIMIT,
        "max_processes_and_or_threads": int(defaults["max_processes_and_or_threads"]),
        "max_max_processes_and_or_threads": maxima.max_processes_and_or_threads,
        "enable_per_process_and_thread_time_limit": False,
        "allow_enable_per_process_and_thread_time_limit": False,
        "enable_per_process_and_thread_memory_limit": False,
        "allow_enable_per_process_and_thread_memory_limit": False,
        "max_file_size": int(defaults["max_file_size"]),
        "max_max_file_size": maxima.max_file_size,
        "number_of_runs": 1,
        "max_number_of_runs": 1,
        "redirect_stderr_to_stdout": False,
        "max_extract_size": 0,
        "enable_batched_submissions": True,
        "max_submission_batch_size": MAX_BATCH,
        "submission_cache_duration": 0.0,
        "use_docs_as_homepage": False,
        "allow_enable_network": False,
        "enable_network": False,
    }
