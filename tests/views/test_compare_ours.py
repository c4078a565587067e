"""The compare page shows each scenario's sign-off and the consultant's voice in a section of
its own, as the comparison reports do, never among the engine's answer rows."""

import re

import pytest
from django.urls import reverse

from orgdesign.services import scenario_set_voice
from tests.factories import (
    REGIONAL_BANK,
    SOFTWARE_STARTUP,
    make_client,
    make_scenario,
    make_share_link,
    make_signoff,
)

pytestmark = pytest.mark.django_db


def _page(client, acme, *scenarios) -> str:
    url = reverse("orgdesign:scenario-compare", args=[acme.pk])
    return client.get(url + "?" + "&".join(f"s={s.pk}" for s in scenarios)).content.decode()


def test_the_compare_page_shows_signoff_and_our_view_apart_from_the_answers(client, consultant):
    acme = make_client(owner=consultant, name="Acme")
    bank = make_scenario(client=acme, name="Bank", answers=REGIONAL_BANK)
    startup = make_scenario(client=acme, name="Startup", answers=SOFTWARE_STARTUP)
    scenario_set_voice(
        scenario=bank,
        user=consultant,
        our_view="We **agree**.\n\n<script>alert(1)</script> [x](javascript:alert(1))",
        seats={"cio": {"title": "Head of <IT>", "reports_to": "cfo", "reason": "risk & audit"}},
    )
    make_signoff(link=make_share_link(scenario=bank), name="Ada <b>Board</b>", role="Chair")

    html = _page(client, acme, bank, startup)

    section = html[html.index('id="cmp-ours-title"') : html.index('id="cmp-structure-title"')]
    assert "Sign-off and our view" in section
    assert (
        '<span class="badge text-bg-success">Signed off</span> Signed off: version 2, by '
        "Ada &lt;b&gt;Board&lt;/b&gt; (Chair)" in section
    )
    assert '<span class="badge voice-badge">Consultant&#x27;s adjustment</span>' in section
    assert "<p>We <strong>agree</strong>.</p>" in section
    assert "<script>" not in section and 'href="javascript' not in section
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in section
    assert "Our title: Head of &lt;IT&gt;" in section
    assert "We adjust: reports to the CFO because risk &amp; audit" in section
    assert "(the engine: reports to the CEO)" in section
    startup_card = section[section.index("2. Startup") :]
    assert "Not signed off yet." in startup_card
    assert "No view of ours on this scenario." in startup_card
    # The engine's answer rows stay the engine's.
    answers = html[html.index('id="cmp-answers-title"') : html.index('id="cmp-ours-title"')]
    assert "Head of" not in answers and "Consultant" not in answers
    assert len(re.findall(r'class="card h-100 compare-ours"', section)) == 2
