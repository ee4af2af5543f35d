"""Run the real web app (``python -m bot web``) in a subprocess on a free local port, for browser tests."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
# Set-up builds the built-in index; without it the first start embeds the notes (a slow CI machine: minutes).
READY_TIMEOUT_S = 600.0


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class RunningApp:
    proc: subprocess.Popen
    url: str
    log_path: Path
    data_dir: Path
    started: float  # time.monotonic() when the process was started
    ready_after_s: float = 0.0

    def log_tail(self, n_chars: int = 4000) -> str:
        try:
            return self.log_path.read_text(encoding="utf-8", errors="replace")[-n_chars:]
        except OSError:
            return "(no log)"


def app_env(**extra: str) -> dict[str, str]:
    """The environment of the app process: offline, no telemetry, unbuffered output."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("ADVISOR_")}
    env.update(HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1", GRADIO_ANALYTICS_ENABLED="False",
               PYTHONUNBUFFERED="1", NO_PROXY="127.0.0.1,localhost", no_proxy="127.0.0.1,localhost")
    env.update(extra)
    return env


def start_app(data_dir: Path, port: int | None = None, **env: str) -> RunningApp:
    """Start ``python -m bot web`` and wait until it serves its page (it warms up before listening)."""
    port = port or free_port()
    data_dir.mkdir(parents=True, exist_ok=True)
    log_path = data_dir.parent / f"app-{port}.log"
    cmd = [sys.executable, "-m", "bot", "web", "--host", "127.0.0.1", "--port", str(port),
           "--data-dir", str(data_dir)]
    with open(log_path, "wb") as log:
        proc = subprocess.Popen(cmd, cwd=ROOT, env=app_env(**env), stdout=log, stderr=subprocess.STDOUT,
                                stdin=subprocess.DEVNULL)
    app = RunningApp(proc, f"http://127.0.0.1:{port}/", log_path, data_dir, time.monotonic())
    wait_ready(app)
    return app


def wait_ready(app: RunningApp, timeout_s: float = READY_TIMEOUT_S) -> None:
    deadline = app.started + timeout_s
    while time.monotonic() < deadline:
        if app.proc.poll() is not None:
            raise RuntimeError(f"the app exited with code {app.proc.returncode}:\n{app.log_tail()}")
        try:
            with urllib.request.urlopen(app.url, timeout=5) as resp:
                if resp.status == 200:
                    app.ready_after_s = time.monotonic() - app.started
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
            pass
        time.sleep(0.5)
    stop_app(app)
    raise RuntimeError(f"the app did not answer on {app.url} within {timeout_s:.0f}s:\n{app.log_tail()}")


def stop_app(app: RunningApp) -> None:
    if app.proc.poll() is None:
        app.proc.terminate()
        try:
            app.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            app.proc.kill()
            app.proc.wait(timeout=20)
