"""Build steps run as child processes, timed, with the peak memory of the child and its children."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TIME = "/usr/bin/time"


@dataclass
class Measured:
    seconds: float
    peak_mb: float
    returncode: int
    output: str
    # CPU time (user + system) of the command and its children: on a machine shared with other work,
    # wall time depends on the load, CPU time much less.
    cpu_seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return self.returncode == 0


def run(cmd: list[str], cwd: Path, timeout: float) -> Measured:
    """Run `cmd` and measure it; wait4 reports the peak RSS of the child and every descendant it waited for."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT)}
    log = cwd / f".bench-{int(time.time() * 1000)}.log"
    peak_file = log.with_suffix(".peak")
    # A child forked from this (large) process inherits its peak RSS through exec;
    # GNU time is small, so the peak it reports is the command's own.
    if Path(TIME).exists():
        cmd = [TIME, "-o", str(peak_file), "-f", "%M", *cmd]
    start = time.perf_counter()
    with log.open("wb") as sink:
        child = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=sink, stderr=subprocess.STDOUT)
        deadline = start + timeout
        while True:
            pid, status, usage = os.wait4(child.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                child.kill()
                pid, status, usage = os.wait4(child.pid, 0)
                break
            time.sleep(0.05)
    seconds = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    output = log.read_text(encoding="utf-8", errors="replace")
    log.unlink()
    peak_kb = float(usage.ru_maxrss)
    if peak_file.exists():
        numbers = [line for line in peak_file.read_text().splitlines() if line.strip().isdigit()]
        peak_kb = float(numbers[-1]) if numbers else peak_kb
        peak_file.unlink()
    return Measured(seconds, peak_kb / 1024, child.returncode, output, usage.ru_utime + usage.ru_stime)


def mkdocs_build(project: Path, site: Path, timeout: float) -> Measured:
    return run([sys.executable, "-m", "mkdocs", "build", "--site-dir", str(site)], project, timeout)


def index_step(system: str, project: Path, out: Path, timeout: float) -> tuple[Measured, dict[str, float]]:
    """One index build (bench/steps.py) in its own process; its JSON line says how long indexing alone took."""
    measured = run([sys.executable, "-m", "bench.steps", system, str(project), str(out)], ROOT, timeout)
    lines = [line for line in measured.output.splitlines() if line.startswith("{")]
    return measured, (json.loads(lines[-1]) if measured.ok and lines else {})
