"""The OpenAPI document is valid 3.1 and matches what the service really does."""

from __future__ import annotations

import ast
import inspect
import textwrap
from collections.abc import Callable
from typing import Any

import jsonschema
import pytest
import schemathesis
from flask import Flask
from flask.testing import FlaskClient
from hypothesis import HealthCheck, settings
from openapi_spec_validator import validate
from schemathesis import Case

from api.body import json_body
from api.hooks import OPEN_PATHS
from api.openapi import openapi_document
from api.problems import PROBLEM_TYPES

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


def raised_statuses(function: Callable[..., object]) -> set[str]:
    """The statuses of the problems ``function`` raises (each ``ApiError("slug", ...)``
    in its source), and of those raised by the functions of ``api`` it calls, read
    from the code, not from a list kept by hand."""
    statuses: set[str] = set()
    seen: set[Callable[..., object]] = set()
    pending = [function]
    while pending:
        current = pending.pop()
        if current in seen:
            continue
        seen.add(current)
        tree = ast.parse(textwrap.dedent(inspect.getsource(current)))
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
                continue
            if node.func.id == "ApiError":
                slug = node.args[0]
                # A literal slug, so that it can be read here (and by a reader of the view).
                assert isinstance(slug, ast.Constant), ast.unparse(node)
                assert isinstance(slug.value, str), ast.unparse(node)
                statuses.add(str(PROBLEM_TYPES[slug.value][0]))
                continue
            called = getattr(current, "__globals__", {}).get(node.func.id)
            if inspect.isfunction(called) and called.__module__.startswith("api."):
                pending.append(called)
    return statuses


def test_the_reading_of_raised_statuses_follows_calls_into_helpers() -> None:
    # json_body raises 415 itself; 400, 408 and 413 come from read_body and _read.
    assert {"400", "408", "413", "415"} <= raised_statuses(json_body)


def test_every_problem_status_the_routes_raise_is_documented(app: Flask) -> None:
    before_request = app.before_request_funcs.get(None, [])
    checked = 0
    for rule in app.url_map.iter_rules():
        if rule.endpoint == "static":
            continue
        path = rule.rule.replace("<", "{").replace(">", "}")
        view = app.view_functions[rule.endpoint]
        # The request hooks (the API-key check) run before every view but the open ones.
        hooks = [] if rule.rule in OPEN_PATHS else before_request
        raised = set().union(*(raised_statuses(f) for f in [view, *hooks]))
        for method in sorted((rule.methods or set()) - {"HEAD", "OPTIONS"}):
            documented = set(DOCUMENT["paths"][path][method.lower()]["responses"])
            assert raised <= documented, f"{method} {path} raises {sorted(raised - documented)} undocumented"
            checked += 1
    assert checked == sum(len(operations) for operations in DOCUMENT["paths"].values())


# Read from the document itself: no app is built when this module is imported.
schema = schemathesis.openapi.from_dict(DOCUMENT)


@pytest.fixture
def fuzzed_app(make_app: AppFactory) -> Flask:
    # A sentence limit low enough that the fuzzer's large bodies are refused, not summarized.
    return make_app(max_sentences=2000)


@pytest.mark.slow  # a fuzzer: every operation, 25 cases each
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
