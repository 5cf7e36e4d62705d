"""The service against its baselines, measured in one run on one machine.

Run (it starts containers: hold the machine's Docker lock):
    flock /tmp/grader-docker.lock .venv/bin/python benchmarks/compare.py [--queued 60]

With the linear-plot reference answer it measures

- bare: a cold `python answer.py` on the host, with this project's interpreter;
- naive docker: `docker run --rm` of the runner image running the answer directly, with the
  sandbox's memory, CPU, pids and network limits; sequential, then 4 at a time for throughput;
- the service over real HTTP (`grader serve`, uvicorn on loopback, SQLite, default workers):
  p50/p95 of sequential `POST /v1/submissions?wait=true` on an idle service, and throughput
  over `--queued` submissions queued at once and polled until all are graded;
- `grader grade --json` of the same file;

and CPU-seconds per grading for each: the containers' cgroup (`cpuacct` of the engine's
`docker` cgroup), the engine's daemons (dockerd, containerd) and the measuring or serving
processes with their children. The per-container `containerd-shim` is not counted, for any
row. Ratios are to the bare run (latency) and to the naive docker run (throughput), so the
numbers compare on a shared machine; other load on the machine still shows in them.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import json
import os
import resource
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[1]
QUESTION = "matplotlib-linear-plot"
PYTHON = str(ROOT / ".venv" / "bin" / "python")
GRADER = str(ROOT / ".venv" / "bin" / "grader")
CGROUP_CPU = Path("/sys/fs/cgroup/cpuacct/docker/cpuacct.usage")
CGROUP_V2_CPU = Path("/sys/fs/cgroup/system.slice/cpu.stat")
TICK = os.sysconf("SC_CLK_TCK")


def _proc_cpu(pid: int, children: bool = True) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return 0.0
    ticks = int(fields[11]) + int(fields[12])
    if children:
        ticks += int(fields[13]) + int(fields[14])
    return ticks / TICK


def _daemon_pids() -> list[int]:
    pids = []
    for name in os.listdir("/proc"):
        if name.isdigit():
            try:
                comm = Path(f"/proc/{name}/comm").read_text().strip()
            except OSError:
                continue
            if comm in ("dockerd", "containerd"):
                pids.append(int(name))
    return pids


class CpuMeter:
    """CPU-seconds used by containers, the engine's daemons, this process's children and
    optionally one more process (the service) since the meter was started."""

    def __init__(self, extra_pid: int | None = None) -> None:
        self.extra_pid = extra_pid
        self.daemons = _daemon_pids()
        self.start = self._now()

    def _now(self) -> float:
        total = 0.0
        if CGROUP_CPU.exists():
            total += int(CGROUP_CPU.read_text()) / 1e9
        total += sum(_proc_cpu(pid, children=False) for pid in self.daemons)
        own = resource.getrusage(resource.RUSAGE_CHILDREN)
        total += own.ru_utime + own.ru_stime
        if self.extra_pid is not None:
            total += _proc_cpu(self.extra_pid)
        return total

    def used(self) -> float:
        return self._now() - self.start


@dataclass
class Row:
    what: str
    value: float
    unit: str
    ratio_to: str = ""
    ratio: float | None = None
    target: str = ""


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def timed(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def bare_python(answer: Path, rounds: int) -> tuple[list[float], float]:
    env = {"PATH": os.environ["PATH"], "MPLBACKEND": "agg", "HOME": os.environ.get("HOME", "/")}
    meter = CpuMeter()
    times = [
        timed(lambda: subprocess.run([PYTHON, str(answer)], check=True, env=env, cwd=answer.parent))
        for _ in range(rounds)
    ]
    return times, meter.used() / rounds


def naive_docker_command(image: str, code: str) -> list[str]:
    memory = f"{512 + 160}m"
    return [
        "docker", "run", "--rm", "--network", "none", "--memory", memory, "--memory-swap",
        memory, "--cpus", "1", "--pids-limit", "128", "--entrypoint", "/opt/venv/bin/python",
        "-e", "MPLBACKEND=agg", "-e", "MATPLOTLIBRC=/opt/grader/matplotlibrc",
        "-e", "MPLCONFIGDIR=/opt/grader/mplcache", image, "-c", code,
    ]  # fmt: skip


def naive_docker(image: str, code: str, rounds: int, runs: int) -> tuple[float, float, float]:
    """Sequential p50 in seconds, runs per second 4 at a time, CPU-seconds per run."""
    command = naive_docker_command(image, code)

    def one() -> None:
        subprocess.run(command, check=True, capture_output=True)

    p50 = statistics.median(timed(one) for _ in range(rounds))
    meter = CpuMeter()
    started = time.perf_counter()
    with concurrent.futures.ThreadPoolExecutor(4) as pool:
        list(pool.map(lambda _: one(), range(runs)))
    elapsed = time.perf_counter() - started
    return p50, runs / elapsed, meter.used() / runs


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Service:
    """`grader serve` on a free loopback port with its own SQLite database and artifacts."""

    def __init__(self, directory: Path, extra_env: dict[str, str]) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        env = {
            **os.environ,
            "GRADER_PORT": str(self.port),
            "GRADER_DATABASE_URL": f"sqlite:///{directory / 'grader.db'}",
            "GRADER_ARTIFACT_DIR": str(directory / "artifacts"),
            "GRADER_ALLOW_ANONYMOUS": "true",
            "GRADER_RATE_LIMIT_PER_SECOND": "0",
            **extra_env,
        }
        self.log = open(directory / "service.log", "wb")  # noqa: SIM115  (closed in stop)
        self.process = subprocess.Popen(
            [GRADER, "serve"], env=env, stdout=self.log, stderr=subprocess.STDOUT, cwd=ROOT
        )
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                if requests.get(f"{self.url}/readyz", timeout=2).status_code == 200:
                    return
            except requests.RequestException:
                pass
            time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"the service did not become ready; see {directory / 'service.log'}")

    def submit(self, code: str, wait: bool) -> dict[str, object]:
        response = requests.post(
            f"{self.url}/v1/submissions",
            params={"wait": "true"} if wait else None,
            json={"question_id": QUESTION, "code": code},
            timeout=300,
        )
        response.raise_for_status()
        body: dict[str, object] = response.json()
        return body

    def get(self, submission_id: str) -> dict[str, object]:
        response = requests.get(f"{self.url}/v1/submissions/{submission_id}", timeout=30)
        response.raise_for_status()
        body: dict[str, object] = response.json()
        return body

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.log.close()


def _score(body: dict[str, object]) -> object:
    result = body.get("result")
    return result.get("score") if isinstance(result, dict) else None


def service_mode(
    code: str, rounds: int, queued: int, extra_env: dict[str, str]
) -> tuple[list[float], float, float]:
    """Sequential ?wait=true latencies, throughput of `queued` submissions, CPU per grading."""
    with tempfile.TemporaryDirectory(prefix="grader-bench-") as tmp:
        service = Service(Path(tmp), extra_env)
        try:
            first = service.submit(code, wait=True)  # warm-up: image built, caches filled
            assert _score(first) == 10.0, first
            latencies = []
            for _ in range(rounds):
                started = time.perf_counter()
                body = service.submit(code, wait=True)
                latencies.append(time.perf_counter() - started)
                assert _score(body) == 10.0, body
            meter = CpuMeter(service.process.pid)
            started = time.perf_counter()
            ids = [str(service.submit(code, wait=False)["id"]) for _ in range(queued)]
            pending = set(ids)
            while pending:
                time.sleep(0.5)
                for submission_id in list(pending):
                    body = service.get(submission_id)
                    if body.get("status") in ("completed", "failed"):
                        assert _score(body) == 10.0, body
                        pending.discard(submission_id)
            elapsed = time.perf_counter() - started
            cpu = meter.used() / queued
        finally:
            service.stop()
    return latencies, queued / elapsed, cpu


def grade_cli(answer: Path, rounds: int) -> tuple[list[float], float]:
    command = [GRADER, "grade", QUESTION, str(answer), "--json"]
    meter = CpuMeter()
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        done = subprocess.run(command, check=True, capture_output=True, cwd=ROOT)
        times.append(time.perf_counter() - started)
        assert json.loads(done.stdout)["score"] == 10.0
    return times, meter.used() / rounds


def modes() -> dict[str, dict[str, str]]:
    """The sandbox modes the service offers, by name, with the settings that select them."""
    return {"one-shot": {}}


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    options.add_argument("--rounds", type=int, default=10, help="sequential runs per latency")
    options.add_argument("--queued", type=int, default=60, help="submissions for throughput")
    options.add_argument("--naive-runs", type=int, default=24, help="naive runs, 4 at a time")
    args = options.parse_args()

    sys.path.insert(0, str(ROOT))
    from grader.bank.question import Bank
    from grader.config import Settings
    from grader.runtime import Runtime

    settings = Settings()
    question = Bank(settings.bank_dir).get(QUESTION)
    image = Runtime(settings).backend("python").image
    code = question.solution
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="grader-bench-answer-") as tmp:
        answer = Path(tmp) / "answer.py"
        answer.write_text(code)
        bare_python(answer, 2)  # page cache warm, as for every row
        bare_times, bare_cpu = bare_python(answer, args.rounds)
        bare = statistics.median(bare_times)
        rows.append(Row("bare cold `python answer.py`, p50", bare, "s"))
        rows.append(Row("bare cold `python answer.py`, CPU per run", bare_cpu, "CPU-s"))
        naive_p50, naive_rate, naive_cpu = naive_docker(image, code, 3, args.naive_runs)
        rows.append(
            Row("naive `docker run --rm`, sequential p50", naive_p50, "s", "bare", naive_p50 / bare)
        )
        rows.append(Row("naive `docker run --rm`, 4 at a time", naive_rate, "runs/s"))
        rows.append(Row("naive `docker run --rm`, CPU per run", naive_cpu, "CPU-s"))
        for mode, extra_env in modes().items():
            latencies, rate, cpu = service_mode(code, args.rounds, args.queued, extra_env)
            p50, p95 = statistics.median(latencies), pct(latencies, 0.95)
            rows.append(
                Row(
                    f"HTTP `?wait=true` p50 ({mode})",
                    p50,
                    "s",
                    "bare",
                    p50 / bare,
                    "<= 0.3 x bare (warm pool)",
                )
            )
            rows.append(Row(f"HTTP `?wait=true` p95 ({mode})", p95, "s", "bare", p95 / bare))
            rows.append(
                Row(
                    f"throughput, {args.queued} queued ({mode})",
                    rate,
                    "/s",
                    "naive docker",
                    rate / naive_rate,
                    ">= 1.5 x naive",
                )
            )
            rows.append(
                Row(f"CPU per grading ({mode})", cpu, "CPU-s", "naive docker", cpu / naive_cpu)
            )
        cli_times, cli_cpu = grade_cli(answer, max(3, args.rounds // 2))
        cli = statistics.median(cli_times)
        rows.append(
            Row("`grader grade --json`, p50", cli, "s", "bare", cli / bare, "<= 1.5 x bare")
        )
        rows.append(
            Row(
                "`grader grade --json`, CPU per run",
                cli_cpu,
                "CPU-s",
                "naive docker",
                cli_cpu / naive_cpu,
            )
        )
    print(f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f} at the end\n")
    print("| what | figure | ratio | target |")
    print("| --- | --- | --- | --- |")
    for row in rows:
        ratio = f"{row.ratio:.2f} x {row.ratio_to}" if row.ratio is not None else ""
        print(f"| {row.what} | {row.value:.3g} {row.unit} | {ratio} | {row.target} |")


if __name__ == "__main__":
    main()
