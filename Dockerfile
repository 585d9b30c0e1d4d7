# Production image: slim Python, non-root, everything installed at build time, nothing
# downloaded at run time. Runs the same command the README documents.
#
# gunicorn.conf.py runs threaded workers with read and request deadlines, so the
# container survives a few slow clients by itself. On the open internet, run it behind a
# buffering reverse proxy (nginx, a cloud load balancer) all the same: the proxy takes
# slow and idle clients, and many of them, off the workers entirely, and terminates TLS.
# Tune with SUMMARIZER_THREADS, SUMMARIZER_HEADER_TIMEOUT, SUMMARIZER_BODY_TIMEOUT and
# SUMMARIZER_REQUEST_TIMEOUT (see docs/service.md).
FROM python:3.11-slim AS app

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 \
    GUNICORN_CMD_ARGS="--bind=0.0.0.0:8000"

WORKDIR /app
COPY pyproject.toml README.md gunicorn.conf.py ./
COPY summarizer ./summarizer
COPY api ./api
RUN pip install . && useradd --create-home --uid 10001 app

USER app
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=3s --start-period=20s \
  CMD python -c "import sys, urllib.request; sys.exit(urllib.request.urlopen('http://127.0.0.1:8000/readyz', timeout=2).status != 200)"
CMD ["gunicorn", "api:create_app()"]

# The scheduler of compose.yaml: the same image with Debian's cron, running
# deploy/crontab (the README's ingest and digest lines) as the same non-root user. cron
# starts as root, as it must; it hands the jobs the container's SUMMARIZER_* variables.
FROM app AS scheduler
USER root
# With the dask extra, so that the digest line can take --workers N or --scheduler ADDR.
RUN pip install '.[dask]' \
 && apt-get update && apt-get install -y --no-install-recommends cron && rm -rf /var/lib/apt/lists/* \
 && mkdir -p /srv/digests /srv/data /var/log/summarizer \
 && chown app /srv/digests /srv/data /var/log/summarizer
COPY deploy/crontab /etc/cron.d/summarizer
HEALTHCHECK --interval=30s --timeout=3s CMD test -e /var/run/crond.pid
CMD ["sh", "-c", "env | grep -E '^(SUMMARIZER_|PATH=)' > /etc/environment && exec cron -f"]
