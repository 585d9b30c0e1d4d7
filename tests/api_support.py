"""Bodies and helpers for the API tests."""

from __future__ import annotations

from typing import Any

from .builders import ferry_documents


def ferry_body(**options: Any) -> dict[str, Any]:
    return {
        "documents": [{"id": d.id, "outlet": d.outlet, "text": d.text} for d in ferry_documents()],
        **options,
    }
