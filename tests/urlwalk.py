"""Walk the project's URLconf: every pattern, with its full route and the kwargs it takes.

Used by the access matrix (tests/views/test_access_matrix.py) and the fuzz test
(tests/views/test_fuzz.py), so both see the same patterns, including new ones.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver


@dataclass(frozen=True)
class Route:
    namespace: str | None
    name: str | None
    route: str  # the full route, e.g. "clients/<id:client_id>/" or "admin/^(?P<app_label>...)/$"
    kwargs: frozenset[str]

    @property
    def label(self) -> str:
        return f"{self.namespace}:{self.name}" if self.namespace else (self.name or self.route)


def routes(resolver=None, prefix: str = "", namespace: str | None = None) -> Iterator[Route]:
    """Every URL pattern of the URLconf (or of `resolver`), depth first."""
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            yield from routes(entry, prefix + str(entry.pattern), entry.namespace or namespace)
        elif isinstance(entry, URLPattern):
            yield Route(
                namespace=namespace,
                name=entry.name,
                route=prefix + str(entry.pattern),
                kwargs=frozenset(entry.pattern.regex.groupindex),
            )


def patterns_with_kwargs(namespace: str = "orgdesign") -> dict[str, set[str]]:
    """Name -> kwargs of every named pattern of `namespace` that takes kwargs."""
    return {
        route.name: set(route.kwargs)
        for route in routes()
        if route.namespace == namespace and route.name and route.kwargs
    }


# A path converter `<conv:name>` / `<name>`, or a regex group `(?P<name>...)` (one level of
# nested parentheses inside, as in `(?P<step>(?!save/)[-a-z0-9]+)`).
_PATH_KWARG = re.compile(r"<(?:\w+:)?(\w+)>")
_REGEX_KWARG = re.compile(r"\(\?P<(\w+)>(?:[^()]|\([^()]*\))*\)")


def fill(route: str, values: Mapping[str, str]) -> str:
    """The URL path of `route` with each kwarg replaced by `values[kwarg]` (KeyError for a
    kwarg without a value), inserted as given: the caller quotes hostile text."""
    path = _PATH_KWARG.sub(lambda m: str(values[m[1]]), route)
    path = _REGEX_KWARG.sub(lambda m: str(values[m[1]]), path)
    return "/" + path.replace("^", "").replace("$", "")
