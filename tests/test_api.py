from __future__ import annotations

from api import create_app


def test_app_factory_builds_an_app_that_answers_health_checks() -> None:
    app = create_app({"TESTING": True})
    response = app.test_client().get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok"}


def test_summarizer_library_does_not_import_flask() -> None:
    import subprocess
    import sys

    code = "import sys, summarizer, summarizer.cli; sys.exit('flask' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0
