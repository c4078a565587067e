"""Logging helpers referenced from the LOGGING setting."""

from __future__ import annotations

import logging

from django.db import InterfaceError, OperationalError


class DatabaseDownFilter(logging.Filter):
    """Drop the traceback of an error that only says the database cannot be reached.

    While the database is down every request fails the same way; one line each (from
    orgdesign.database) says so, where tracebacks would fill the disk.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        exc = record.exc_info[1] if record.exc_info else None
        if isinstance(exc, OperationalError | InterfaceError):
            if record.name == "django.request":
                return False  # orgdesign.database already logged it in one line
            record.exc_info = None
            record.exc_text = None
        return True
