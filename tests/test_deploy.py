"""deploy/: the files parse, name only commands and settings that exist, and start the app."""

from __future__ import annotations

import configparser
import re
import shlex
from pathlib import Path

import httpx
import yaml

from bot.cli import build_parser
from bot.settings import Settings
from tests.fakes.slack_api import FakeSlack
from tests.ops_process import app_env, free_port, start_app, stop_app, wait_until

ROOT = Path(__file__).resolve().parent.parent
DEPLOY = ROOT / "deploy"
SETTINGS = {str(field.alias) for field in Settings.model_fields.values()}


def kubernetes() -> dict[str, dict]:
    documents = {}
    for path in sorted((DEPLOY / "kubernetes").glob("*.yaml")):
        for doc in yaml.safe_load_all(path.read_text()):
            documents[doc["kind"]] = doc
    return documents


def containers(spec: dict) -> list[dict]:
    pod = spec["spec"]["template"]["spec"]
    return pod.get("initContainers", []) + pod["containers"]


def assert_runs(args: list[str]) -> None:
    """The arguments are a justera command line the CLI accepts."""
    build_parser().parse_args(args)


def test_kubernetes_manifests() -> None:
    docs = kubernetes()
    assert set(docs) >= {
        "Deployment",
        "Job",
        "Secret",
        "ConfigMap",
        "Service",
        "PodDisruptionBudget",
        "Kustomization",
    }
    listed = set(docs["Kustomization"]["resources"])
    assert listed == {p.name for p in (DEPLOY / "kubernetes").glob("*.yaml")} - {
        "kustomization.yaml"
    }
    deployment = docs["Deployment"]
    assert deployment["spec"]["replicas"] == 2
    main = deployment["spec"]["template"]["spec"]["containers"][0]
    assert main["readinessProbe"]["httpGet"]["path"] == "/readyz"
    assert main["livenessProbe"]["httpGet"]["path"] == "/livez"
    assert deployment["spec"]["template"]["spec"]["securityContext"]["runAsNonRoot"] is True
    for container in containers(deployment) + containers(docs["Job"]):
        assert_runs(container["args"])
    assert docs["Job"]["spec"]["template"]["spec"]["containers"][0]["args"] == ["db", "upgrade"]
    assert set(docs["ConfigMap"]["data"]) <= SETTINGS
    assert set(docs["Secret"]["stringData"]) <= SETTINGS
    assert docs["ConfigMap"]["data"]["JUSTERA_MIGRATE_ON_START"] == "false"
    selector = docs["PodDisruptionBudget"]["spec"]["selector"]["matchLabels"]
    assert selector == deployment["spec"]["template"]["metadata"]["labels"]
    assert docs["Service"]["spec"]["selector"] == selector


def test_compose_migrates_once_before_the_bot() -> None:
    compose = yaml.safe_load((DEPLOY / "compose.yaml").read_text())
    services = compose["services"]
    assert services["migrate"]["command"] == ["db", "upgrade"]
    assert services["bot"]["depends_on"]["migrate"]["condition"] == (
        "service_completed_successfully"
    )
    for name in ("migrate", "bot"):
        assert_runs(services[name]["command"])
        assert set(services[name]["environment"]) <= SETTINGS
    assert services["bot"]["environment"]["JUSTERA_MIGRATE_ON_START"] == "false"


def test_the_image_is_multi_stage_non_root_and_pinned() -> None:
    text = (DEPLOY / "Dockerfile").read_text()
    stages = re.findall(r"^FROM (\S+)", text, re.M)
    assert len(stages) == 2 and all("slim" in s for s in stages)
    assert "-c constraints.txt" in text
    user = re.search(r"^USER (\S+)", text, re.M)
    assert user and user.group(1) not in ("root", "0")
    for name in re.findall(r"\b(JUSTERA_[A-Z_]+)=", text):
        assert name in SETTINGS
    entry = re.search(r'^ENTRYPOINT \["(\w+)"\]', text, re.M)
    cmd = re.search(r"^CMD (\[.*\])", text, re.M)
    assert entry and entry.group(1) == "justera" and cmd
    assert_runs(yaml.safe_load(cmd.group(1)))
    copied = re.findall(r"^COPY (?!--)(\S+)", text, re.M)
    assert all((ROOT / name).exists() for name in copied)


def test_the_systemd_unit() -> None:
    unit = configparser.ConfigParser(strict=False, interpolation=None)
    unit.optionxform = str  # type: ignore[assignment]
    unit.read(DEPLOY / "systemd" / "justera.service")
    service = unit["Service"]
    for key in ("ExecStartPre", "ExecStart"):
        program, *args = shlex.split(service[key])
        assert program.endswith("/justera")
        assert_runs(args)
    assert service["KillSignal"] == "SIGTERM"
    for line in service.get("Environment", "").splitlines():
        name = line.split("=", 1)[0]
        assert name in SETTINGS


def test_the_configured_app_starts_outside_a_container(tmp_path: Path) -> None:
    """The ConfigMap's settings, a local database and a fake Slack: the probes answer."""
    fake = FakeSlack(enforce_rate=False)
    fake.start()
    port = free_port()
    config = dict(kubernetes()["ConfigMap"]["data"])
    # Here, not in production: this machine's address, the fake Slack, SQLite migrated on start.
    config.update(JUSTERA_HOST="127.0.0.1", JUSTERA_PORT=str(port), JUSTERA_PROBE_PORT="0")
    config.update(SLACK_API_URL=fake.base_url, JUSTERA_MIGRATE_ON_START="true")
    database = f"sqlite:///{tmp_path / 'j.db'}"
    env = app_env(database, fake.base_url, port, **config)
    app = start_app(env)
    try:
        base = f"http://127.0.0.1:{port}"
        wait_until(base, "/readyz", app)
        assert httpx.get(base + "/livez").json() == {"ok": True}
        assert "justera_commands_total" in httpx.get(base + "/metrics").text
    finally:
        stop_app(app)
        fake.stop()
