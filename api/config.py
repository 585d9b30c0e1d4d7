"""The service's configuration: one frozen, validated object with documented defaults.

Environment variables map onto it one to one (``SUMMARIZER_MAX_BODY_BYTES`` ->
``max_body_bytes``); ``ServiceConfig.from_env`` reads and validates them once, at
start-up, and a bad value stops the service with a message naming the variable.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from summarizer.errors import InputError
from summarizer.store import StoreLocation, db_setting, local_path, store_location

DEFAULT_DIGEST_DIR = Path("~/.local/share/summarizer/digests")

__all__ = ["ConfigError", "ServiceConfig"]

ENV_PREFIX = "SUMMARIZER_"


class ConfigError(ValueError):
    pass


@dataclass(frozen=True)
class ServiceConfig:
    """Limits and access control of the HTTP service.

    max_body_bytes: largest request body (413 above it). 2 MB holds about 100 articles.
    max_documents: most documents in one request (413 above it).
    max_sentences: most sentences in one request, estimated from sentence punctuation
        before any work (413 above it). At 10,000 the request takes about 0.6 s here
        (``benchmarks/load.py``), well inside gunicorn's 30 s worker timeout.
    max_json_depth: deepest nesting of the JSON body (400 above it). A valid request
        nests 4 deep; the limit stops pathological bodies before they cost anything.
    db: the document store the API and ``summarizer digest`` share: a SQLite file (a path
        or ``sqlite:///path``; empty: ``~/.local/share/summarizer/documents.db``) or a
        ``postgresql://`` URL; anything else is refused. From the environment:
        ``SUMMARIZER_DB``, read for both by ``summarizer.store.db_setting``.
    digest_dir: where ``summarizer digest --out`` writes, for ``/v1/digests/{date}``
        and ``/digests/{date}``; empty: ``~/.local/share/summarizer/digests``. A URL is refused.
    api_keys: when not empty, every endpoint but the health checks and the OpenAPI
        document needs ``Authorization: Bearer <key>`` or ``X-API-Key: <key>``.
        From the environment: a comma-separated list; set but naming no key is refused.
    """

    max_body_bytes: int = 2_000_000
    max_documents: int = 100
    max_sentences: int = 10_000
    max_json_depth: int = 32
    api_keys: tuple[str, ...] = ()
    db: str = field(default="", repr=False)  # a URL's password stays out of logs
    digest_dir: str = ""

    def __post_init__(self) -> None:
        for name, low, high in (
            ("max_body_bytes", 1_000, 100_000_000),
            ("max_documents", 1, 100_000),
            ("max_sentences", 10, 1_000_000),
            ("max_json_depth", 4, 1_000),
        ):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
                raise ConfigError(f"{name} must be an integer from {low} to {high}, not {value!r}")
        for name in ("db", "digest_dir"):
            if not isinstance(getattr(self, name), str):
                raise ConfigError(f"{name} must be a path")
        try:
            store_location(self.db)
            local_path(f"{ENV_PREFIX}DIGEST_DIR", self.digest_dir, Path())
        except InputError as error:
            raise ConfigError(str(error)) from None
        if any(len(key) < 16 for key in self.api_keys):
            raise ConfigError("api_keys: every key must be at least 16 characters")

    @property
    def store_location(self) -> StoreLocation:
        return store_location(self.db)

    @property
    def digest_path(self) -> Path:
        return local_path(f"{ENV_PREFIX}DIGEST_DIR", self.digest_dir, DEFAULT_DIGEST_DIR)

    @classmethod
    def from_env(cls, environ: Mapping[str, str], overrides: Mapping[str, Any] | None = None) -> ServiceConfig:
        # Read where ``summarizer digest`` reads it, so that the two share one store.
        values: dict[str, Any] = {"db": db_setting(environ)}
        for setting in fields(cls):
            raw = environ.get(ENV_PREFIX + setting.name.upper())
            if raw is None or setting.name == "db":
                continue
            if setting.name == "api_keys":
                values[setting.name] = _api_keys(raw)
                continue
            if setting.name == "digest_dir":
                values[setting.name] = raw
                continue
            try:
                values[setting.name] = int(raw)
            except ValueError:
                raise ConfigError(f"{ENV_PREFIX}{setting.name.upper()} must be an integer, not {raw!r}") from None
        config = cls(**values)
        return replace(config, **dict(overrides)) if overrides else config


def _api_keys(raw: str) -> tuple[str, ...]:
    """The keys of a set ``SUMMARIZER_API_KEYS``. Set but naming no key ("", ",", " ") is
    refused: starting without authentication is what the operator did not ask for."""
    keys = tuple(k.strip() for k in raw.split(",") if k.strip())
    if not keys:
        raise ConfigError(
            f"{ENV_PREFIX}API_KEYS is set but names no key ({raw!r}); give keys of 16 or more characters, "
            "or unset it to serve without authentication"
        )
    return keys
