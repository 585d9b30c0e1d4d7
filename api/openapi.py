"""The OpenAPI 3.1 description of the service, served at ``/openapi.json``.

Written as data next to the code it describes; ``tests/test_api_openapi.py`` validates
it against the OpenAPI 3.1 meta-schema, checks real responses against it, and runs
schemathesis on it.
"""

from __future__ import annotations

from typing import Any

from summarizer.options import MAX_QUERY_CHARS, ORDERS

from .problems import PROBLEM_TYPES

__all__ = ["openapi_document"]

_NULLABLE_STRING = {"type": ["string", "null"]}


def _problem(description: str) -> dict[str, Any]:
    return {
        "description": description,
        "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}},
    }


def openapi_document() -> dict[str, Any]:
    text_document = {"type": "string", "description": "the rendered digest"}
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "summarizer",
            "version": "1.0.0",
            "description": "Extractive multi-document news digests in which every sentence cites its outlet.",
        },
        "paths": {
            "/v1/summarize": {
                "post": {
                    "operationId": "summarize",
                    "summary": "Summarize articles about one event into an attributed digest",
                    "requestBody": {
                        "required": True,
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/SummarizeRequest"}}},
                    },
                    "responses": {
                        "200": {
                            "description": "The digest; the media type follows the Accept header",
                            "content": {
                                "application/json": {"schema": {"$ref": "#/components/schemas/Digest"}},
                                "text/markdown": {"schema": text_document},
                                "text/html": {"schema": text_document},
                                "text/plain": {"schema": text_document},
                            },
                        },
                        "400": _problem("Malformed body: invalid JSON or UTF-8, or JSON nested too deeply"),
                        "401": _problem("API key missing or wrong (only when the service is configured with keys)"),
                        "406": _problem("The Accept header names no media type the service produces"),
                        "408": _problem("The headers or the body did not arrive within the server's read timeouts"),
                        "413": _problem("Body, document count or sentence count above the service's limits"),
                        "415": _problem("Body is not application/json"),
                        "422": _problem(
                            "Body violates the schema (detail names the field), or has no summarizable text"
                        ),
                        "500": _problem("Unexpected failure, logged with the request id"),
                        "503": _problem(
                            "Not done by the request deadline (Retry-After), or the worker stopped before it was"
                        ),
                    },
                }
            },
            "/v1/documents": {
                "post": {
                    "operationId": "addDocuments",
                    "summary": "Store documents for the daily digest; the same URL or text is stored once",
                    "requestBody": {
                        "required": True,
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/DocumentsRequest"}}},
                    },
                    "responses": {
                        "201": _stored_response("At least one document was new"),
                        "200": _stored_response("Every document was stored already"),
                        "400": _problem("Malformed body"),
                        "401": _problem("API key missing or wrong"),
                        "408": _problem("The headers or the body did not arrive within the server's read timeouts"),
                        "413": _problem("Body or document count above the limits"),
                        "415": _problem("Body is not application/json"),
                        "422": _problem("Body violates the schema"),
                        "500": _problem("Unexpected failure"),
                        "503": _problem(
                            "Not done by the request deadline, the worker stopped before it was, "
                            "or the document store cannot be reached (Retry-After)"
                        ),
                    },
                },
                "get": {
                    "operationId": "listDocuments",
                    "summary": "Stored documents of a day (without text), or the latest 100",
                    "parameters": [
                        {"name": "date", "in": "query", "schema": {"type": "string", "format": "date"}},
                        {"name": "timezone", "in": "query", "schema": {"type": "string", "default": "UTC"}},
                    ],
                    "responses": {
                        "200": {
                            "description": "Documents, oldest first for a day, newest first otherwise",
                            "content": {"application/json": {"schema": {"type": "object"}}},
                        },
                        "401": _problem("API key missing or wrong"),
                        "422": _problem("date or timezone not valid"),
                        "503": _problem("The document store cannot be reached (Retry-After)"),
                    },
                },
            },
            "/v1/digests/{day}": {
                "get": {
                    "operationId": "digestJson",
                    "summary": "The daily digest written by `summarizer digest`, as JSON",
                    "parameters": [_day_parameter()],
                    "responses": {
                        "200": {
                            "description": "The digest",
                            "content": {"application/json": {"schema": {"type": "object"}}},
                        },
                        "401": _problem("API key missing or wrong"),
                        "404": _problem("No digest for that day"),
                        "422": _problem("Not a date"),
                    },
                }
            },
            "/digests/{day}": {
                "get": {
                    "operationId": "digestPage",
                    "summary": "The daily digest as a page to read",
                    "parameters": [_day_parameter()],
                    "responses": {
                        "200": {"description": "The page", "content": {"text/html": {"schema": {"type": "string"}}}},
                        "401": _problem("API key missing or wrong"),
                        "404": _problem("No digest for that day"),
                        "422": _problem("Not a date"),
                    },
                }
            },
            "/digests/": {"get": _written("archivePage", "Every day with a digest, newest first", "text/html")},
            "/stories/{story_id}": {
                "get": _written(
                    "storyPage",
                    "One story over its days: each day's new facts and the outlets' timeline",
                    "text/html",
                    [
                        {
                            "name": "story_id",
                            "in": "path",
                            "required": True,
                            "schema": {"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}-[0-9a-f]{8}$"},
                        }
                    ],
                )
            },
            "/feeds/digest.atom": {
                "get": _written("atomFeed", "The last 30 days' digests as Atom 1.0", "application/atom+xml")
            },
            "/feeds/digest.json": {
                "get": _written("jsonFeed", "The last 30 days' digests as JSON Feed 1.1", "application/feed+json")
            },
            "/v1/feeds": {
                "get": {
                    "operationId": "listFeeds",
                    "summary": "The health of every feed `summarizer ingest` polls",
                    "responses": {
                        "200": {
                            "description": "Feeds by URL",
                            "content": {
                                "application/json": {
                                    "schema": {
                                        "type": "object",
                                        "required": ["feeds"],
                                        "properties": {
                                            "feeds": {
                                                "type": "array",
                                                "items": {"$ref": "#/components/schemas/FeedHealth"},
                                            }
                                        },
                                    }
                                }
                            },
                        },
                        "401": _problem("API key missing or wrong"),
                        "503": _problem("The document store cannot be reached (Retry-After)"),
                    },
                }
            },
            "/healthz": {
                "get": {
                    "operationId": "healthz",
                    "summary": "Liveness",
                    "security": [],
                    "responses": {"200": _status_response("ok")},
                }
            },
            "/readyz": {
                "get": {
                    "operationId": "readyz",
                    "summary": "Readiness: model loaded and not draining",
                    "security": [],
                    "responses": {"200": _status_response("ready"), "503": _problem("The worker is shutting down")},
                }
            },
            "/openapi.json": {
                "get": {
                    "operationId": "openapi",
                    "summary": "This document",
                    "security": [],
                    "responses": {
                        "200": {
                            "description": "OpenAPI 3.1",
                            "content": {"application/json": {"schema": {"type": "object"}}},
                        }
                    },
                }
            },
        },
        "security": [{"bearer": []}, {"apiKey": []}],
        "components": {
            "securitySchemes": {
                "bearer": {"type": "http", "scheme": "bearer", "description": "when SUMMARIZER_API_KEYS is set"},
                "apiKey": {"type": "apiKey", "in": "header", "name": "X-API-Key"},
            },
            "schemas": {
                "DocumentsRequest": {
                    "type": "object",
                    "additionalProperties": False,
                    "required": ["documents"],
                    "properties": {
                        "documents": {
                            "type": "array",
                            "minItems": 1,
                            "items": {"$ref": "#/components/schemas/Document"},
                        }
                    },
                },
                "SummarizeRequest": {
                    "type": "object",
                    "additionalProperties": False,
                    "required": ["documents"],
                    "properties": {
                        "documents": {"type": "array", "items": {"$ref": "#/components/schemas/Document"}},
                        "max_words": {"type": "integer", "minimum": 1, "maximum": 5000, "default": 150},
                        "max_sentences": {
                            "type": ["integer", "null"],
                            "minimum": 1,
                            "maximum": 200,
                            "description": "optional cap; by default the word budget alone decides",
                        },
                        "order": {"type": "string", "enum": list(ORDERS), "default": "narrative"},
                        "query": {"type": ["string", "null"], "maxLength": MAX_QUERY_CHARS},
                    },
                },
                "Document": {
                    "type": "object",
                    "additionalProperties": False,
                    "properties": {
                        "id": {
                            "type": ["string", "null"],
                            "description": "default doc-N (its position, from 1); unique within a request (422)",
                        },
                        "outlet": {**_NULLABLE_STRING, "description": "default: HTML site name, URL host, id"},
                        "title": _NULLABLE_STRING,
                        "url": {
                            **_NULLABLE_STRING,
                            "description": "an absolute http or https URL, the only kind that becomes a link; "
                            "any other scheme (javascript:, data:, ...), a space or a control character: 422",
                        },
                        "published_at": {
                            **_NULLABLE_STRING,
                            "description": "ISO 8601 date or date-time, without an offset meaning UTC; "
                            "from 0001-01-02 to 9999-12-30 in UTC (422 outside)",
                        },
                        "text": _NULLABLE_STRING,
                        "html": _NULLABLE_STRING,
                    },
                    "description": "exactly one of text and html",
                },
                "Digest": {
                    "type": "object",
                    "required": ["summary", "sources", "warnings", "stats"],
                    "properties": {
                        "summary": {"type": "array", "items": {"$ref": "#/components/schemas/DigestSentence"}},
                        "sources": {"type": "array", "items": {"$ref": "#/components/schemas/Source"}},
                        "warnings": {"type": "array", "items": {"$ref": "#/components/schemas/Warning"}},
                        "stats": {
                            "type": "object",
                            "required": ["sentences", "words", "input_sentences"],
                            "properties": {
                                "sentences": {"type": "integer", "minimum": 0},
                                "words": {"type": "integer", "minimum": 0},
                                "input_sentences": {"type": "integer", "minimum": 0},
                            },
                        },
                    },
                },
                "DigestSentence": {
                    "type": "object",
                    "required": [
                        "text",
                        "outlet",
                        "document_id",
                        "url",
                        "also_reported_by",
                        "evidence",
                        "disputed_by",
                        "score",
                        "published_at",
                    ],
                    "properties": {
                        "text": {"type": "string"},
                        "outlet": {"type": "string"},
                        "document_id": {"type": "string"},
                        "url": _NULLABLE_STRING,
                        "also_reported_by": {"type": "array", "items": {"type": "string"}},
                        "evidence": {
                            "description": "one per outlet of also_reported_by, in its order: "
                            "that outlet's sentence stating the same fact",
                            "type": "array",
                            "items": {"$ref": "#/components/schemas/Evidence"},
                        },
                        "disputed_by": {
                            "description": "outlets that tell a detail of this sentence otherwise (another "
                            "number, day, place or polarity), each with its sentence saying so",
                            "type": "array",
                            "items": {"$ref": "#/components/schemas/Evidence"},
                        },
                        "score": {"type": "number", "minimum": 0, "maximum": 1},
                        "published_at": _NULLABLE_STRING,
                    },
                },
                "Evidence": {
                    "type": "object",
                    "required": ["outlet", "document_id", "text"],
                    "properties": {
                        "outlet": {"type": "string"},
                        "document_id": {"type": "string"},
                        "text": {"type": "string"},
                    },
                },
                "Source": {
                    "type": "object",
                    "required": ["document_id", "outlet", "title", "url"],
                    "properties": {
                        "document_id": {"type": "string"},
                        "outlet": {"type": "string"},
                        "title": {"type": "string"},
                        "url": _NULLABLE_STRING,
                    },
                },
                "Warning": {
                    "type": "object",
                    "required": ["code", "message", "document_id"],
                    "properties": {
                        "code": {"type": "string"},
                        "message": {"type": "string"},
                        "document_id": _NULLABLE_STRING,
                    },
                },
                "FeedHealth": {
                    "type": "object",
                    "required": [
                        "url",
                        "outlet",
                        "status",
                        "last_success",
                        "last_error",
                        "last_error_at",
                        "consecutive_failures",
                        "items_seen",
                        "next_poll",
                        "gone_since",
                    ],
                    "properties": {
                        "url": {"type": "string"},
                        "outlet": _NULLABLE_STRING,
                        "status": {"type": "string", "enum": ["ok", "failing", "gone", "never polled"]},
                        "last_success": {**_NULLABLE_STRING, "description": "ISO 8601, UTC"},
                        "last_error": _NULLABLE_STRING,
                        "last_error_at": _NULLABLE_STRING,
                        "consecutive_failures": {"type": "integer", "minimum": 0},
                        "items_seen": {"type": "integer", "minimum": 0},
                        "next_poll": {**_NULLABLE_STRING, "description": "backing off: not polled before this"},
                        "gone_since": {**_NULLABLE_STRING, "description": "answered 410 Gone: not polled again"},
                    },
                },
                "Problem": {
                    "type": "object",
                    "required": ["type", "title", "status", "detail", "request_id"],
                    "properties": {
                        "type": {
                            "type": "string",
                            "enum": [f"urn:summarizer:problem:{slug}" for slug in PROBLEM_TYPES],
                        },
                        "title": {"type": "string"},
                        "status": {"type": "integer", "minimum": 400, "maximum": 599},
                        "detail": {"type": "string"},
                        "request_id": {"type": "string"},
                    },
                },
            },
        },
    }


def _status_response(status: str) -> dict[str, Any]:
    return {
        "description": status,
        "content": {
            "application/json": {
                "schema": {
                    "type": "object",
                    "required": ["status"],
                    "properties": {"status": {"type": "string", "const": status}},
                }
            }
        },
    }


def _stored_response(description: str) -> dict[str, Any]:
    stored = {
        "type": "object",
        "required": ["id", "created"],
        "properties": {"id": {"type": "string"}, "created": {"type": "boolean"}},
    }
    return {
        "description": description,
        "content": {
            "application/json": {
                "schema": {
                    "type": "object",
                    "required": ["documents"],
                    "properties": {"documents": {"type": "array", "items": stored}},
                }
            }
        },
    }


def _day_parameter() -> dict[str, Any]:
    return {"name": "day", "in": "path", "required": True, "schema": {"type": "string"}}


def _written(operation: str, summary: str, media_type: str, parameters: list[Any] | None = None) -> dict[str, Any]:
    """A file ``summarizer digest`` wrote, served as it is."""
    return {
        "operationId": operation,
        "summary": summary,
        "parameters": parameters or [],
        "responses": {
            "200": {"description": summary, "content": {media_type: {"schema": {"type": "string"}}}},
            "401": _problem("API key missing or wrong"),
            "404": _problem("Not written yet"),
        },
    }
