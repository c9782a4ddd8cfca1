"""`justera run` with Teams settings alone serves Teams and the health check, not the console."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

from tests.teams_harness import APP_ID, TENANT

ROOT = Path(__file__).resolve().parents[1]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "CONNECTIONS__"))}
    env.update(
        JUSTERA_DATABASE_URL=f"sqlite:///{tmp_path / 'j.db'}",
        CONNECTIONS__SERVICE_CONNECTION__SETTINGS__CLIENTID=APP_ID,
        CONNECTIONS__SERVICE_CONNECTION__SETTINGS__TENANTID=TENANT,
        CONNECTIONS__SERVICE_CONNECTION__SETTINGS__CLIENTSECRET="a-secret-for-the-test",
        **extra,
    )
    return env


def test_teams_alone_serves_the_endpoint_and_no_console(tmp_path: Path) -> None:
    port = _free_port()
    env = _env(tmp_path, JUSTERA_PORT=str(port), JUSTERA_HOST="127.0.0.1")
    process = subprocess.Popen(
        [sys.executable, "-m", "bot.cli", "run"],
        cwd=ROOT,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        health = None
        for _ in range(600):  # the process needs a while to import the SDK on a busy machine
            if process.poll() is not None:
                break
            try:
                health = httpx.get(f"http://127.0.0.1:{port}/health", timeout=1)
                break
            except httpx.TransportError:
                time.sleep(0.1)  # waiting for a real server to start, not for time to pass
        assert health is not None and health.status_code == 200, process.stderr.read()
        refused = httpx.post(f"http://127.0.0.1:{port}/api/messages", json={"type": "message"})
        assert refused.status_code == 401
    finally:
        process.terminate()
        out, _err = process.communicate(timeout=30)
    assert "Justera-konsolen" not in out


def test_a_client_id_without_tenant_stops_the_start(tmp_path: Path) -> None:
    env = _env(tmp_path)
    del env["CONNECTIONS__SERVICE_CONNECTION__SETTINGS__TENANTID"]
    result = subprocess.run(
        [sys.executable, "-m", "bot.cli", "run"],
        cwd=ROOT,
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 2
    assert "TENANTID saknas" in result.stderr
