"""A Judge0 submission's limits: Judge0's defaults, the request's values, the server's caps."""

from __future__ import annotations

import re
from typing import Any

import pytest

from grader.config import Settings
from grader.errors import Judge0RequestInvalid
from grader.judge0.limits import Maxima, applied, check_supported, config_info
from grader.judge0.wire import SubmissionCreate


def request(**fields: Any) -> SubmissionCreate:
    return SubmissionCreate(source_code="print(1)", language_id=71, **fields)


def test_no_limits_given_means_judge0s_defaults() -> None:
    limits = applied(request(), Maxima.from_settings(Settings()))
    assert (limits.cpu_time_limit, limits.wall_time_limit, limits.memory_limit) == (
        5.0,
        10.0,
        128_000,
    )
    sandbox = limits.sandbox(Settings())
    assert (sandbox.cpu_seconds, sandbox.wall_seconds) == (5.0, 10.0)
    assert sandbox.memory_bytes == 128_000 * 1024
    assert sandbox.output_bytes == sandbox.file_bytes == 1024 * 1024
    assert sandbox.processes == 60


def test_asked_limits_are_used_and_capped_by_the_servers_maxima() -> None:
    settings = Settings(max_cpu_seconds=3, max_wall_seconds=4, max_memory_mb=100)
    maxima = Maxima.from_settings(settings)
    limits = applied(request(cpu_time_limit=1.5, wall_time_limit=50, memory_limit=900_000), maxima)
    assert (limits.cpu_time_limit, limits.wall_time_limit, limits.memory_limit) == (
        1.5,
        4.0,
        102_400,
    )
    assert applied(request(cpu_time_limit=100), maxima).cpu_time_limit == 3.0
    # The defaults themselves are capped too.
    assert applied(request(), maxima).cpu_time_limit == 3.0


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"language_id": 50}, "language_id", "language with id 50 doesn't exist"),
        ({"source_code": ""}, "source_code", "source_code can't be blank"),
        ({"enable_network": True}, "enable_network", "programs never have network access"),
        ({"number_of_runs": 3}, "number_of_runs", "number_of_runs must be 1"),
        ({"memory_limit": 1000}, "memory_limit", "memory_limit must be at least 2048"),
        ({"command_line_arguments": "-v"}, "command_line_arguments", "no arguments"),
        ({"redirect_stderr_to_stdout": True}, "redirect_stderr_to_stdout", "stays apart"),
        ({"callback_url": "http://x"}, "callback_url", "poll GET /submissions/{token}"),
    ],
)
def test_what_is_not_supported_is_refused_naming_the_field(
    fields: dict[str, Any], field: str, message: str
) -> None:
    base: dict[str, Any] = {"source_code": "print(1)", "language_id": 71}
    with pytest.raises(Judge0RequestInvalid, match=re.escape(message)) as caught:
        check_supported(SubmissionCreate(**{**base, **fields}))
    assert caught.value.field == field


def test_a_limit_that_is_not_positive_is_refused() -> None:
    with pytest.raises(Judge0RequestInvalid, match="cpu_time_limit must be greater than 0"):
        applied(request(cpu_time_limit=0), Maxima.from_settings(Settings()))


def test_config_info_has_every_field_the_sdk_requires_with_the_servers_maxima() -> None:
    from judge0.base_types import Config

    info = config_info(Maxima.from_settings(Settings(max_cpu_seconds=3)), max_queue=7)
    config = Config(**info)
    assert set(info) == set(Config.model_fields)
    assert (config.max_cpu_time_limit, config.cpu_time_limit, config.max_queue_size) == (3, 3, 7)
    assert (config.enable_network, config.allow_enable_network) == (False, False)
    assert config.max_submission_batch_size == 20
