"""The rule tables, read as a decision table: answers in, the properties a reader expects."""

import itertools

import pytest

from orgdesign.rules import parse_answers, recommend
from orgdesign.rules.answers import INDUSTRIES, PRODUCT_FOCUSES, STAGES
from orgdesign.rules.table import ALL_TABLES, MODEL_RULES

# (stage, product_focus) -> role model, with every other answer at its default and a
# non-regulated industry. This is the heart of the advice; change it only on purpose.
EXPECTED_MODEL = {
    ("startup", "tech_product"): "cto",
    ("startup", "tech_enabled"): "combined",
    ("startup", "internal"): "cio",
    ("scaleup", "tech_product"): "cto",
    ("scaleup", "tech_enabled"): "combined",
    ("scaleup", "internal"): "cio",
    ("mid_size", "tech_product"): "both",
    ("mid_size", "tech_enabled"): "both",
    ("mid_size", "internal"): "cio",
    ("enterprise", "tech_product"): "both",
    ("enterprise", "tech_enabled"): "both",
    ("enterprise", "internal"): "both",
}


def advise(**answers):
    return recommend(parse_answers(answers))


@pytest.mark.parametrize(("stage", "focus"), sorted(EXPECTED_MODEL))
def test_every_stage_and_focus_gets_the_expected_role_model(stage, focus):
    rec = advise(stage=stage, industry="other", product_focus=focus)
    assert rec.role_model == EXPECTED_MODEL[(stage, focus)]
    assert rec.rationale[0].rule.startswith("model.")


def test_the_expected_table_covers_every_stage_and_focus():
    stages = [v for v, _ in STAGES]
    focuses = [v for v, _ in PRODUCT_FOCUSES]
    assert set(EXPECTED_MODEL) == set(itertools.product(stages, focuses))


@pytest.mark.parametrize("industry", [v for v, _ in INDUSTRIES])
def test_every_industry_gets_a_complete_recommendation(industry):
    rec = advise(stage="mid_size", industry=industry, product_focus="tech_enabled")
    assert rec.role_model == "both"
    assert {seat.code for seat in rec.roles} == {"cio", "cto"}
    assert all(seat.reports_to for seat in rec.roles)
    regulated = industry in ("finance", "healthcare")
    assert rec.answers.regulated is regulated
    assert any(r.rule == "context.regulated" for r in rec.rationale) is regulated


def test_seats_match_the_role_model():
    for (stage, focus), model in EXPECTED_MODEL.items():
        rec = advise(stage=stage, industry="other", product_focus=focus)
        codes = sorted(seat.code for seat in rec.roles)
        assert (
            codes
            == {"cio": ["cio"], "cto": ["cto"], "both": ["cio", "cto"], "combined": ["combined"]}[
                model
            ]
        )


def test_a_software_startup_has_a_cto_reporting_to_the_ceo():
    rec = advise(stage="startup", industry="software", product_focus="tech_product")
    assert [(s.code, s.reports_to) for s in rec.roles] == [("cto", "ceo")]
    assert rec.headline == "Lead technology with a CTO, reporting to the CEO."


def test_a_regulated_fintech_startup_gets_one_leader_who_owns_compliance():
    rec = advise(stage="startup", industry="finance", product_focus="tech_product")
    assert rec.role_model == "combined"
    assert rec.roles[0].reports_to == "ceo"
    assert "compliance" in rec.roles[0].focus
    assert "Security and compliance lead" in rec.roles[0].direct_reports


def test_a_scaleup_adds_a_cio_when_internal_it_gets_heavy():
    light = advise(stage="scaleup", industry="software", product_focus="tech_product")
    heavy = advise(
        stage="scaleup", industry="software", product_focus="tech_product", internal_it="heavy"
    )
    assert light.role_model == "cto"
    assert heavy.role_model == "both"
    assert heavy.rationale[0].rule == "model.scaleup-internal-demand"


def test_in_a_software_company_the_cio_reports_to_the_cto():
    rec = advise(stage="mid_size", industry="software", product_focus="tech_product")
    bosses = {s.code: s.reports_to for s in rec.roles}
    assert bosses == {"cto": "ceo", "cio": "cto"}


def test_a_regulated_cio_reports_to_the_ceo_with_a_ciso():
    rec = advise(stage="mid_size", industry="healthcare", product_focus="internal")
    (cio,) = rec.roles
    assert cio.reports_to == "ceo"
    assert "Chief Information Security Officer (CISO)" in cio.direct_reports


def test_an_efficiency_led_cio_reports_to_the_coo_or_the_cfo():
    factory = advise(stage="mid_size", industry="manufacturing", product_focus="internal")
    firm = advise(stage="mid_size", industry="professional_services", product_focus="internal")
    assert factory.roles[0].reports_to == "coo"
    assert firm.roles[0].reports_to == "cfo"


def test_retail_splits_the_storefront_and_the_back_end():
    rec = advise(stage="mid_size", industry="retail", product_focus="tech_enabled")
    focus = {s.code: s.focus for s in rec.roles}
    assert "e-commerce" in focus["cto"]
    assert "supply chain" in focus["cio"]


def test_several_product_lines_get_one_cto_each_and_one_cio():
    rec = advise(
        stage="enterprise", industry="software", product_focus="tech_product", product_lines=4
    )
    ctos = [s for s in rec.roles if s.code == "cto"]
    cios = [s for s in rec.roles if s.code == "cio"]
    assert len(ctos) == 4 and len(cios) == 1
    assert {s.reports_to for s in ctos} == {"product_line"}
    assert cios[0].reports_to == "ceo"
    assert "4 product lines" in rec.headline


def test_two_product_lines_keep_one_cto():
    rec = advise(
        stage="enterprise", industry="software", product_focus="tech_product", product_lines=2
    )
    assert [s.code for s in rec.roles].count("cto") == 1


def test_an_internal_enterprise_puts_the_cto_under_the_cio():
    rec = advise(
        stage="enterprise", industry="energy", product_focus="internal", internal_app_dev=True
    )
    bosses = {s.code: s.reports_to for s in rec.roles}
    assert bosses["cto"] == "cio"
    cio = next(s for s in rec.roles if s.code == "cio")
    assert "VPs of application development, one per business area" in cio.direct_reports


def test_wanting_one_executive_gives_a_combined_role_at_any_size_but_startup():
    big = advise(
        stage="enterprise", industry="software", product_focus="tech_product", single_leader=True
    )
    small = advise(
        stage="startup", industry="software", product_focus="tech_product", single_leader=True
    )
    assert big.role_model == "combined"
    assert small.role_model == "cto"


def test_the_responsibility_split_gives_each_side_to_its_seat():
    rec = advise(stage="enterprise", industry="retail", product_focus="tech_enabled")
    rows = {r.area: r for r in rec.responsibilities}
    assert set(rows) == {
        "digital_transformation",
        "cybersecurity",
        "data_management",
        "innovation_strategy",
    }
    assert all(r.internal.owner == "cio" and r.product.owner == "cto" for r in rows.values())
    assert rows["cybersecurity"].lead == "cio"
    assert rows["innovation_strategy"].lead == "cto"


def test_every_seat_has_skills_to_hire_for():
    rec = advise(stage="mid_size", industry="finance", product_focus="tech_product")
    skills = {s.code: s.skills for s in rec.skills}
    assert set(skills) == {"cio", "cto"}
    assert "Regulatory and data-governance expertise" in skills["cio"]
    assert "Product management" in skills["cto"]


def test_rule_ids_are_unique_and_every_rule_cites_a_source():
    ids = [rule.id for rules in ALL_TABLES.values() for rule in rules]
    assert len(ids) == len(set(ids))
    for rules in ALL_TABLES.values():
        for rule in rules:
            assert rule.source, rule.id
            assert all(
                part.strip() in {"000", "001", "002", "003", "004"}
                for part in rule.source.split(",")
            )


def test_every_model_rule_is_reachable():
    fired = set()
    for stage, industry, focus, regulated, heavy, single in itertools.product(
        [v for v, _ in STAGES],
        ["software", "finance"],
        [v for v, _ in PRODUCT_FOCUSES],
        [True, False],
        ["moderate", "heavy"],
        [True, False],
    ):
        rec = advise(
            stage=stage,
            industry=industry,
            product_focus=focus,
            regulated=regulated,
            internal_it=heavy,
            single_leader=single,
        )
        fired.add(rec.rationale[0].rule)
    assert {rule.id for rule in MODEL_RULES} <= fired
