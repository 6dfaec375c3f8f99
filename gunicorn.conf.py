"""gunicorn settings: `gunicorn -c gunicorn.conf.py` (what `make serve` runs).

Every value can be changed from the environment; the README's "Deploying and scaling"
lists the variables. gunicorn itself also reads GUNICORN_CMD_ARGS and FORWARDED_ALLOW_IPS.
"""

import os

wsgi_app = "newsroom.wsgi:application"

# Loopback by default: in production a reverse proxy or load balancer talks to gunicorn,
# never the internet directly.
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000").split(",")

# gunicorn's rule of thumb: two workers per core, plus one, so a core is never idle while
# another worker waits on the database. WEB_CONCURRENCY is the name hosting platforms use.
workers = int(os.environ.get("WEB_CONCURRENCY") or 2 * (os.cpu_count() or 1) + 1)
# More than one thread makes gunicorn use its threaded worker: worth it when requests mostly
# wait on PostgreSQL or Redis. One thread per worker is the safe default for SQLite.
threads = int(os.environ.get("GUNICORN_THREADS", "1"))

# A worker silent for this long is killed and replaced; on restart or SIGTERM, workers get
# graceful_timeout seconds to finish the requests they are serving.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "30"))
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", "5"))
# Workers are replaced after this many requests (with jitter, not all at once), which caps
# the memory a slow leak in any library can take. 0 turns it off.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "2000"))
max_requests_jitter = max_requests // 10

# Access log to standard output ("-"), a file path, or nowhere when set empty.
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-") or None
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms "%(a)s"'
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
