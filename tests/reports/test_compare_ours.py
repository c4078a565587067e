"""The comparison in every format (PDF, PowerPoint, Word) carries each scenario's sign-off
and the consultant's voice, in a part of its own apart from the engine's rows; Typst-special
text prints literally, and a new sign-off or a changed voice is a new file."""

import io

import pytest
from django.urls import reverse
from docx import Document
from pptx import Presentation

from orgdesign import selectors
from orgdesign.presenter import OUR_CHART_TITLE
from orgdesign.report_inputs import report_for_comparison
from orgdesign.services import scenario_set_voice
from tests.factories import (
    REGIONAL_BANK,
    SOFTWARE_STARTUP,
    make_client,
    make_scenario,
    make_share_link,
    make_signoff,
)
from tests.reports.test_voice_reports import pdftotext

pytestmark = pytest.mark.django_db

HOSTILE = '#read("/etc/passwd") *bold* $x$ <b>'
TITLE = "*Group* #Technology $Director$ \\ [x]"
OUR_VIEW = "We **agree**, mostly: #set page(width: 1pt) $x$ [link](javascript:alert(1))."


@pytest.fixture
def pair(client, consultant):
    """Two scenarios of one client: the bank signed off (by a signer with a Typst-special
    name) and with our view and an adjusted seat; the startup neither."""
    acme = make_client(owner=consultant, name="Acme")
    bank = make_scenario(client=acme, name="Bank", answers=REGIONAL_BANK)
    startup = make_scenario(client=acme, name="Startup", answers=SOFTWARE_STARTUP)
    scenario_set_voice(
        scenario=bank,
        user=consultant,
        our_view=OUR_VIEW,
        seats={"cio": {"title": TITLE, "reports_to": "cfo", "reason": "risk #first"}},
    )
    bank.refresh_from_db()
    make_signoff(link=make_share_link(scenario=bank), name=HOSTILE, role="Chair")
    return acme, bank, startup


def _url(acme, bank, startup, fmt="pdf") -> str:
    name = "report-compare" if fmt == "pdf" else f"report-compare-{fmt}"
    return reverse(f"orgdesign:{name}", args=[acme.pk]) + f"?s={bank.pk}&s={startup.pk}"


def test_the_comparison_pdf_has_each_scenarios_signoff_and_our_view_apart(client, pair):
    text = pdftotext(client.get(_url(*pair)).content)

    part = text[text.index("Sign-off and our view") : text.index("SCENARIO 1")]
    assert f"1. Bank Signed off: version 2, by {HOSTILE} (Chair)" in part
    assert "CONSULTANT'S ADJUSTMENT" in part.replace("’", "'")
    assert "We agree, mostly: #set page(width: 1pt) $x$ [link](javascript:alert(1))." in part
    assert "Chief Information Officer (CIO) (the engine: reports to the CEO)" in part
    assert f"Our title: {TITLE}" in part
    assert "We adjust: reports to the CFO because risk #first" in part
    assert "2. Startup Not signed off yet." in part
    assert "root:" not in text
    # The engine's side-by-side rows say nothing of ours.
    overview = text[text.index("Overview") : text.index("Sign-off and our view")]
    assert "Our title" not in overview and "Group" not in overview
    # The bank's own chapter marks its seat row as ours, as the scenario report does.
    chapter = " ".join(text[text.index("SCENARIO 1") : text.index("SCENARIO 2")].split())
    assert "Our title:" in chapter and "We adjust:" in chapter
    assert "Our title:" not in text[text.index("SCENARIO 2") :].split("Appendix")[0]


def test_a_new_signoff_or_a_changed_voice_is_a_new_comparison_file(client, pair, consultant):
    acme, bank, startup = pair
    first = client.get(_url(*pair))

    make_signoff(link=make_share_link(scenario=startup), name="Grace Client", role="CEO")
    second = client.get(_url(*pair), headers={"if-none-match": first["ETag"]})
    scenario_set_voice(scenario=startup, user=consultant, our_view="Keep it **lean**.", seats={})
    third = client.get(_url(*pair), headers={"if-none-match": second["ETag"]})

    assert second.status_code == 200 and second["ETag"] != first["ETag"]
    assert "2. Startup Signed off: version 1, by Grace Client (CEO)" in pdftotext(second.content)
    assert third.status_code == 200 and third["ETag"] != second["ETag"]
    # The startup's voice is a new version: its sign-off was of version 1.
    text = pdftotext(third.content)
    assert "Keep it lean." in text
    assert "2. Startup Not signed off yet (version 1 was signed off by Grace Client" in text


def test_the_comparisons_inputs_load_signoffs_and_voices(pair, consultant):
    acme, bank, startup = pair
    scenarios = selectors.scenarios_for_compare(
        user=consultant, client_id=acme.pk, scenario_ids=[bank.pk, startup.pk]
    )

    inputs = report_for_comparison(user=consultant, scenarios=scenarios)

    assert [s.signoff.signed for s in inputs.scenarios] == [True, False]
    assert inputs.scenarios[0].voice["our_view"] == OUR_VIEW
    assert [s.signoff for s in inputs.scenarios] in inputs.identity


def test_powerpoint_comparison_has_a_signoff_slide_and_our_view_slide(client, pair):
    deck = Presentation(io.BytesIO(client.get(_url(*pair, fmt="pptx")).content))
    slides = {
        slide.shapes.title.text: " ".join(
            s.text_frame.text for s in slide.shapes if s.has_text_frame
        )
        for slide in deck.slides
        if slide.shapes.title is not None
    }

    assert f"1. Bank: Signed off: version 2, by {HOSTILE} (Chair)" in slides["Sign-off"]
    assert "2. Startup: Not signed off yet." in slides["Sign-off"]
    ours = slides["Our view: 1. Bank"]
    assert "CONSULTANT'S ADJUSTMENT" in ours.replace("’", "'")
    assert "We agree, mostly: #set page(width: 1pt) $x$" in ours
    assert f"Our title: {TITLE}" in ours
    assert "We adjust: reports to the CFO because risk #first" in ours
    assert "Our view: 2. Startup" not in slides  # no voice, no slide
    assert "Our title" not in slides["Side by side"]


def test_word_comparison_has_signoff_and_our_view_after_the_overview(client, pair):
    doc = Document(io.BytesIO(client.get(_url(*pair, fmt="docx")).content))
    texts = [p.text for p in doc.paragraphs]

    start = texts.index("Sign-off and our view")
    assert texts.index("Overview") < start and texts[start + 1] == "1. Bank"
    part = "\n".join(texts[start : start + 12])
    assert f"Signed off: version 2, by {HOSTILE} (Chair)" in part
    assert "CONSULTANT'S ADJUSTMENT" in part.replace("’", "'")
    assert f"Our title: {TITLE}" in part
    assert "We adjust: reports to the CFO because risk #first" in part
    assert "Not signed off yet." in part
    overview = doc.tables[0]
    assert not any("Our title" in cell.text for row in overview.rows for cell in row.cells)
    # As in the PDF, the scenarios' own chapters keep our marks in their seat tables but
    # do not repeat the "Our view" chapter and our chart.
    assert "Our view" not in texts
    titles = {shape._inline.docPr.get("title") for shape in doc.inline_shapes}
    assert OUR_CHART_TITLE not in titles
    seat_tables = [t for t in doc.tables if t.rows[0].cells[0].text == "Seat"]
    assert any(f"Our title: {TITLE}" in cell.text for cell in seat_tables[0].columns[0].cells)


def test_a_comparison_with_neither_signoff_nor_voice_has_no_such_section():
    from orgdesign.exports import report_docx, report_pptx
    from orgdesign.pdf import ReportMeta, ReportScenario, report_pdf
    from orgdesign.rules import parse_answers, recommend

    items = [
        ReportScenario(name=name, recommendation=recommend(parse_answers(answers)).to_dict())
        for name, answers in (("Bank", REGIONAL_BANK), ("Startup", SOFTWARE_STARTUP))
    ]

    pdf = pdftotext(report_pdf(scenarios=items, meta=ReportMeta()))
    doc = Document(io.BytesIO(report_docx(scenarios=items, meta=ReportMeta())))
    deck = Presentation(io.BytesIO(report_pptx(scenarios=items, meta=ReportMeta())))

    assert "Overview" in pdf and "Sign-off and our view" not in pdf
    assert "Overview" in [p.text for p in doc.paragraphs]
    assert "Sign-off and our view" not in [p.text for p in doc.paragraphs]
    titles = [s.shapes.title.text for s in deck.slides if s.shapes.title is not None]
    assert "Side by side" in titles
    assert not any(t == "Sign-off" or t.startswith("Our view") for t in titles)
