"""The consultant's voice in every report format: the PDF (scenario report and client pack),
PowerPoint and Word; "our view" and seat titles reach Typst as data, never as markup."""

import io
import shutil
import subprocess

import pytest
from django.urls import reverse
from docx import Document
from pptx import Presentation

from orgdesign.exports import report_docx, report_pptx
from orgdesign.pdf import (
    ReportBranding,
    ReportMeta,
    ReportScenario,
    client_pack_pdf,
    report_data,
    report_pdf,
)
from orgdesign.rules import parse_answers, recommend
from orgdesign.services import scenario_set_voice
from tests.factories import (
    REGIONAL_BANK,
    SOFTWARE_STARTUP,
    make_client,
    make_scenario,
    make_share_link,
)
from tests.reports.conftest import alt_texts, pdf_pages, pdf_text, struct_headings

TYPST_SPECIAL = "*bold* #sys.exit() $x$ \\ Group Technology Director"
OUR_VIEW = (
    "We **agree** with the engine, *mostly*.\n\n"
    "- keep `#sys.exit()` and $x$ as text\n- second point\n\n"
    "1. first step\n"
    "2. read [the guidance](https://example.org/guide) or [write](mailto:a@example.org)\n\n"
    "<script>alert(1)</script> [click](javascript:alert(1)) = [not a link]"
)
VOICE = {
    "our_view": OUR_VIEW,
    "seats": {
        "cio": {"title": TYPST_SPECIAL, "reports_to": "cfo", "reason": "the CFO runs risk #here"}
    },
}


def bank(voice=VOICE, name="Bank"):
    return ReportScenario(
        name=name,
        recommendation=recommend(parse_answers(REGIONAL_BANK)).to_dict(),
        version=2,
        voice=voice,
    )


def pdftotext(data: bytes) -> str:
    """The PDF's text as poppler reads it (pypdf when poppler-utils is not installed)."""
    binary = shutil.which("pdftotext")
    if binary is None:
        return pdf_text(data)
    out = subprocess.run([binary, "-", "-"], input=data, capture_output=True, check=True)
    return " ".join(out.stdout.decode().replace("\u200b", "").split())


def test_the_pdf_prints_our_view_and_typst_special_text_literally():
    pdf = report_pdf(scenarios=[bank()], meta=ReportMeta(client_name="Acme"))
    text = pdftotext(pdf)

    assert "CONSULTANT'S ADJUSTMENT" in text.replace("’", "'")
    assert "We agree with the engine, mostly." in text
    assert "keep `#sys.exit()` and $x$ as text" in text
    assert "1. first step" in text and "read the guidance or write" in text
    assert "<script>alert(1)</script> [click](javascript:alert(1)) = [not a link]" in text
    # The seat title with Typst's own syntax, printed as typed: in the adjustments table, in
    # our chart's box and beside the engine's seat in the seats table.
    assert text.count("*bold* #sys.exit() $x$ \\ Group Technology Director") == 3
    assert "Our title: *bold* #sys.exit() $x$ \\ Group Technology Director" in text
    assert "We adjust: the CFO" in text
    assert "Reports to the CFO Because the CFO runs risk #here" in text
    assert "Chief Information Officer (CIO) *bold*" in text
    assert "Reports to the CEO" in text  # the engine's line, beside ours


def test_our_view_is_a_tagged_chapter_after_the_summary_and_before_the_seats():
    pdf = report_pdf(scenarios=[bank()], meta=ReportMeta(client_name="Acme"))

    headings = struct_headings(pdf)
    assert headings.index("Executive summary") < headings.index("Our view")
    assert headings.index("Our view") < headings.index("Seats we adjust")
    assert headings.index("Seats we adjust") < headings.index("Seats and reporting lines")


def test_the_pdf_links_only_the_addresses_the_presenter_let_through():
    from pypdf import PdfReader

    pdf = report_pdf(scenarios=[bank()], meta=ReportMeta())
    uris = [
        annot.get_object()["/A"]["/URI"]
        for page in PdfReader(io.BytesIO(pdf)).pages
        for annot in page.get("/Annots", []) or []
        if "/A" in annot.get_object()
    ]
    assert sorted(uris) == ["https://example.org/guide", "mailto:a@example.org"]


def test_a_report_without_our_view_has_no_such_chapter():
    pdf = report_pdf(scenarios=[bank(voice={})], meta=ReportMeta())
    data = report_data(
        kind="scenario", scenarios=[bank(voice={})], meta=ReportMeta(), branding=ReportBranding()
    )

    assert data["scenarios"][0]["voice"] is None
    assert "Our view" not in pdf_text(pdf) and "Our title" not in pdf_text(pdf)


def test_an_adjustment_of_a_seat_the_advice_lacks_is_printed_and_flagged():
    startup = ReportScenario(
        name="Startup",
        recommendation=recommend(parse_answers(SOFTWARE_STARTUP)).to_dict(),
        voice=VOICE,
    )
    text = pdftotext(report_pdf(scenarios=[startup], meta=ReportMeta()))

    assert "No longer in this advice: our adjustment is kept; check it" in text


def test_the_client_pack_carries_each_scenarios_own_voice():
    pdf = client_pack_pdf(
        scenarios=[bank(), bank(voice={"our_view": "Only the second view"}, name="Other")],
        meta=ReportMeta(client_name="Acme"),
    )
    pages = pdf_pages(pdf)

    with_first = [i for i, page in enumerate(pages) if "We agree with the engine" in page]
    with_second = [i for i, page in enumerate(pages) if "Only the second view" in page]
    assert with_first and with_second and with_first[0] < with_second[0]
    assert struct_headings(pdf).count("Our view") == 2


def test_powerpoint_has_an_our_view_slide_with_formatting_and_safe_links():
    deck = Presentation(io.BytesIO(report_pptx(scenarios=[bank()], meta=ReportMeta())))
    slides = [
        s for s in deck.slides if s.shapes.title is not None and s.shapes.title.text == "Our view"
    ]

    (slide,) = slides
    runs = [
        run
        for shape in slide.shapes
        if shape.has_text_frame
        for para in shape.text_frame.paragraphs
        for run in para.runs
    ]
    text = "".join(run.text for run in runs)
    assert "CONSULTANT'S ADJUSTMENT" in text
    assert [r.text for r in runs if r.font.bold and r.text == "agree"] == ["agree"]
    assert [r.text for r in runs if r.font.italic] == ["mostly"]
    assert {r.hyperlink.address for r in runs if r.hyperlink.address} == {
        "https://example.org/guide",
        "mailto:a@example.org",
    }
    assert "[click](javascript:alert(1))" in text
    assert (
        "Chief Information Officer (CIO) (the engine: reports to the CEO): our title: "
        f"{TYPST_SPECIAL}; we adjust: reports to the CFO, because the CFO runs risk #here" in text
    )


def test_word_has_an_our_view_section_and_marks_the_seat_row_as_ours():
    doc = Document(io.BytesIO(report_docx(scenarios=[bank()], meta=ReportMeta())))
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]
    texts = [p.text for p in doc.paragraphs]

    assert headings.index("Our view") < headings.index("Seats and reporting lines")
    assert "We agree with the engine, mostly." in texts
    assert "2. read the guidance or write" in texts
    links = {rel.target_ref for rel in doc.part.rels.values() if rel.reltype.endswith("/hyperlink")}
    assert links == {"https://example.org/guide", "mailto:a@example.org"}
    adjusted, seats = doc.tables[0], doc.tables[1]
    assert [c.text for c in adjusted.rows[1].cells] == [
        "Chief Information Officer (CIO)\nReports to the CEO",
        TYPST_SPECIAL,
        "Reports to the CFO, because the CFO runs risk #here",
    ]
    assert (
        seats.rows[1].cells[0].text
        == f"Chief Information Officer (CIO)\nOur title: {TYPST_SPECIAL}"
    )
    assert seats.rows[1].cells[1].text == (
        "the CEO\nWe adjust: reports to the CFO, because the CFO runs risk #here"
    )


@pytest.mark.django_db
def test_the_downloads_carry_the_voice_and_a_changed_voice_is_a_new_file(client, consultant):
    scenario = make_scenario(
        client=make_client(owner=consultant), answers=REGIONAL_BANK, name="Bank"
    )
    url = reverse("orgdesign:report-scenario", args=[scenario.pk])
    before = client.get(url)

    scenario_set_voice(scenario=scenario, user=consultant, our_view="Our **firm** view", seats={})
    after = client.get(url, headers={"if-none-match": before["ETag"]})
    link = make_share_link(scenario=scenario)
    shared = client.get(reverse("orgdesign:report-shared", args=[link.token]))
    docx = client.get(reverse("orgdesign:report-scenario-docx", args=[scenario.pk]))

    assert after.status_code == 200 and after["ETag"] != before["ETag"]
    assert "Our firm view" in pdf_text(after.content)
    assert "Our firm view" not in pdf_text(before.content)
    assert "Our firm view" in pdf_text(shared.content)
    assert "Our firm view" in [p.text for p in Document(io.BytesIO(docx.content)).paragraphs]


def test_our_chart_is_a_figure_of_its_own_with_its_own_alternative_text():
    pdf = report_pdf(scenarios=[bank()], meta=ReportMeta())

    alts = alt_texts(pdf)
    assert alts[0].startswith("Recommended organisation chart. Chief Information Officer (CIO)")
    ours = [alt for alt in alts if alt.startswith("The structure as we adjust it.")]
    assert ours == [f"The structure as we adjust it. {TYPST_SPECIAL} reports to the CFO; team: "
                    "Chief Information Security Officer (CISO)."]  # fmt: skip
    assert "The structure as we adjust it: drawn with our titles and lines." in pdf_text(pdf)


def test_office_files_draw_our_chart_apart_from_the_engines():
    deck = Presentation(io.BytesIO(report_pptx(scenarios=[bank()], meta=ReportMeta())))
    titles = [s.shapes.title.text for s in deck.slides if s.shapes.title is not None]
    doc = Document(io.BytesIO(report_docx(scenarios=[bank()], meta=ReportMeta())))
    pictures = [shape._inline.docPr.get("title") for shape in doc.inline_shapes]

    assert titles.index("The recommendation") < titles.index("Our view")
    assert titles.index("Our view") + 1 == titles.index("The structure as we adjust it")
    slide = deck.slides[titles.index("The structure as we adjust it")]
    boxes = [shape.name for shape in slide.shapes if shape.name.startswith("seat: ")]
    assert boxes == [f"seat: {TYPST_SPECIAL}"]
    assert pictures == ["Recommended organisation chart", "The structure as we adjust it"]
