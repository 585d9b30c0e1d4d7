"""The OpenAPI document is valid 3.1 and matches what the service really does."""

from __future__ import annotations

from typing import Any

import jsonschema
import pytest
import schemathesis
from flask import Flask
from flask.testing import FlaskClient
from hypothesis import HealthCheck, settings
from openapi_spec_validator import validate
from schemathesis import Case

from api.openapi import openapi_document

from .api_support import AppFactory, ferry_body

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


# Read from the document itself: no app is built when this module is imported.
schema = schemathesis.openapi.from_dict(DOCUMENT)


@pytest.fixture
def fuzzed_app(make_app: AppFactory) -> Flask:
    # A sentence limit low enough that the fuzzer's large bodies are refused, not summarized.
    return make_app(max_sentences=2000)


@schema.parametrize()
@settings(
    max_examples=25,
    derandomize=True,  # a fixed seed: the same cases on every run
    deadline=None,
    suppress_health_check=list(HealthCheck),
)
def test_schemathesis_finds_no_server_error_and_no_schema_violation(case: Case[Any], fuzzed_app: Flask) -> None:
    from schemathesis.checks import not_a_server_error
    from schemathesis.specs.openapi.checks import (
        content_type_conformance,
        response_schema_conformance,
        status_code_conformance,
    )

    case.call_and_validate(
        app=fuzzed_app,
        checks=[not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance],
    )
