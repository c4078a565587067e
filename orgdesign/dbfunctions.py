"""Database functions that must give the same answer on SQLite and PostgreSQL."""

from __future__ import annotations

from django.db.models import CharField, Func

SQLITE_FOLD_FUNCTION = "ORGDESIGN_FOLD"


def _fold(value):
    return value.lower() if isinstance(value, str) else value


def register_sqlite_functions(sender, connection, **kwargs) -> None:
    """Give each new SQLite connection the Unicode-aware lower-casing Folded needs."""
    if connection.vendor == "sqlite":
        connection.connection.create_function(SQLITE_FOLD_FUNCTION, 1, _fold, deterministic=True)


class Folded(Func):
    """Text in lower case, for searches and orderings that ignore case the same everywhere.

    PostgreSQL's LOWER folds every letter (É to é) under a UTF-8 locale; SQLite's LOWER and
    LIKE fold only ASCII, so "émile" would not find "ÉMILE" there. On SQLite this runs
    Python's str.lower instead (registered on every connection, see OrgdesignConfig).
    """

    function = "LOWER"
    output_field = CharField()

    def as_sqlite(self, compiler, connection, **extra_context):
        return super().as_sql(compiler, connection, function=SQLITE_FOLD_FUNCTION, **extra_context)
