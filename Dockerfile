# The web and worker image: `docker compose up` (compose.yaml) runs it against PostgreSQL and Redis.
FROM python:3.11-slim-bookworm AS base
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 \
    DJANGO_SETTINGS_MODULE=twinning.config.settings.production TWINNING_VAR_DIR=/var/lib/twinning
RUN apt-get update && apt-get install -y --no-install-recommends nodejs npm postgresql-client libgeonames-common gettext fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --loglevel=error
COPY pyproject.toml README.md ./
COPY twinning ./twinning
RUN for po in twinning/locale/*/LC_MESSAGES/django.po; do msgfmt --check-format -o "${po%.po}.mo" "$po"; done \
    && pip install .
# Static files are collected at build time (hashed, gzip and Brotli copies); the secret is only for this step.
RUN SECRET_KEY=build-only twinning collectstatic --no-input -v0 \
    && useradd --system --home /var/lib/twinning twinning && mkdir -p /var/lib/twinning \
    && chown twinning /var/lib/twinning
USER twinning
EXPOSE 8000
CMD ["twinning", "serve", "--bind", "0.0.0.0:8000", "--no-worker"]
