"""gunicorn settings for `make serve` and the container image (read from the working folder).

Every value can be changed through the environment; docs/deploy.md explains them.
"""

import os

# Sync workers: 2 per core plus one, capped (each worker holds a WeasyPrint renderer).
_cores = os.cpu_count() or 1
workers = int(os.environ.get("WEB_CONCURRENCY") or min(2 * _cores + 1, 8))
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# A request that holds a worker longer than this is killed (and the worker replaced).
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "30"))
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", "5"))
# Recycle workers now and then, so a slow leak never grows for good.
max_requests = 1000
max_requests_jitter = 100
# No runtime control socket (it would be created in the home folder).
control_socket_disable = True
# Our own request log (orgdesign.request) replaces gunicorn's access log.
accesslog = None
errorlog = "-"
# The proxy's X-Forwarded-* headers are read by Django (DJANGO_TRUSTED_PROXIES), not here.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
