from __future__ import annotations

import re
from pathlib import Path

import pytest

from api import ConfigError, ServiceConfig, create_app

from .api_support import AppFactory, ferry_body

ROOT = Path(__file__).resolve().parents[1]


def test_environment_maps_onto_the_config() -> None:
    config = ServiceConfig.from_env(
        {
            "SUMMARIZER_MAX_BODY_BYTES": "1000000",
            "SUMMARIZER_MAX_DOCUMENTS": "7",
            "SUMMARIZER_API_KEYS": " a-key-of-sixteen-chars , another-key-16-chars ,",
            "UNRELATED": "x",
        }
    )
    assert config.max_body_bytes == 1_000_000
    assert config.max_documents == 7
    assert config.max_sentences == ServiceConfig().max_sentences
    assert config.api_keys == ("a-key-of-sixteen-chars", "another-key-16-chars")


@pytest.mark.parametrize(
    ("environ", "message"),
    [
        ({"SUMMARIZER_MAX_DOCUMENTS": "many"}, "SUMMARIZER_MAX_DOCUMENTS must be an integer"),
        ({"SUMMARIZER_MAX_DOCUMENTS": "0"}, "max_documents must be an integer from 1"),
        ({"SUMMARIZER_API_KEYS": "short"}, "at least 16 characters"),
        # Issue 11.7: these parsed to no keys, and the service started without authentication.
        ({"SUMMARIZER_API_KEYS": ","}, "SUMMARIZER_API_KEYS is set but names no key"),
        ({"SUMMARIZER_API_KEYS": " "}, "SUMMARIZER_API_KEYS is set but names no key"),
        ({"SUMMARIZER_API_KEYS": ""}, "SUMMARIZER_API_KEYS is set but names no key"),
        # ... and these were taken as relative paths: a directory named "mysql:". A password
        # in the setting is never shown.
        (
            {"SUMMARIZER_DB": "mysql://app:hunter2-pw@db/news"},
            r"SUMMARIZER_DB='mysql://app:\*\*\*@db/news' is neither a file system path, a sqlite:/// URL nor",
        ),
        ({"SUMMARIZER_DB": "sqlite://host/documents.db"}, "a SQLite URL is sqlite:///absolute/path"),
        ({"SUMMARIZER_DB": "postgresql:///test"}, "names no host"),
        # These raised ValueError (an invalid IPv6 host; a NUL byte in the file name).
        (
            {"SUMMARIZER_DB": "postgresql://app:hunter2-pw@[db/news"},
            r"^SUMMARIZER_DB='postgresql://\*\*\*' is not a URL",
        ),
        ({"SUMMARIZER_DB": "sqlite:///srv/a%00b.db"}, "a SQLite URL is sqlite:///absolute/path"),
        ({"SUMMARIZER_DIGEST_DIR": "s3://bucket/digests"}, "SUMMARIZER_DIGEST_DIR='s3://bucket/digests' is a URL"),
    ],
)
def test_bad_configuration_stops_start_up_with_a_clear_message(environ: dict[str, str], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        ServiceConfig.from_env(environ)


def test_create_app_reads_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("SUMMARIZER_MAX_BODY_BYTES", "123456")
    monkeypatch.setenv("SUMMARIZER_DB", str(tmp_path / "docs.db"))
    app = create_app()
    assert app.config["MAX_CONTENT_LENGTH"] == 123456
    # The store is opened once, at start-up, where the environment says.
    assert (tmp_path / "docs.db").is_file()
    assert app.extensions["summarizer.config"].store_location.path == tmp_path / "docs.db"


@pytest.mark.parametrize(
    ("setting", "path", "url"),
    [
        ("", Path("~/.local/share/summarizer/documents.db").expanduser(), None),
        ("/srv/data/documents.db", Path("/srv/data/documents.db"), None),
        ("sqlite:///srv/data/documents.db", Path("/srv/data/documents.db"), None),
        ("postgresql://app:pw@db.internal:5432/news", None, "postgresql://app:pw@db.internal:5432/news"),
        ("postgres://app@db.internal/news", None, "postgres://app@db.internal/news"),
    ],
)
def test_summarizer_db_selects_the_backend(setting: str, path: Path | None, url: str | None) -> None:
    config = ServiceConfig.from_env({"SUMMARIZER_DB": setting})
    assert (config.store_location.path, config.store_location.url) == (path, url)
    assert "pw@" not in repr(config) + str(config.store_location)


def test_dockerfile_runs_the_command_the_readme_documents() -> None:
    dockerfile = (ROOT / "Dockerfile").read_text()
    readme = (ROOT / "README.md").read_text()
    cmd = re.search(r"^CMD \[(.*)\]$", dockerfile, re.MULTILINE)
    assert cmd is not None
    command = " ".join(part.strip().strip('"') for part in cmd.group(1).split(","))
    assert command == "gunicorn api:create_app()"
    assert "gunicorn 'api:create_app()'" in readme
    assert re.search(r"^USER (?!root)\w+", dockerfile, re.MULTILINE)
    assert "HEALTHCHECK" in dockerfile
    assert "gunicorn.conf.py" in dockerfile


def test_test_apps_never_read_the_shell(make_app: AppFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    # Issue 11.13: with SUMMARIZER_API_KEYS set in the shell, the session app merged it
    # and seven API tests failed. Every test app is built from an explicit ServiceConfig.
    monkeypatch.setenv("SUMMARIZER_API_KEYS", "a-key-from-the-shell-of-a-developer")
    monkeypatch.setenv("SUMMARIZER_MAX_DOCUMENTS", "1")
    client = make_app().test_client()
    assert client.post("/v1/summarize", json=ferry_body()).status_code == 200
