"""Every page passes the Nu HTML checker (vnu.jar) with no error.

One test renders every page a person can open (each named GET route of the app, as the
visitor who may see it, with objects to show) into a folder and runs the checker once over
all of them: one JVM start, a few seconds. The checker comes from npm (package.json,
installed into node_modules/ by `make install-dev`); the test is skipped, saying why, only
when Java itself is missing.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from orgdesign.models import Scenario
from orgdesign.services import (
    branding_update,
    client_trash,
    invitation_create,
    invitation_token,
    review_reply_add,
    scenario_set_voice,
    scenario_trash,
)
from tests.factories import (
    REGIONAL_BANK,
    add_member,
    make_client,
    make_review_comment,
    make_scenario,
    make_share_link,
    make_signoff,
    make_user,
)
from tests.urlwalk import routes

pytestmark = pytest.mark.django_db

VNU_JAR = Path(settings.BASE_DIR) / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

# Named routes that are not HTML pages, or only redirect or act.
NOT_PAGES = {
    "api-recommendation": "JSON",
    **{
        f"report-{report}{suffix}": "a report file"
        for report in ("result", "scenario", "compare", "shared")
        for suffix in ("", "-pptx", "-docx", "-svg", "-png")
    },
    "report-pack": "a PDF",
    "account-export": "JSON",
    "branding-logo": "an image",
    "logout": "POST only",
    "wizard": "redirects to a step",
    "wizard-restart": "POST only",
    "wizard-cancel": "POST only",
    "wizard-save": "POST only",
    "member-role": "POST only",
    "firm-rename": "POST only",
    "trash-client-restore": "POST only",
    "trash-scenario-restore": "POST only",
    "shared-comment": "posts, else redirects to the share page",
    "shared-signoff": "posts, else redirects to the share page",
}


# Pages for visitors who are not signed in (a consultant is sent on from them).
ANONYMOUS = {
    "login",
    "signup",
    "password_reset",
    "password_reset_done",
    "shared-scenario",
    "shared-scenario invalid",
    "shared-scenario unsigned",
    "password_reset_complete",
    "password_reset_confirm",
    "invitation-accept anonymous",
}


def _pages(client, prime_wizard) -> dict[str, str]:
    """name -> URL of every page, the test client signed in as the owner of its objects."""
    owner = make_user(username="owner", first_name="Ada", last_name="Lovelace")
    acme = make_client(owner=owner, name="Acme", notes="Private")
    today = make_scenario(client=acme, name="Today")
    bank = make_scenario(client=acme, name="Bank", answers=REGIONAL_BANK)
    # The consultant's voice on both: the scenario, version, share pages and the rules-updated
    # panel show it.
    our_view = "We **agree**, *mostly*:\n\n- one [link](https://example.org)\n1. two"
    scenario_set_voice(
        scenario=bank,
        user=owner,
        our_view=our_view,
        seats={"cio": {"title": "Group IT", "reports_to": "cfo", "reason": "risk"}},
    )
    code = today.recommendation["roles"][0]["code"]
    scenario_set_voice(
        scenario=today, user=owner, our_view=our_view, seats={code: {"title": "Our own title"}}
    )
    # Saved under other rules: the scenario page shows its "Rules updated" panel.
    Scenario.objects.filter(pk=bank.pk).update(ruleset_version="older")
    link = make_share_link(scenario=today)
    # The client's review: comments on the whole, a reason and a seat, a reply, a sign-off.
    comment = make_review_comment(link=link, text="Line one\nline two")
    make_review_comment(link=link, about=("reason", "reports.cto-ceo"))
    make_review_comment(link=link, about=("seat", "cto"))
    review_reply_add(comment=comment, user=owner, text="An answer")
    make_signoff(link=link)
    unsigned = make_share_link(scenario=today)
    colleague = add_member(firm=acme.firm, user=make_user(username="grace"))
    invitation = invitation_create(
        firm=make_client(name="Other firm's client").firm,
        email="ada@example.com",
        role="viewer",
        invited_by=None,
    )
    own_invitation = invitation_create(
        firm=acme.firm, email="grace@example.com", role="viewer", invited_by=owner
    )
    # The trash: a client, a scenario, and a scenario whose client is in the trash too.
    gone = make_client(owner=owner, name="Gone Ltd")
    gone_scenario = make_scenario(client=gone, name="Gone plan")
    scenario_trash(scenario=gone_scenario, user=owner)
    client_trash(client=gone, user=owner)
    old_plan = make_scenario(client=acme, name="Old plan")
    scenario_trash(scenario=old_plan, user=colleague.user)
    add_member(firm=acme.firm, user=make_user(username="vic"), role="viewer")
    branding_update(user=owner, firm_name="Lovelace & Co", accent_colour="#225588")
    client.force_login(owner)
    # For a client whose record knows the industry: the company step shows it as known.
    target = {"client_id": acme.pk, "client_name": "Acme", "label": "Acme"}
    prime_wizard(client, answers=REGIONAL_BANK, target={**target, "known": {"industry": "finance"}})
    return {
        "home": reverse("orgdesign:home"),
        "wizard-step": reverse("orgdesign:wizard-step", args=["company"]),
        "wizard-review": reverse("orgdesign:wizard-review"),
        "wizard-resume": reverse("orgdesign:wizard-resume", args=["bad-token"]),
        "result": reverse("orgdesign:result"),
        "result what-if": reverse("orgdesign:result") + "?what_if=stage:enterprise",
        "login": reverse("orgdesign:login"),
        "signup": reverse("orgdesign:signup"),
        "password_change": reverse("orgdesign:password_change"),
        "password_change_done": reverse("orgdesign:password_change_done"),
        "password_reset": reverse("orgdesign:password_reset"),
        "password_reset_done": reverse("orgdesign:password_reset_done"),
        "password_reset_complete": reverse("orgdesign:password_reset_complete"),
        "password_reset_confirm": reverse(
            "orgdesign:password_reset_confirm", kwargs={"uidb64": "MQ", "token": "bad-token"}
        ),
        "branding": reverse("orgdesign:branding"),
        "account": reverse("orgdesign:account"),
        "client-list": reverse("orgdesign:client-list"),
        "client-list filtered": reverse("orgdesign:client-list") + "?q=ac&advice=nope",
        "client-create": reverse("orgdesign:client-create"),
        "client-detail": reverse("orgdesign:client-detail", args=[acme.pk]),
        "client-update": reverse("orgdesign:client-update", args=[acme.pk]),
        "client-delete": reverse("orgdesign:client-delete", args=[acme.pk]),
        "scenario-create": reverse("orgdesign:scenario-create", kwargs={"client_id": acme.pk}),
        "scenario-compare": reverse("orgdesign:scenario-compare", args=[acme.pk])
        + f"?s={today.pk}&s={bank.pk}",
        "scenario-detail": reverse("orgdesign:scenario-detail", args=[today.pk]),
        "scenario-detail rules updated": reverse("orgdesign:scenario-detail", args=[bank.pk]),
        "scenario-edit": reverse("orgdesign:scenario-edit", kwargs={"scenario_id": today.pk}),
        "scenario-rename": reverse("orgdesign:scenario-rename", args=[today.pk]),
        "scenario-duplicate": reverse("orgdesign:scenario-duplicate", args=[today.pk]),
        "scenario-delete": reverse("orgdesign:scenario-delete", args=[today.pk]),
        "scenario-history": reverse("orgdesign:scenario-history", args=[today.pk]),
        "scenario-version": reverse("orgdesign:scenario-version", args=[today.pk, 1]),
        "scenario-restore": reverse("orgdesign:scenario-restore", args=[today.pk, 1]),
        "scenario-accept-rules": reverse("orgdesign:scenario-accept-rules", args=[bank.pk]),
        "scenario-share": reverse("orgdesign:scenario-share", args=[today.pk]),
        "scenario-voice": reverse("orgdesign:scenario-voice", args=[bank.pk]),
        "share-revoke": reverse("orgdesign:share-revoke", args=[link.pk]),
        "comment-reply": reverse("orgdesign:comment-reply", args=[comment.pk]),
        "shared-scenario": reverse("orgdesign:shared-scenario", args=[link.token]),
        "shared-scenario invalid": reverse("orgdesign:shared-scenario", args=["nope"]),
        "shared-scenario unsigned": reverse("orgdesign:shared-scenario", args=[unsigned.token]),
        "wizard-step missing": reverse("orgdesign:wizard-step", args=["no-such-step"]),
        "firm-members": reverse("orgdesign:firm-members"),
        "member-remove": reverse("orgdesign:member-remove", args=[colleague.pk]),
        "firm-leave": reverse("orgdesign:firm-leave"),
        "invitation-accept": reverse(
            "orgdesign:invitation-accept", args=[invitation_token(invitation)]
        ),
        "invitation-accept anonymous": reverse(
            "orgdesign:invitation-accept", args=[invitation_token(invitation)]
        ),
        "invitation-accept invalid": reverse("orgdesign:invitation-accept", args=["nope"]),
        "invitation-withdraw": reverse("orgdesign:invitation-withdraw", args=[own_invitation.pk]),
        "share-label": reverse("orgdesign:share-label", args=[link.pk]),
        "trash": reverse("orgdesign:trash"),
        "trash viewer": reverse("orgdesign:trash"),
        "trash-client-purge": reverse("orgdesign:trash-client-purge", args=[gone.pk]),
        "trash-scenario-purge": reverse("orgdesign:trash-scenario-purge", args=[old_plan.pk]),
        "branding viewer": reverse("orgdesign:branding"),
    }


def test_every_page_passes_the_nu_html_checker(client, prime_wizard, tmp_path):
    java = shutil.which("java")
    if java is None:
        pytest.skip("Java is not installed: the Nu HTML checker (vnu.jar) runs on Java 17+.")
    assert VNU_JAR.exists(), "vnu.jar is missing: run `make install-dev` (npm install)."
    pages = _pages(client, prime_wizard)
    named = {r.name for r in routes() if r.namespace == "orgdesign" and r.name}
    assert named - set(NOT_PAGES) <= set(pages), "Add the new page to this test."

    anonymous, viewer = Client(), Client()  # the viewer of the owner's firm: read-only pages
    viewer.force_login(get_user_model().objects.get(username="vic"))
    for name, url in pages.items():
        if name.endswith(" viewer"):
            response = viewer.get(url)
        else:
            response = (anonymous if name in ANONYMOUS else client).get(url)
        assert response.status_code in (200, 400, 404), (name, response.status_code)
        assert response["Content-Type"].startswith("text/html"), name
        # No template syntax leaks into a page (a `{# #}` comment is one line only).
        assert not {b"{#", b"#}", b"{%", b"%}"} & set(
            re.findall(rb"{#|#}|{%|%}", response.content)
        ), name
        (tmp_path / f"{name.replace(' ', '-')}.html").write_bytes(response.content)

    checked = subprocess.run(
        [
            java,
            "-Xss4m",
            "-jar",
            str(VNU_JAR),
            "--errors-only",
            "--format",
            "json",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    messages = json.loads(checked.stderr or '{"messages": []}')["messages"]
    errors = [
        f"{Path(m.get('url', '')).name}:{m.get('lastLine', '?')}: {m.get('message', '')}"
        for m in messages
        if m.get("type") == "error"
    ]
    assert errors == [], "\n".join(errors)
    assert len(list(tmp_path.glob("*.html"))) == len(pages)
