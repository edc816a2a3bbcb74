"""What a load balancer asks: is the process alive (liveness), and can it serve (readiness)?"""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.db.migrations.executor import MigrationExecutor


def check_database() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return "ok"


def check_migrations() -> str:
    executor = MigrationExecutor(connection)
    pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
    if pending:
        return f"{len(pending)} migrations not applied (run: twinning migrate)"
    return "ok"


def check_cache() -> str:
    cache.set("twinning:readyz", "1", 5)
    return "ok" if cache.get("twinning:readyz") == "1" else "cache does not keep values"


def check_broker() -> str:
    url = getattr(settings, "CELERY_BROKER_URL", "")
    if not url:
        return "ok (no broker configured: jobs run inline)"
    import redis

    redis.Redis.from_url(url, socket_connect_timeout=2, socket_timeout=2).ping()
    return "ok"


CHECKS = {"database": check_database, "migrations": check_migrations, "cache": check_cache, "broker": check_broker}


def readiness() -> tuple[bool, dict[str, str]]:
    """Run every check; a check that raises reports its error class, never a traceback."""
    results: dict[str, str] = {}
    ready = True
    for name, check in CHECKS.items():
        try:
            outcome = check()
        except Exception as error:
            outcome = f"failed: {type(error).__name__}"
        results[name] = outcome
        ready = ready and outcome.startswith("ok")
    return ready, results
