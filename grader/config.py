"""Settings: the one place configuration enters, from GRADER_* environment variables."""

from __future__ import annotations

import ipaddress
from pathlib import Path

from pydantic import Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    """Service and CLI settings; every field can be set as GRADER_<FIELD>."""

    model_config = SettingsConfigDict(env_prefix="GRADER_", extra="ignore")

    host: str = "127.0.0.1"
    port: int = Field(default=8000, ge=1, le=65535)
    database_url: str = f"sqlite:///{PROJECT_ROOT / 'var' / 'grader.db'}"
    artifact_dir: Path = PROJECT_ROOT / "var" / "artifacts"
    bank_dir: Path = PROJECT_ROOT / "questions"
    runner_images_dir: Path = PROJECT_ROOT / "runner_images"
    wheel_cache_dir: Path = Path.home() / ".cache" / "grader" / "wheels"
    docker_url: str | None = None
    sandbox_runtime: str | None = Field(
        default=None, description="OCI runtime for sandboxes, e.g. runsc for gVisor."
    )
    sandbox_uid_dir: Path = Field(
        default=Path("/tmp/grader-sandbox-uids"),  # noqa: S108  (lock files only, no data)
        description="Lock files of the host-wide pool of sandbox uids; one directory per host.",
    )
    workers: int = Field(default=2, ge=1, le=64)

    # Server maxima: a question's manifest may ask for less, never more.
    max_wall_seconds: float = Field(default=60.0, gt=0)
    max_cpu_seconds: float = Field(default=60.0, gt=0)
    max_memory_mb: int = Field(default=2048, ge=64)
    max_processes: int = Field(default=256, ge=8)
    max_output_kb: int = Field(default=8192, ge=1)
    max_file_kb: int = Field(default=65536, ge=1)
    max_workdir_mb: int = Field(default=256, ge=1)
    cpus_per_sandbox: float = Field(default=1.0, gt=0)
    harness_seconds: float = Field(default=60.0, gt=0)

    max_code_bytes: int = Field(default=512 * 1024, ge=1024)
    max_wait_seconds: float = Field(default=120.0, gt=0)

    # Anonymous requests act as tenant "default" with every scope; loopback hosts only.
    allow_anonymous: bool = False

    # Protection: per-key token bucket (requests per second, burst) and the queue's depth cap.
    rate_limit_per_second: float = Field(default=20.0, ge=0)
    rate_limit_burst: int = Field(default=40, ge=1)
    max_queue_depth: int = Field(default=1000, ge=1)

    # The Judge0-compatible API: its own worker threads, queue cap and how long results stay.
    judge0_workers: int = Field(default=1, ge=1, le=64)
    judge0_max_queue: int = Field(default=100, ge=1)
    judge0_keep_seconds: float = Field(default=3600.0, gt=0)

    # Webhooks: each attempt's time-out, the first back-off (doubling up to the maximum), and
    # the total time after which a failing delivery is given up.
    webhook_timeout_seconds: float = Field(default=10.0, gt=0)
    webhook_backoff_seconds: float = Field(default=1.0, gt=0)
    webhook_backoff_max_seconds: float = Field(default=60.0, gt=0)
    webhook_retry_seconds: float = Field(default=900.0, ge=0)
    # Webhooks to loopback, private and link-local addresses are refused unless this is on
    # (a caller could otherwise make the service POST into its own network).
    webhook_allow_private: bool = False

    # Scale-out: with a broker URL (redis://host:6379/0), API processes only queue tasks and
    # `grader worker` processes grade them. Rate limits are shared in Redis (the broker's
    # server unless redis_url names another). A worker's claim is a lease it renews while it
    # grades; the reconciler (in every API process, one at a time) queues again what lost its
    # worker or its task, up to max_attempts gradings.
    broker_url: str | None = None
    redis_url: str | None = None
    lease_seconds: float = Field(default=30.0, gt=0)
    reconcile_seconds: float = Field(default=5.0, gt=0)
    requeue_stale_seconds: float = Field(default=120.0, gt=0)
    max_attempts: int = Field(default=3, ge=1, le=20)
    # Names this process in metrics and logs (default: host name and process id).
    process_name: str | None = None

    @model_validator(mode="after")
    def _anonymous_only_on_loopback(self) -> Settings:
        if self.allow_anonymous and not _is_loopback(self.host):
            raise ValueError(
                f"anonymous access is only allowed on a loopback address, not {self.host!r}; "
                "bind to 127.0.0.1 or turn GRADER_ALLOW_ANONYMOUS off"
            )
        return self


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
