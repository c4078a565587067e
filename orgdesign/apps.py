import logging
import sys
from pathlib import Path

from django.apps import AppConfig

log = logging.getLogger("orgdesign.startup")


def describe_backends() -> str:
    """Which database and caches this process uses, in words safe to log (no password)."""
    from django.conf import settings

    db = settings.DATABASES["default"]
    engine = db["ENGINE"].rsplit(".", 1)[-1]
    if engine == "sqlite3":
        database = f"sqlite {db['NAME']}"
    else:
        where = f"{db.get('HOST') or 'local socket'}:{db.get('PORT') or 'default'}"
        database = f"{engine} {db.get('NAME')} on {where}"
    caches = ", ".join(
        f"{alias}={conf['BACKEND'].rsplit('.', 1)[-1]}"
        + (f"({conf['LOCATION']})" if "db.DatabaseCache" in conf["BACKEND"] else "")
        for alias, conf in settings.CACHES.items()
    )
    return f"database: {database}; caches: {caches}; debug: {settings.DEBUG}"


class OrgdesignConfig(AppConfig):
    name = "orgdesign"
    verbose_name = "Org Design Advisor"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_login_failed

        from orgdesign.ratelimit import count_failed_signin

        user_login_failed.connect(count_failed_signin, dispatch_uid="orgdesign-signin-limit")

        from django.db.backends.signals import connection_created

        from orgdesign.dbfunctions import register_sqlite_functions

        connection_created.connect(register_sqlite_functions, dispatch_uid="orgdesign-fold")
        # Once per process (ready() runs once), before the first request; management
        # commands other than the development server keep their output to themselves.
        argv = sys.argv
        if Path(argv[0]).name == "manage.py" and argv[1:2] != ["runserver"]:
            return
        log.info("Org Design Advisor starting: %s", describe_backends())
