"""The situations a client would catch in the first minute, each as a consultant says it.

The company profiles come from the source articles (shared/domain.md): a bank that relies
on its CIO (000), a manufacturer with application-development VPs under a CIO and a CTO
for architecture and infrastructure (003), a software startup whose CTO builds the product
(001), a technology company with one CTO per product line (000), a small firm with light IT.
"""

import dataclasses
import inspect
import io
import re
import sys
import tokenize
import types
from pathlib import Path

from orgdesign.rules import engine, parse_answers, recommend, table
from orgdesign.rules import vocabulary as vocab


def advise(**answers):
    return recommend(parse_answers(answers))


def what_ifs(rec):
    """Every what-if sentence: single answers and pairs."""
    texts = [change.text for item in rec.sensitivity.items for change in item.changes]
    return texts + [pair.text for pair in rec.sensitivity.pairs]


def seats(rec):
    return [(seat.code, seat.reports_to) for seat in rec.roles]


BANK = {"stage": "mid_size", "industry": "finance", "product_focus": "internal"}
BANK |= {"internal_it": "heavy"}
MANUFACTURER = {"stage": "enterprise", "industry": "manufacturing", "product_focus": "internal"}
MANUFACTURER |= {"internal_it": "heavy", "internal_app_dev": True}
STARTUP = {"stage": "startup", "industry": "software", "product_focus": "tech_product"}
TECH_COMPANY = {"stage": "enterprise", "industry": "software", "product_focus": "tech_product"}
LAW_FIRM = {"stage": "startup", "industry": "professional_services", "product_focus": "internal"}
LAW_FIRM |= {"internal_it": "light"}


def test_a_400_person_bank_that_wants_one_executive_keeps_its_cio():
    rec = advise(**BANK, single_leader=True)

    assert rec.role_model == "cio"
    assert seats(rec) == [("cio", "ceo")]
    assert rec.headline == "Lead technology with a CIO, reporting to the CEO."
    assert "product" not in rec.roles[0].focus.lower()
    reasons = {reason.rule: reason.text for reason in rec.rationale}
    assert "Banks and insurers usually rely on a CIO" in reasons["context.bank-cio"]
    assert "the wish changes nothing here" in reasons["context.one-executive-cio"]
    # Neither with the wish nor without it is one combined leader offered.
    plain_bank = advise(**BANK)
    for result in (rec, plain_bank):
        assert "single_leader" not in {item.key for item in result.sensitivity.items}
        assert not [text for text in what_ifs(result) if "one accountable" in text]
    assert plain_bank.roles == rec.roles


def test_a_3000_person_manufacturer_that_wants_one_executive_keeps_its_app_dev_vps():
    rec = advise(**MANUFACTURER, single_leader=True)
    without_wish = advise(**MANUFACTURER)

    assert rec.role_model == "both"
    assert seats(rec) == [("cio", "coo"), ("cto", "cio")]
    cio, cto = rec.roles
    assert "VPs of application development, one per business area" in cio.direct_reports
    assert cto.focus.startswith("Architecture, infrastructure")
    assert rec.roles == without_wish.roles
    assert rec.headline == without_wish.headline
    assert [r.rule for r in rec.rationale if r.rule != "context.one-executive-cio"] == [
        r.rule for r in without_wish.rationale
    ]


def test_a_20_person_software_startup_with_a_cto_is_not_borderline():
    rec = advise(**STARTUP, current_leadership="cto")

    assert seats(rec) == [("cto", "ceo")]
    assert rec.sensitivity.robust is True
    assert rec.sensitivity.borderline_keys == ()
    assert rec.sensitivity.summary.startswith("Robust")
    assert [step.text for step in rec.transition.steps] == [
        "Keep your CTO; confirm the seat reports to the CEO."
    ]


def test_two_product_lines_are_not_borderline_at_6_or_50_lines():
    for lines in (6, 50):
        rec = advise(**TECH_COMPANY, product_lines=lines)
        assert rec.sensitivity.robust is True, lines
        assert "product_lines" not in rec.sensitivity.borderline_keys

    two = advise(**TECH_COMPANY, product_lines=2)
    assert two.sensitivity.borderline_keys == ("product_lines",)
    assert two.sensitivity.summary == (
        "Borderline: one step in product lines would change which executives you need."
    )
    item = next(item for item in two.sensitivity.items if item.key == "product_lines")
    (change,) = item.changes
    assert (change.value, change.several_ctos, change.neighbour) == (3, True, True)
    assert change.text == (
        "With 3 or more product lines, the advice would be a CIO and one CTO per product "
        "line instead of both a CIO and a CTO."
    )
    # One line is two steps from the threshold: not borderline.
    assert advise(**TECH_COMPANY, product_lines=1).sensitivity.robust is True


def test_with_a_cto_today_and_regulated_data_the_watch_out_is_about_today_and_resolved_by_the_plan():  # noqa: E501
    rec = advise(
        stage="scaleup",
        industry="software",
        product_focus="tech_product",
        regulated=True,
        current_leadership="cto",
    )

    assert {seat.code for seat in rec.roles} == {"cto", "cio"}
    cio = next(seat for seat in rec.roles if seat.code == "cio")
    assert "Chief Information Security Officer (CISO)" in cio.direct_reports
    (conflict,) = rec.transition.conflicts
    assert conflict.text.startswith("Today information security sits with the product side")
    assert conflict.resolution == (
        "In the plan the CIO owns internal security; name who does that work until then."
    )
    assert "nobody's job" not in conflict.text + conflict.resolution
    assert [step.text for step in rec.transition.steps] == [
        "Keep your CTO; confirm the seat reports to the CEO.",
        "Hire a CIO, reporting to the CEO.",
    ]


def test_six_product_line_ctos_report_to_their_lines_and_no_reason_gives_the_cto_the_ceo_line():
    rec = advise(**TECH_COMPANY, product_lines=6)

    assert seats(rec) == [("cto", "product_line")] * 6 + [("cio", "ceo")]
    assert [seat.title for seat in rec.roles[:6]] == [f"CTO, product line {n}" for n in range(1, 7)]
    assert rec.headline == (
        "Appoint a CIO for the whole company, reporting to the CEO, and a CTO for each of "
        "your 6 product lines, each reporting into their line."
    )
    for reason in rec.rationale:
        assert "direct line" not in reason.text, reason.rule
        assert ("cto", "ceo") not in table_rule(reason.rule).claims
        assert "4 product lines" not in reason.matched
    per_line = next(r for r in rec.rationale if r.rule == "structure.cto-per-line")
    assert per_line.matched == (
        "an enterprise",
        "technology is what you sell",
        "3 or more product lines",
    )


def table_rule(rule_id):
    return next(rule for rules in table.ALL_TABLES.values() for rule in rules if rule.id == rule_id)


def test_the_cio_led_ctos_skills_and_areas_are_architecture_and_infrastructure():
    rec = advise(**MANUFACTURER)

    skills = {item.code: item.skills for item in rec.skills}
    assert "Enterprise architecture and technology standards" in skills["cto"]
    assert "Running infrastructure and operations at scale" in skills["cto"]
    assert "Product management" not in skills["cto"]
    assert "Working with marketing, design and sales" not in skills["cto"]
    # Nothing is sold: no area has a product side, and each has one owner.
    assert [(a.area, a.internal.owner, a.product.owner) for a in rec.responsibilities] == [
        ("digital_transformation", "cio", ""),
        ("cybersecurity", "cio", ""),
        ("data_management", "cio", ""),
        ("innovation_strategy", "cto", ""),
    ]


def test_a_30_person_law_firm_is_told_to_hire_the_head_of_it_its_seat_names():
    rec = advise(**LAW_FIRM)

    (seat,) = rec.roles
    assert (seat.code, seat.variant) == ("cio", "lead")
    assert seat.title == "Head of IT, growing into the CIO seat"
    assert rec.headline == "Lead technology with a head of IT, reporting to the CEO."
    assert [step.text for step in rec.transition.steps] == [
        "Hire a head of IT, reporting to the CEO."
    ]
    assert "CIO" not in rec.headline


WOULD_BE = re.compile(r"(?:would be|would report to) (.+?) instead of (.+?)(?:;|\.$)")


def test_what_if_never_says_the_advice_would_be_what_it_already_is():
    profiles = [BANK, MANUFACTURER, STARTUP, TECH_COMPANY, LAW_FIRM]
    checked = 0
    for profile in profiles:
        for lines in (1, 2, 6):
            for wish in (False, True):
                rec = advise(**profile, product_lines=lines, single_leader=wish)
                advice = vocab.shape_term(
                    rec.role_model, any(s.variant == "line" for s in rec.roles)
                ).a
                for text in what_ifs(rec) + list(rec.revisit):
                    for new, old in WOULD_BE.findall(text):
                        checked += 1
                        assert new != old, text
                    assert f"the advice would be {advice} instead" not in text, text
    assert checked > 100
    both = advise(**TECH_COMPANY, product_lines=2)
    assert not [t for t in what_ifs(both) if "would be both a CIO and a CTO" in t]


def test_reasons_list_the_answers_they_matched():
    rec = advise(**MANUFACTURER)

    matched = {reason.rule: reason.matched for reason in rec.rationale}
    assert matched["model.enterprise-internal"] == (
        "an enterprise",
        "technology runs internal operations",
    )
    assert matched["reports.cio-coo"] == ("manufacturing",)
    assert "many in-house business applications" in matched["team.appdev-vps"]
    bank = advise(**BANK)
    regulated = next(r for r in bank.rationale if r.rule == "reports.cio-regulated-ceo")
    assert regulated.matched == ("regulated or sensitive data",)


def _table_without_comments(monkeypatch):
    """table.py run again from its source with every comment removed and blank lines
    added: what a reformat or a reworded comment would give."""
    source = Path(table.__file__).read_text(encoding="utf-8")
    every = list(tokenize.generate_tokens(io.StringIO(source).readline))
    tokens = [tok for tok in every if tok.type != tokenize.COMMENT]
    assert len(every) - len(tokens) > 50  # the tables do carry comments
    stripped = tokenize.untokenize(tokens).replace("\n\n", "\n\n\n")
    module = types.ModuleType("table_without_comments")
    module.__package__ = table.__package__  # its relative imports resolve as table.py's
    module.__spec__ = table.__spec__
    monkeypatch.setitem(sys.modules, module.__name__, module)  # dataclasses look it up
    exec(compile(stripped, "table_without_comments", "exec"), module.__dict__)  # noqa: S102
    return module


def test_ruleset_version_ignores_comments_and_changes_with_any_sentence(monkeypatch):
    before = engine._version()
    assert before == engine.RULESET_VERSION

    # The version is computed from the rule data, never read from a file.
    source = inspect.getsource(engine._version)
    for reading in ("read_bytes", "read_text", "open(", "getsource", "__file__"):
        assert reading not in source

    # Comments and layout: the same rules give the same version.
    bare = _table_without_comments(monkeypatch)
    monkeypatch.setattr(engine, "ALL_TABLES", bare.ALL_TABLES)
    monkeypatch.setattr(engine, "DERIVED", bare.DERIVED)
    monkeypatch.setattr(engine, "AtLeast", bare.AtLeast)
    assert engine._version() == before
    monkeypatch.undo()

    # Any reworded reason gives a new version, and putting it back restores the old one.
    rule = table.MODEL_RULES[0]
    reworded = dataclasses.replace(rule, reason=rule.reason + " Reworded.")
    monkeypatch.setitem(table.ALL_TABLES, "model", (reworded, *table.MODEL_RULES[1:]))
    assert engine._version() != before
    monkeypatch.setitem(table.ALL_TABLES, "model", table.MODEL_RULES)
    assert engine._version() == before

    # So does any sentence the engine writes around the rules' words.
    monkeypatch.setitem(vocab.SENTENCES, "robust", vocab.SENTENCES["robust"] + "!")
    assert engine._version() != before


def test_every_code_has_every_form():
    for where, term in vocab.every_term():
        for form in ("short", "title", "the", "a", "badge"):
            assert getattr(term, form).strip(), f"{where} has no {form} form"
        assert term.the[0].islower() and term.a[0].islower(), where
    for question in vocab.QUESTIONS.values():
        assert question.label and question.words, question.key
        for value in question.values:
            assert value.label and value.short and value.condition, (question.key, value)
    for current in vocab.QUESTIONS["current_leadership"].values:
        assert current.value in vocab.CURRENT_NAMES and current.value in vocab.CURRENT_SEATS

    # Every code a table hands out has its words.
    for rule in table.MODEL_RULES + table.LEADER_RULES:
        assert rule.then in vocab.ROLE_MODELS, rule.id
    for rule in table.REPORTING_RULES:
        seat, boss = rule.then
        assert (seat, "full") in vocab.SEATS and boss in vocab.BOSSES, rule.id
    for rule in table.TITLE_RULES:
        seat, variant = rule.then
        codes = vocab.SEAT_CODES if seat == "*" else (seat,)
        assert all((code, variant) in vocab.SEATS for code in codes), rule.id
    for rule in table.FOCUS_RULES + table.TEAM_RULES + table.SKILL_RULES:
        assert rule.then[0] in vocab.SEAT_CODES, rule.id
    for code in vocab.SEAT_CODES:
        assert code in vocab.CURRENT_NAMES, code
