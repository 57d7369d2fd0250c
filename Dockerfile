# The openarchief application: web front end and API (`serve`, the default) or the ingest worker (`worker`).
# Used by docker-compose.yml; tests/test_compose.py checks it against the code.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_ROOT_USER_ACTION=ignore

# Run-time system packages (the same as scripts/setup-system): Tesseract with Dutch for pages without a text
# layer, and the DejaVu fonts.
RUN apt-get update \
    && apt-get install -y --no-install-recommends tesseract-ocr tesseract-ocr-nld fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*

# Install the project (not editable) and drop the source; all dependencies come as manylinux wheels, so no
# compiler is needed. .dockerignore keeps the virtualenv, the archive and the tests out.
COPY . /src
RUN pip install /src && rm -rf /src

# A fixed non-root uid, so that bind mounts (the worker's inbox) can be given to it on the host.
RUN useradd --system --uid 10001 --user-group --create-home --home-dir /home/openarchief openarchief \
    && mkdir /data && chown openarchief:openarchief /data

# Ledger, original PDFs and extracted text. A new named volume mounted here takes over the owner of /data.
ENV OPENARCHIEF_DATA_DIR=/data
VOLUME ["/data"]
WORKDIR /data

USER openarchief
EXPOSE 8000

# /health/ready answers 200 only when the app runs and its engine answers within the time budget (else 503).
# curl is not in the slim image; Python's urllib is.
HEALTHCHECK --interval=30s --timeout=10s --start-period=30s --retries=3 \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/health/ready', timeout=8)"]

CMD ["openarchief", "serve", "--host", "0.0.0.0", "--port", "8000"]
