"""The client's sign-off in every report: the scenario's PDF, PowerPoint and Word (who, role,
date, which version, or "not signed off"), the share link's report (its own sign-offs
only), and the client pack's status table listed in its contents."""

import io

import pytest
from django.urls import reverse
from docx import Document
from pptx import Presentation

from orgdesign.models import SignOff
from orgdesign.services import scenario_update
from tests.factories import (
    REGIONAL_BANK,
    make_client,
    make_scenario,
    make_share_link,
    make_signoff,
    make_user,
)
from tests.reports.conftest import pdf_pages, pdf_text

pytestmark = pytest.mark.django_db

HOSTILE = '#read("/etc/passwd") *bold* $x$ <b>'


@pytest.fixture
def signed(client):
    """A scenario signed off at version 1 through a share link, its owner signed in."""
    owner = make_user()
    client.force_login(owner)
    scenario = make_scenario(client=make_client(owner=owner, name="Acme"), name="Today")
    link = make_share_link(scenario=scenario)
    make_signoff(link=link)
    return link


def _day() -> str:
    on = SignOff.objects.latest("created_at").created_at
    return f"{on.day} {on:%B %Y}"


def _download(client, scenario, fmt="pdf") -> bytes:
    name = "report-scenario" if fmt == "pdf" else f"report-scenario-{fmt}"
    return client.get(reverse(f"orgdesign:{name}", args=[scenario.pk])).content


def test_the_scenario_pdf_says_who_signed_off_which_version_and_when(client, signed):
    text = pdf_text(_download(client, signed.scenario))

    assert "Sign-off" in text
    assert "Signed off: version 1, by Ada Board (Chair of the board)" in text
    assert f"1 Ada Board Chair of the board {_day()}" in text  # the table row


def test_a_later_version_pdf_says_it_is_not_signed_off_yet(client, signed):
    scenario = signed.scenario
    before = client.get(reverse("orgdesign:report-scenario", args=[scenario.pk]))
    scenario_update(
        scenario=scenario,
        user=scenario.client.owner,
        answers={**scenario.answers, "stage": "scaleup"},
    )

    after = client.get(reverse("orgdesign:report-scenario", args=[scenario.pk]))

    assert after["ETag"] != before["ETag"]
    assert (
        "Not signed off yet (version 1 was signed off by Ada Board, Chair of the board, on "
        f"{_day()})." in pdf_text(after.content)
    )


def test_a_scenario_never_signed_off_says_so_and_a_new_signoff_is_a_new_report(client):
    owner = make_user()
    client.force_login(owner)
    scenario = make_scenario(client=make_client(owner=owner))
    first = client.get(reverse("orgdesign:report-scenario", args=[scenario.pk]))
    assert "Not signed off yet." in pdf_text(first.content)

    make_signoff(link=make_share_link(scenario=scenario))
    second = client.get(reverse("orgdesign:report-scenario", args=[scenario.pk]))

    assert second["ETag"] != first["ETag"]  # the cache key holds the sign-off
    assert "Signed off: version 1" in pdf_text(second.content)


def test_the_founders_own_result_has_no_signoff_section(client, prime_wizard):
    from tests.factories import SOFTWARE_STARTUP

    prime_wizard(client, answers=dict(SOFTWARE_STARTUP))

    text = pdf_text(client.get(reverse("orgdesign:report-result")).content)

    assert "Executive summary" in text
    assert "Sign-off" not in text and "signed off" not in text


def test_a_share_links_report_shows_the_signoffs_made_through_it_only(client, signed):
    other = make_share_link(scenario=signed.scenario)
    client.logout()

    mine = pdf_text(client.get(reverse("orgdesign:report-shared", args=[signed.token])).content)
    theirs = pdf_text(client.get(reverse("orgdesign:report-shared", args=[other.token])).content)

    assert "Signed off: version 1, by Ada Board" in mine
    assert "Ada Board" not in theirs and "Not signed off yet." in theirs


def test_powerpoint_has_a_signoff_slide(client, signed):
    deck = Presentation(io.BytesIO(_download(client, signed.scenario, "pptx")))
    slide = list(deck.slides)[-1]

    assert slide.shapes.title.text == "Sign-off"
    text = " ".join(s.text_frame.text for s in slide.shapes if s.has_text_frame)
    assert "Signed off: version 1, by Ada Board (Chair of the board)" in text
    assert f"Version 1: Ada Board (Chair of the board), {_day()}" in text


def test_word_has_a_signoff_heading_and_table(client, signed):
    doc = Document(io.BytesIO(_download(client, signed.scenario, "docx")))

    headings = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]
    assert "Sign-off" in headings
    assert headings.index("Sign-off") < headings.index("Appendix: audit trail")
    assert any("Signed off: version 1, by Ada Board" in p.text for p in doc.paragraphs)
    rows = [[cell.text for cell in row.cells] for table in doc.tables for row in table.rows]
    assert ["1", "Ada Board", "Chair of the board", _day()] in rows


def test_the_client_pack_lists_each_scenarios_signoff_status_in_its_contents(client, signed):
    acme = signed.scenario.client
    make_scenario(client=acme, name="Regulated", answers=REGIONAL_BANK)

    pages = pdf_pages(client.get(reverse("orgdesign:report-pack", args=[acme.pk])).content)

    contents = pages[1]  # the table of contents, then the status table below it
    assert contents.index("Contents") < contents.index("Sign-off status")
    assert contents.count("Sign-off status") == 2  # an entry of the contents, and the table
    status = contents[contents.rindex("Sign-off status") :]
    assert "1 Regulated 1 Not signed off yet." in status
    assert "2 Today 1 Signed off: version 1, by Ada Board (Chair of the board)" in status
    # Each scenario's own chapter says it too.
    assert sum(page.count("Sign-off") for page in pages[2:]) == 2


def test_names_typed_in_a_signoff_are_printed_as_text(client):
    owner = make_user()
    client.force_login(owner)
    link = make_share_link(scenario=make_scenario(client=make_client(owner=owner)))
    make_signoff(link=link, name=HOSTILE, role=HOSTILE)

    text = pdf_text(_download(client, link.scenario))
    office = [_download(client, link.scenario, fmt) for fmt in ("pptx", "docx")]

    assert f"by {HOSTILE} ({HOSTILE})" in text
    assert "root:" not in text
    deck = Presentation(io.BytesIO(office[0]))
    assert HOSTILE in " ".join(
        s.text_frame.text for s in list(deck.slides)[-1].shapes if s.has_text_frame
    )
    assert any(HOSTILE in p.text for p in Document(io.BytesIO(office[1])).paragraphs)
