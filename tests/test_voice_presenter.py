"""The consultant's voice in the presenter: "our view" made safe for pages and reports, and
each adjusted seat beside what the engine says of it."""

from orgdesign.orgchart import orgchart_svg
from orgdesign.presenter import (
    OUR_CHART_TITLE,
    our_view_html,
    our_view_nodes,
    reporting_cycle,
    voice,
    voice_boss_choices,
    voice_changes,
    voice_recommendation,
    voice_roles,
)
from orgdesign.rules import parse_answers, recommend
from tests.factories import REGIONAL_BANK, SOFTWARE_STARTUP

HOSTILE = (
    "<script>alert(1)</script> <b onclick=x>raw</b> <img src=x onerror=alert(1)>\n\n"
    "[click](javascript:alert(1)) [data](data:text/html,hi) [vb](JAVASCRIPT:alert(1))\n\n"
    "[ok](https://example.org/a?b=1) [mail](mailto:a@example.org) ![img](https://x.org/i.png)"
)


def bank():
    return recommend(parse_answers(REGIONAL_BANK)).to_dict()


def test_our_view_html_keeps_the_subset_and_makes_everything_else_inert():
    html = our_view_html("We **agree**, *mostly*:\n\n- one\n- two\n\n3. three\n\n# not a heading")

    assert "<strong>agree</strong>" in html
    assert "<em>mostly</em>" in html
    assert "<ul>\n<li>one</li>" in html
    assert '<ol start="3">' in html
    assert "<p># not a heading</p>" in html


def test_scripts_raw_html_and_javascript_links_come_out_as_inert_text():
    html = our_view_html(HOSTILE)

    assert "<script" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<b " not in html and "<img" not in html
    assert "&lt;b onclick=x&gt;raw&lt;/b&gt; &lt;img src=x onerror=alert(1)&gt;" in html
    assert 'href="javascript' not in html.lower() and 'href="data' not in html
    assert "[click](javascript:alert(1))" in html
    assert '<a href="https://example.org/a?b=1" rel="noopener noreferrer nofollow">ok</a>' in html
    assert '<a href="mailto:a@example.org" rel="noopener noreferrer nofollow">mail</a>' in html


def test_our_view_nodes_are_plain_data_with_only_safe_links():
    nodes = our_view_nodes(
        "**Bold *both*** [site](https://example.org)\n\n1. one\n2. [x](javascript:1)"
    )

    para, numbered = nodes
    assert para["children"][0] == {
        "type": "strong",
        "children": [
            {"type": "text", "text": "Bold "},
            {"type": "emph", "children": [{"type": "text", "text": "both"}]},
        ],
    }
    assert para["children"][-1] == {
        "type": "link",
        "href": "https://example.org",
        "children": [{"type": "text", "text": "site"}],
    }
    assert numbered["type"] == "list" and numbered["ordered"] and numbered["start"] == 1
    assert numbered["items"][1] == [
        {"type": "paragraph", "children": [{"type": "text", "text": "[x](javascript:1)"}]}
    ]
    hrefs = [n["href"] for n in our_view_nodes(HOSTILE)[-1]["children"] if n["type"] == "link"]
    assert hrefs == ["https://example.org/a?b=1", "mailto:a@example.org", "https://x.org/i.png"]


def test_an_adjusted_seat_stands_beside_the_engines_seat_and_boss():
    view = voice(
        {
            "our_view": "Ours",
            "seats": {"cio": {"title": "Group IT", "reports_to": "cfo", "reason": "risk"}},
        },
        bank(),
    )

    (seat,) = view.seats
    assert (seat.seat, seat.engine_boss) == ("Chief Information Officer (CIO)", "the CEO")
    assert (seat.our_title, seat.our_boss, seat.reason) == ("Group IT", "the CFO", "risk")
    assert seat.in_advice and not seat.engine_agrees
    assert view.by_code == {"cio": seat} and not view.missing and not view.empty
    assert view.badge == "Consultant's adjustment"


def test_against_advice_without_the_seat_the_adjustment_is_kept_and_flagged():
    startup = recommend(parse_answers(SOFTWARE_STARTUP)).to_dict()
    view = voice({"seats": {"cio": {"title": "Group IT"}}}, startup)

    assert [seat.code for seat in view.missing] == ["cio"]
    assert view.missing[0].engine_boss == ""
    assert view.missing[0].seat == "Chief Information Officer (CIO)"


def test_an_empty_voice_is_empty():
    assert voice({}, bank()).empty
    assert voice(None, bank()).empty


def test_the_bosses_a_seat_may_be_adjusted_to_exclude_itself():
    choices = dict(voice_boss_choices(bank(), "cio"))

    assert "cio" not in choices
    assert choices["cfo"] == "the CFO" and choices["board"] == "the board"


def test_voice_changes_say_what_changed_in_short_phrases():
    old = {"our_view": "a", "seats": {"cio": {"title": "T"}}}
    new = {"our_view": "a", "seats": {"cio": {"title": "T", "reports_to": "cfo", "reason": "r"}}}

    assert voice_changes(old, new) == ["the CIO's line adjusted"]
    assert voice_changes(new, {}) == [
        "Our view changed",
        "our title for the CIO removed",
        "the CIO's line back to the engine's advice",
    ]
    assert voice_changes(new, new) == []


def test_the_adjusted_recommendation_carries_our_titles_and_lines_for_our_chart():
    rec = bank()
    adjusted = voice_recommendation(
        {"seats": {"cio": {"title": "Group IT", "reports_to": "cfo", "reason": "risk"}}}, rec
    )

    assert [(s["code"], s["title"], s["reports_to"]) for s in adjusted["roles"]] == [
        ("cio", "Group IT", "cfo")
    ]
    assert rec["roles"][0]["title"] == "Chief Information Officer (CIO)"  # untouched
    svg = orgchart_svg(adjusted, title=OUR_CHART_TITLE)
    assert f'<title id="orgchart-title">{OUR_CHART_TITLE}</title>' in svg
    assert ">Group IT<" in svg and ">CFO<" in svg


def test_no_adjusted_seat_or_a_circle_of_lines_draws_no_chart_of_ours():
    both = recommend(
        parse_answers(
            {"stage": "enterprise", "industry": "software", "product_focus": "tech_product"}
        )
    ).to_dict()
    lines = {s["code"]: s["reports_to"] for s in both["roles"]}
    circle = {"seats": {"cio": {"reports_to": "cto"}, "cto": {"reports_to": "cio"}}}

    assert voice_recommendation({"our_view": "Words only"}, both) is None
    assert voice_recommendation({"seats": {"combined": {"title": "X"}}}, both) is None
    assert voice_recommendation(circle, both) is None
    assert reporting_cycle(voice_roles(circle, both)) in ("cio", "cto")
    assert reporting_cycle(both["roles"]) == ""
    # The CIO reports to the CTO here: the CTO adjusted to report to the CIO is a circle.
    assert lines == {"cto": "ceo", "cio": "cto"}
    assert voice_recommendation({"seats": {"cto": {"reports_to": "cio"}}}, both) is None
