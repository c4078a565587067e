"""Every URL of the app that names an object refuses everyone but the object's owner.

The test walks the "orgdesign" namespace of the URLconf: each pattern with keyword
arguments is filled from objects owned by consultant A, then requested by consultant B
(404 for GET and POST, nothing changed) and by an anonymous visitor (sent to sign in, or
404). Patterns that are public by design take a token: a wrong or revoked one gives 404.
A new pattern with kwargs this test does not know fails it, so it cannot be forgotten.
"""

import pytest
from django.contrib.auth.views import redirect_to_login
from django.urls import reverse

from orgdesign.models import Client, Scenario, ScenarioVersion, ShareLink
from tests.urlwalk import patterns_with_kwargs

pytestmark = pytest.mark.django_db

OWNED_KWARGS = {"client_id", "scenario_id", "number", "link_id"}
# Public by design: what they show is reached only through the token.
PUBLIC_TOKEN_PATTERNS = {
    "shared-scenario",
    "report-shared",
    *(f"report-shared-{fmt}" for fmt in ("pptx", "docx", "svg", "png")),
    "wizard-resume",
}
# Kwargs that name no stored object of a consultant (a session step, Django's reset link).
NOT_OWNED = {
    "wizard-step": "the step slug of the visitor's own session",
    "password_reset_confirm": "Django's signed one-time reset link (checked below)",
}
# The wizard's resume token is signed, not stored: a bad one is a bad request.
BAD_TOKEN_STATUS = {"wizard-resume": {400, 404}}


def _snapshot():
    return (
        list(Client.objects.values_list("id", "name", "notes")),
        list(Scenario.objects.values_list("id", "name", "version", "answers")),
        ScenarioVersion.objects.count(),
        list(ShareLink.objects.values_list("id", "revoked_at")),
    )


def test_every_pattern_with_kwargs_is_known_to_this_test():
    unknown = {
        name: kwargs
        for name, kwargs in patterns_with_kwargs().items()
        if name not in NOT_OWNED
        and name not in PUBLIC_TOKEN_PATTERNS
        and not kwargs <= OWNED_KWARGS
    }

    assert unknown == {}, f"Add these patterns to the access matrix: {unknown}"
    assert {"client-detail", "scenario-detail", "scenario-version", "share-revoke"} <= set(
        patterns_with_kwargs()
    )


def test_another_consultant_gets_404_and_changes_nothing(client, world):
    client.force_login(world["intruder"])
    before = _snapshot()
    checked = []

    for name, kwargs in patterns_with_kwargs().items():
        if name in PUBLIC_TOKEN_PATTERNS or name in NOT_OWNED:
            continue
        url = reverse(f"orgdesign:{name}", kwargs={k: world["kwargs"][k] for k in kwargs})
        query = f"?s={world['scenario'].pk}&s={world['scenario'].pk}"
        get = client.get(url + query)
        post = client.post(url + query, {"name": "hijacked", "expires_on": ""})
        assert get.status_code == 404, (name, get.status_code)
        assert post.status_code in (404, 405), (name, post.status_code)
        assert b"Client of A" not in get.content + post.content
        checked.append(name)

    assert _snapshot() == before
    assert len(checked) >= 14


def test_an_anonymous_visitor_is_sent_to_sign_in_and_changes_nothing(client, world):
    before = _snapshot()

    for name, kwargs in patterns_with_kwargs().items():
        if name in PUBLIC_TOKEN_PATTERNS or name in NOT_OWNED:
            continue
        url = reverse(f"orgdesign:{name}", kwargs={k: world["kwargs"][k] for k in kwargs})
        for response in (client.get(url), client.post(url, {"name": "hijacked"})):
            if response.status_code == 302:
                # Exactly the sign-in page, coming back here afterwards.
                assert response["Location"] == redirect_to_login(url).url, name
            else:
                assert response.status_code in (404, 405), (name, response.status_code)
            assert b"Client of A" not in response.content

    assert _snapshot() == before


@pytest.mark.parametrize("bad", ["wrong-token", "revoked"])
def test_public_token_pages_refuse_a_wrong_or_revoked_token(client, world, bad):
    token = world["revoked_token"] if bad == "revoked" else "wrong-token"
    for name in sorted(PUBLIC_TOKEN_PATTERNS & set(patterns_with_kwargs())):
        response = client.get(reverse(f"orgdesign:{name}", kwargs={"token": token}))
        assert response.status_code in BAD_TOKEN_STATUS.get(name, {404}), (name, bad)
        assert b"Client of A" not in response.content


# A report route ending in a format's name serves that format; the others, the PDF.
REPORT_CONTENT_TYPES = {
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "svg": "image/svg+xml",
    "png": "image/png",
}


def test_the_owner_gets_every_page_of_the_matrix_with_the_object_on_it(client, world):
    """The other columns refuse; this one proves the pages are there to refuse: the owner
    gets each page itself (200, the object's name in it, or the PDF named after it)."""
    client.force_login(world["owner"])
    first, second = Scenario.objects.values_list("pk", flat=True)
    checked = []
    for name, kwargs in patterns_with_kwargs().items():
        if name in PUBLIC_TOKEN_PATTERNS or name in NOT_OWNED:
            continue
        url = reverse(f"orgdesign:{name}", kwargs={k: world["kwargs"][k] for k in kwargs})
        response = client.get(url + f"?s={first}&s={second}")

        assert response.status_code == 200, (name, response.status_code)
        if name.startswith("report-"):
            fmt = name.rsplit("-", 1)[-1]
            expected = REPORT_CONTENT_TYPES.get(fmt, "application/pdf")
            assert response["Content-Type"] == expected, name
            assert 'filename="client-of-a-' in response["Content-Disposition"], name
        else:
            shown = "Scenario of A" if kwargs & {"scenario_id", "link_id"} else "Client of A"
            assert shown in response.content.decode(), (name, shown)
        checked.append(name)

    assert len(checked) >= 16
