"""compose.yaml (issue 18.3): the API behind nginx, PostgreSQL, and the scheduler.

No Docker engine runs on this project's machines, so the file is read and checked here:
the services, their health checks, volumes and start order, the store URL, and that the
scheduler runs the README's cron lines. Where the ``docker compose`` plugin exists, its
own ``docker compose config`` validates the file too."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from summarizer.store import store_location

ROOT = Path(__file__).resolve().parents[1]


def compose() -> dict[str, Any]:
    document: dict[str, Any] = yaml.safe_load((ROOT / "compose.yaml").read_text())
    return document


def test_every_piece_is_there_with_a_health_check() -> None:
    services = compose()["services"]
    assert set(services) == {"db", "api", "scheduler", "proxy"}
    for name, service in services.items():
        assert service["healthcheck"]["test"], name
        assert service["restart"] == "unless-stopped", name
    assert services["db"]["image"].startswith("postgres:15")


def test_start_order_follows_health() -> None:
    services = compose()["services"]
    assert services["api"]["depends_on"] == {"db": {"condition": "service_healthy"}}
    assert services["scheduler"]["depends_on"] == {"db": {"condition": "service_healthy"}}
    assert services["proxy"]["depends_on"] == {"api": {"condition": "service_healthy"}}


def test_data_lives_in_named_volumes() -> None:
    document = compose()
    declared = set(document["volumes"])
    mounted = {
        volume.split(":")[0]
        for service in document["services"].values()
        for volume in service.get("volumes", [])
        if not volume.startswith(".")
    }
    assert mounted == declared == {"pgdata", "digests", "data", "logs"}
    assert "pgdata:/var/lib/postgresql/data" in document["services"]["db"]["volumes"]
    # The API reads the digests the scheduler writes.
    assert "digests:/srv/digests:ro" in document["services"]["api"]["volumes"]
    assert "digests:/srv/digests" in document["services"]["scheduler"]["volumes"]


def test_api_and_scheduler_share_the_postgresql_store_and_no_password_is_written_down() -> None:
    services = compose()["services"]
    settings = {services[name]["environment"]["SUMMARIZER_DB"] for name in ("api", "scheduler")}
    assert len(settings) == 1
    setting = settings.pop()
    assert "${POSTGRES_PASSWORD" in setting
    location = store_location(re.sub(r"\$\{[^}]*\}", "secret", setting))
    assert location.url is not None
    assert str(location) == "postgresql://summarizer:***@db:5432/summarizer"
    assert services["db"]["environment"]["POSTGRES_PASSWORD"].startswith("${POSTGRES_PASSWORD:?")


def test_the_api_runs_the_documented_command_behind_the_proxy() -> None:
    services = compose()["services"]
    assert services["api"]["command"] == ["gunicorn", "api:create_app()"]
    assert services["api"]["environment"]["GUNICORN_CMD_ARGS"] == "--bind=0.0.0.0:8000"
    assert "ports" not in services["api"]  # reached only through the proxy
    nginx = (ROOT / "deploy" / "nginx.conf").read_text()
    assert "server api:8000;" in nginx
    assert "client_max_body_size 2m;" in nginx
    mount = services["proxy"]["volumes"][0]
    assert mount.startswith("./deploy/nginx.conf:")


def test_the_images_are_the_dockerfiles_stages() -> None:
    dockerfile = (ROOT / "Dockerfile").read_text()
    stages = set(re.findall(r"^FROM \S+ AS (\w+)$", dockerfile, re.MULTILINE))
    services = compose()["services"]
    assert {services["api"]["build"]["target"], services["scheduler"]["build"]["target"]} == stages


def test_the_scheduler_runs_the_readme_cron_lines() -> None:
    crontab = [
        line for line in (ROOT / "deploy" / "crontab").read_text().splitlines() if line and line[0] in "*0123456789"
    ]
    readme = (ROOT / "README.md").read_text()
    assert len(crontab) == 2
    for line, command in zip(crontab, ("ingest", "digest"), strict=True):
        fields = line.split()
        schedule, user = " ".join(fields[:5]), fields[5]
        assert user == "app"
        assert fields[6:8] == ["summarizer", command]
        assert re.search(rf"^{re.escape(schedule)} .*summarizer {command} ", readme, re.MULTILINE), command


def test_docker_compose_accepts_the_file() -> None:
    docker = shutil.which("docker")
    if docker is None or subprocess.run([docker, "compose", "version"], capture_output=True, check=False).returncode:
        pytest.skip("no `docker compose` here; compose.yaml was read and checked by the tests above instead")
    result = subprocess.run(
        [docker, "compose", "-f", str(ROOT / "compose.yaml"), "config", "--quiet"],
        capture_output=True,
        text=True,
        check=False,
        env={
            "POSTGRES_PASSWORD": "check-only",
            "SUMMARIZER_CONTACT": "mailto:ops@example.org",
            "PATH": "/usr/bin:/bin",
        },
    )
    assert result.returncode == 0, result.stderr
