"""The OpenAPI document is valid 3.1 and matches what the service really does."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import jsonschema
import schemathesis
from flask.testing import FlaskClient
from hypothesis import HealthCheck, settings
from openapi_spec_validator import validate

from api.openapi import openapi_document

from .api_support import build_app, ferry_body

DOCUMENT = openapi_document()


def component(name: str) -> dict[str, Any]:
    """A component schema, resolvable on its own (its $refs point into the document)."""
    return {**DOCUMENT["components"]["schemas"][name], "components": DOCUMENT["components"]}


def test_document_is_valid_openapi_3_1() -> None:
    validate(DOCUMENT)


def test_digest_and_problem_responses_match_their_schemas(client: FlaskClient) -> None:
    digest = client.post("/v1/summarize", json=ferry_body()).get_json()
    jsonschema.validate(digest, component("Digest"))
    problem = client.post("/v1/summarize", json={"documents": 1}).get_json()
    jsonschema.validate(problem, component("Problem"))


def test_every_problem_status_the_routes_raise_is_documented() -> None:
    documented = set(DOCUMENT["paths"]["/v1/summarize"]["post"]["responses"])
    assert {"200", "400", "401", "406", "413", "415", "422", "500"} <= documented


schema = schemathesis.openapi.from_wsgi(
    "/openapi.json",
    build_app(Path(tempfile.mkdtemp()), max_sentences=2000),
)


@schema.parametrize()
@settings(
    max_examples=25,
    derandomize=True,  # a fixed seed: the same cases on every run
    deadline=None,
    suppress_health_check=list(HealthCheck),
)
def test_schemathesis_finds_no_server_error_and_no_schema_violation(case: Any) -> None:
    from schemathesis.checks import not_a_server_error
    from schemathesis.specs.openapi.checks import (
        content_type_conformance,
        response_schema_conformance,
        status_code_conformance,
    )

    case.call_and_validate(
        checks=[not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
    )
