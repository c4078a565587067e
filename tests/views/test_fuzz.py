"""Fuzzing: every URL pattern, every method, as a visitor, a firm's owner, its viewer and
another firm's member, with hostile query strings and bodies. Whatever is sent:

- no response is a 500 (the client turns a crash into a 500 response instead of raising);
- a rejected request (4xx) stores nothing: every table of the app and of accounts is as it
  was (sessions and django-axes' record of sign-in attempts may change, by design);
- the marker `<script>x1</script>` that every HTML payload carries never comes back as-is.

Each request runs inside a savepoint that is rolled back afterwards, so a request that
deletes something does not starve the ones after it. What was sent is counted by kind in
tests.fuzzing.SENT (printed at the end of the run, kept in test-artifacts/).
"""

from __future__ import annotations

import itertools
from urllib.parse import quote, urlencode

import pytest
from django.apps import apps
from django.db import connection, transaction
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.factories import SOFTWARE_STARTUP
from tests.fuzzing import MARKER, SENT, body, value
from tests.urlwalk import Route, fill, routes

pytestmark = pytest.mark.django_db

METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]
ROLES = ["anonymous", "owner", "viewer", "intruder"]
CSRF_SECRET = "f" * 32
# Tables a request may change whatever its outcome: sessions, and axes' log of sign-ins.
UNTRACKED = {"sessions", "axes"}
# Ids that cannot name a stored object: other scripts' digits, signs, overflow, text.
HOSTILE_IDS = ["٣", "３", "²", "-1", "+1", "0", "1.5", "1e3", "9223372036854775808",
               "99999999999999999999", "9" * 400, "%00", "%E2%80%AE1", "' OR 1=1 --",
               quote(MARKER, safe="")]  # fmt: skip

# Hand-written bodies for the walk (hypothesis draws many more in the test below).
WALK_BODIES = [
    ("form", "application/x-www-form-urlencoded",
     urlencode({"name": MARKER, "new_client": "A\u202eB", "what_if": "product_lines:٣",
                "s": "9" * 30, "firm_name": "\x07\x1b", "username": "' OR 1=1 --"}).encode()),
    ("multipart", "multipart/form-data; boundary=XX",
     b'--XX\r\nContent-Disposition: form-data; name="name"\r\n\r\n<script>x1</script>\r\n'
     b'--XX\r\nContent-Disposition: form-data; name="logo"; filename="x.svg"\r\n\r\n'
     b"<svg><use href='#a'/></svg>\r\n--XX--\r\n"),
    ("json", "application/json", b'{"stage": "<script>x1</script>", "product_lines": 1e999}'),
    ("deep-json", "application/json", b"[" * 3000 + b"]" * 3000),
    ("bad-charset", "application/x-www-form-urlencoded; charset=utf-16",
     "name=x&what_if=stage:startup".encode("utf-16")),
    ("bad-utf8", "application/x-www-form-urlencoded", b"name=\xff\xfe%ff&s=\xc0"),
]  # fmt: skip
WALK_QUERIES = [
    {"q": MARKER, "page": "٣", "s": ["9" * 30, "²"], "what_if": "product_lines:３"},
    {"q": "\x00\u202e", "page": "9" * 5000, "next": "//evil.example/", "return_to": MARKER},
    {"what_if": "stage:" + MARKER, "s": "' OR 1=1 --", "step": "../../etc/passwd"},
    {"advice": MARKER, "q": "%_\\" * 40, "page": "last"},
    {"advice": ["cto", "c" * 5000], "q": "ÉCOLE\u0301\ud7ff"},
]


def tracked_state() -> dict[str, list]:
    """What a rejected request must leave alone: every row of the app's and the accounts'
    tables, every row count of the others (sessions and axes' attempt log aside). Raw SQL:
    this runs after every rejected request."""
    state = {}
    with connection.cursor() as cursor:
        for model in apps.get_models():
            label, table = model._meta.app_label, connection.ops.quote_name(model._meta.db_table)
            if label in UNTRACKED:
                continue
            if label in {"orgdesign", "auth"}:
                cursor.execute(f"SELECT * FROM {table} ORDER BY 1")  # noqa: S608 - model table
            else:
                cursor.execute(f"SELECT COUNT(*) FROM {table}")  # noqa: S608 - model table
            state[model._meta.label] = cursor.fetchall()
    return state


@pytest.fixture
def arena(world, settings, prime_wizard):
    """The world of the access matrix, with signed-in sessions (and finished questionnaires
    in them) for the owner, the other consultant and an anonymous visitor; high rate limits,
    so requests reach the views (the limits have their own tests)."""
    settings.ORGDESIGN_RATE_LIMITS = dict.fromkeys(settings.ORGDESIGN_RATE_LIMITS, (10**9, 60))
    sessions = {}
    for role in ROLES:
        browser = Client()
        if role != "anonymous":
            browser.force_login(world[role])
        prime_wizard(browser, answers=dict(SOFTWARE_STARTUP))
        sessions[role] = browser.cookies["sessionid"].value
    values = {
        **{key: str(pk) for key, pk in world["kwargs"].items()},
        "token": world["share_token"],
        "step": "company",
        "uidb64": "MQ",
        "content_type_id": "1",
        "object_id": str(world["scenario"].pk),
        "id": str(world["owner"].pk),
        "app_label": "orgdesign",
        "url": "nowhere/",
    }
    return {
        "sessions": sessions,
        "values": values,
        "routes": list(routes()),
        # Every request runs in a savepoint that is rolled back: this is the state before
        # each one.
        "baseline": tracked_state(),
    }


def send(arena, *, role, method, path, query="", content_type=None, data=b"", csrf="off"):
    """One request in a savepoint that is rolled back; the checks every response must pass.
    `csrf`: "off" (the test client's default), "token" (checked, token sent), "missing"
    (checked, no token)."""
    browser = Client(enforce_csrf_checks=csrf != "off", raise_request_exception=False)
    browser.cookies["sessionid"] = arena["sessions"][role]
    if csrf == "token":
        browser.cookies["csrftoken"] = CSRF_SECRET
    headers = {"X-CSRFToken": CSRF_SECRET} if csrf == "token" else {}
    url = path + (f"?{query}" if query else "")
    with transaction.atomic():
        response = browser.generic(
            method, url, data, content_type or "application/octet-stream", headers=headers
        )
        rejected = 400 <= response.status_code < 500
        changed = rejected and tracked_state() != arena["baseline"]
        transaction.set_rollback(True)
    content = b"".join(response.streaming_content) if response.streaming else response.content
    where = f"{role} {method} {url[:200]}"
    assert response.status_code != 500, where
    assert MARKER.encode() not in content, where
    assert not changed, f"a rejected request stored something: {where}"
    SENT[f"method {method}"] += 1
    SENT[f"role {role}"] += 1
    SENT[f"csrf {csrf}"] += 1
    SENT[f"status {response.status_code}"] += 1
    SENT["requests"] += 1
    return response


def test_every_route_every_method_every_role_is_never_a_500(arena):
    """The walk: each pattern, with real ids of the owner's objects, with every method as
    each role; hostile query strings and bodies in turn, CSRF off, checked or missing.
    Django's admin (which sends every non-staff user to its sign-in page) gets every
    method from one role in turn, to keep the walk short."""
    turn = itertools.count()
    for route in arena["routes"]:
        path = fill(route.route, arena["values"])
        for role, method in itertools.product(ROLES, METHODS):
            i = next(turn)
            if route.namespace == "admin" and role != ROLES[i % len(ROLES)]:
                continue
            kind, content_type, data = WALK_BODIES[i % len(WALK_BODIES)]
            has_body = method not in ("GET", "HEAD", "OPTIONS")
            send(
                arena,
                role=role,
                method=method,
                path=path,
                query=urlencode(WALK_QUERIES[i % len(WALK_QUERIES)], doseq=True),
                content_type=content_type if has_body else None,
                data=data if has_body else b"",
                csrf=("off", "token", "missing")[i % 3],
            )
            SENT[f"body {kind if has_body else 'none'}"] += 1
    assert SENT["requests"] >= len(arena["routes"]) * len(METHODS)


def _id_routes(arena) -> list[tuple[Route, str]]:
    """Each kwarg of each pattern of the app (the admin's ids are its own affair)."""
    return [
        (route, kwarg)
        for route in arena["routes"]
        if route.namespace != "admin"
        for kwarg in sorted(route.kwargs)
    ]


def test_hostile_ids_in_every_route_are_not_found_never_a_crash(arena):
    """Each kwarg of each pattern replaced by text that names no object: 404 wherever the
    kwarg is an id (the app's `<id:...>`; 400 for a NUL, refused before any route), and
    never a 500 anywhere."""
    checked = 0
    for route, kwarg in _id_routes(arena):
        for hostile in HOSTILE_IDS:
            path = fill(route.route, {**arena["values"], kwarg: hostile})
            response = send(arena, role="owner", method="GET", path=path)
            SENT["body none"] += 1
            SENT["value hostile-id"] += 1
            if f"<id:{kwarg}>" in route.route:
                expected = 400 if "%00" in hostile or "\x00" in hostile else 404
                assert response.status_code == expected, (route.label, hostile)
            checked += 1
    assert checked > 200


@settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)
@given(data=st.data())
def test_hypothesis_hostile_requests_are_never_a_500(arena, data):
    """Hypothesis picks the pattern, method, role, CSRF handling, hostile query values and a
    hostile body (huge, control characters, other scripts' digits, HTML, SQL, wrong types,
    deep JSON, bad charsets, broken UTF-8)."""
    app_routes = [route for route in arena["routes"] if route.namespace != "admin"]
    admin_routes = [route for route in arena["routes"] if route.namespace == "admin"]
    # Mostly the app's own routes: the admin sends every non-staff user to its sign-in.
    route = data.draw(
        st.sampled_from(app_routes) | st.sampled_from(app_routes) | st.sampled_from(admin_routes),
        label="route",
    )
    values = dict(arena["values"])
    if route.kwargs and data.draw(st.booleans(), label="hostile kwarg"):
        kwarg = data.draw(st.sampled_from(sorted(route.kwargs)))
        values[kwarg] = quote(data.draw(value())[1][:300], safe="")
    method = data.draw(st.sampled_from(METHODS), label="method")
    role = data.draw(st.sampled_from(ROLES), label="role")
    params = data.draw(
        st.lists(st.tuples(st.sampled_from(["q", "page", "s", "what_if", "next"]), value()),
                 max_size=4),
        label="query",
    )  # fmt: skip
    query = urlencode([(name, text[:3000]) for name, (_, text) in params])
    kind, content_type, payload = data.draw(body(), label="body")
    has_body = method not in ("GET", "HEAD")
    send(
        arena,
        role=role,
        method=method,
        path=fill(route.route, values),
        query=query,
        content_type=content_type if has_body else None,
        data=payload if has_body else b"",
        csrf=data.draw(st.sampled_from(["off", "token", "missing"]), label="csrf"),
    )
    SENT[f"body {kind if has_body else 'none'}"] += 1
    for _, (value_kind, _) in params:
        SENT[f"value {value_kind}"] += 1


# The client's review: a valid post, one field of which (or more) hypothesis replaces.
REVIEW_POSTS = {
    "shared-comment": {
        "comment-version": "1",
        "comment-about": "seat:cto",
        "comment-author_name": "Ada Board",
        "comment-text": "A question",
    },
    "shared-signoff": {
        "signoff-version": "1",
        "signoff-name": "Ada Board",
        "signoff-role": "Chair",
        "signoff-confirm": "on",
    },
    "comment-reply": {"text": "An answer"},
}


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_hypothesis_hostile_review_posts_are_never_a_500(arena, data):
    """A comment, a sign-off or a reply whose fields (one or several, or extra ones) carry
    hostile text, other scripts' digits, HTML, huge or empty values: a clear refusal or a
    saved row, never a 500, and the marker never comes back unescaped."""
    from django.urls import reverse

    name = data.draw(st.sampled_from(sorted(REVIEW_POSTS)), label="form")
    fields = dict(REVIEW_POSTS[name])
    for field in data.draw(
        st.lists(st.sampled_from([*fields, "comment-about", "extra"]), min_size=1, max_size=3),
        label="hostile fields",
    ):
        kind, text = data.draw(value(), label=field)
        fields[field] = text[:5000]
        SENT[f"value {kind}"] += 1
    if name == "comment-reply":
        path, role = reverse(f"orgdesign:{name}", args=[arena["values"]["comment_id"]]), "owner"
    else:
        path = reverse(f"orgdesign:{name}", args=[arena["values"]["token"]])
        role = data.draw(st.sampled_from(["anonymous", "viewer"]), label="role")
    send(
        arena,
        role=role,
        method="POST",
        path=path,
        content_type="application/x-www-form-urlencoded",
        data=urlencode(fields).encode("utf-8", "surrogatepass"),
        csrf="token",
    )
    SENT["body review-form"] += 1
