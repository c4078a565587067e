"""Database functions that must give the same answer on SQLite and PostgreSQL."""

from __future__ import annotations

from django.db.models import CharField, Func

SQLITE_FOLD_FUNCTION = "ORGDESIGN_FOLD"


def _fold(value):
    return value.lower() if isinstance(value, str) else value


def register_sqlite_functions(sender, connection, **kwargs) -> None:
    """Give each new SQLite connection the Unicode-aware folding Folded and SearchFolded
    need."""
    if connection.vendor == "sqlite":
        connection.connection.create_function(SQLITE_FOLD_FUNCTION, 1, _fold, deterministic=True)
        connection.connection.create_function(
            SQLITE_SEARCH_FOLD_FUNCTION, 1, _search_fold, deterministic=True
        )


class Folded(Func):
    """Text in lower case, for searches and orderings that ignore case the same everywhere.

    PostgreSQL's LOWER folds every letter (É to é) under a UTF-8 locale; SQLite's LOWER and
    LIKE fold only ASCII, so "émile" would not find "ÉMILE" there. On SQLite this runs
    Python's str.lower instead (registered on every connection, see OrgdesignConfig) on
    text beyond ASCII, and LOWER on the rest.
    """

    function = "LOWER"
    output_field = CharField()

    def as_sqlite(self, compiler, connection, **extra_context):
        return _ascii_natively(compiler, self.source_expressions[0], SQLITE_FOLD_FUNCTION)


# Text with a character outside printable ASCII, as an SQLite GLOB pattern.
NOT_ASCII_GLOB = "*[^ -~]*"


def _ascii_natively(compiler, expression, function: str) -> tuple[str, tuple]:
    """SQLite: `function` (ours, in Python) on text with a character outside printable
    ASCII, SQLite's own LOWER on the rest (the same result for ASCII text, without calling
    into Python for each row: about four times faster on the client list's search)."""
    sql, params = compiler.compile(expression)
    return (
        f"CASE WHEN {sql} GLOB %s THEN {function}({sql}) ELSE LOWER({sql}) END",
        (*params, NOT_ASCII_GLOB, *params, *params),
    )


# --- Search: case and accents folded alike on every database -------------------------------

SQLITE_SEARCH_FOLD_FUNCTION = "ORGDESIGN_SEARCH_FOLD"


def _accent_table() -> tuple[str, str]:
    """Every Latin letter with a mark (À to ſ: Latin-1 and Latin Extended-A) and its bare
    lower-case letter, as the two strings of SQL's translate(): "é" and "É" become "e"."""
    import unicodedata

    marked, bare = [], []
    for code in range(0xC0, 0x180):
        char = chr(code)
        base = unicodedata.normalize("NFKD", char)[:1].lower()
        if base.isascii() and base.isalpha() and base != char.lower():
            marked.append(char)
            bare.append(base)
    return "".join(marked), "".join(bare)


ACCENTED, UNACCENTED = _accent_table()
_UNACCENT = str.maketrans(ACCENTED, UNACCENTED)


def search_fold(text: str) -> str:
    """Text as searches compare it: lower case, Latin letters without their accents."""
    return text.lower().translate(_UNACCENT)


def _search_fold(value):
    return search_fold(value) if isinstance(value, str) else value


class SearchFolded(Func):
    """Text in lower case without accents (`search_fold`), for a search where "ecole"
    finds "École" on SQLite and PostgreSQL alike: translate() with the same fixed table on
    PostgreSQL (no extension needed), Python's `search_fold` on SQLite. Letters outside the
    table (ß, ø, other scripts) are only lower-cased."""

    output_field = CharField()

    def as_sql(self, compiler, connection, **extra_context):
        sql, params = compiler.compile(self.source_expressions[0])
        return f"translate(LOWER({sql}), %s, %s)", (*params, ACCENTED, UNACCENTED)

    def as_sqlite(self, compiler, connection, **extra_context):
        return _ascii_natively(compiler, self.source_expressions[0], SQLITE_SEARCH_FOLD_FUNCTION)
