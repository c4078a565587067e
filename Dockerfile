# Org Design Advisor: the app server image (gunicorn + WeasyPrint). docs/deploy.md tells how
# to run it against PostgreSQL, migrate the database and schedule the clean-up.
FROM python:3.12-slim-bookworm

# WeasyPrint draws with Pango (HarfBuzz, fontconfig) and the DejaVu fonts.
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libfontconfig1 fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_NO_CACHE_DIR=1

WORKDIR /app

# XStatic-Bootstrap is an sdist whose build needs setuptools<81 (see the README).
COPY requirements.txt .
RUN pip install "setuptools<81" wheel \
    && pip install --no-build-isolation -r requirements.txt

COPY . .

# Static files are collected into the image (compressed, hashed names, served by WhiteNoise).
# The key below only lets the settings load for this step; it is never used to sign anything.
RUN DJANGO_SECRET_KEY=collectstatic-only DJANGO_DATA_DIR=/tmp/build-data \
    python manage.py collectstatic --noinput --verbosity 0 \
    && rm -rf /tmp/build-data

RUN useradd --create-home --uid 10001 app && mkdir -p /data && chown app /data
USER app

# Production settings: debug off, https-only cookies and redirects (DJANGO_INSECURE_HTTP=1
# only for a local trial). DATABASE_URL should name PostgreSQL; without it SQLite goes to
# the /data volume.
ENV DJANGO_DEBUG=0 \
    DJANGO_DATA_DIR=/data \
    GUNICORN_BIND=0.0.0.0:8000
VOLUME ["/data"]
EXPOSE 8000

# gunicorn.conf.py: workers fitted to the CPUs (WEB_CONCURRENCY overrides), timeouts.
CMD ["gunicorn", "advisor.wsgi"]
