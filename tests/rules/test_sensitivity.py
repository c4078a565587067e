"""What would change the advice, and the steps from today's structure."""

from orgdesign.rules import parse_answers, recommend


def advise(**answers):
    return recommend(parse_answers(answers))


def changes(rec, key):
    item = next((i for i in rec.sensitivity.items if i.key == key), None)
    return {} if item is None else {c.value: c.role_model for c in item.changes}


def test_a_midsize_manufacturer_would_need_both_roles_at_enterprise_stage():
    rec = advise(stage="mid_size", industry="manufacturing", product_focus="internal")
    assert changes(rec, "stage") == {"enterprise": "both"}
    item = next(i for i in rec.sensitivity.items if i.key == "stage")
    assert item.changes[0].text == (
        "At the enterprise stage, the advice would be both a CIO and a CTO."
    )
    assert rec.sensitivity.robust is False
    assert "stage" in rec.sensitivity.borderline_keys


def test_a_change_far_from_the_threshold_is_not_borderline():
    rec = advise(stage="enterprise", industry="retail", product_focus="tech_enabled")
    # Only a jump back to startup or scale-up would change it: not a small change.
    assert set(changes(rec, "stage")) == {"startup", "scaleup"}
    assert "stage" not in rec.sensitivity.borderline_keys


def test_a_robust_result_says_so():
    rec = advise(
        stage="enterprise", industry="retail", product_focus="tech_enabled", internal_app_dev=True
    )
    assert rec.sensitivity.robust is True
    assert rec.sensitivity.summary.startswith("Robust")


def test_answers_that_change_nothing_are_not_listed():
    rec = advise(stage="enterprise", industry="retail", product_focus="tech_enabled")
    assert "industry" not in {i.key for i in rec.sensitivity.items}


def test_product_lines_near_the_threshold_are_borderline():
    rec = advise(
        stage="mid_size", industry="software", product_focus="tech_product", product_lines=2
    )
    item = next(i for i in rec.sensitivity.items if i.key == "product_lines")
    assert item.changes[0].several_ctos is True
    assert "product_lines" in rec.sensitivity.borderline_keys


def test_revisit_triggers_name_the_growth_that_changes_the_advice():
    rec = advise(stage="startup", industry="software", product_focus="tech_product")
    assert any(t.startswith("When you start handling regulated") for t in rec.revisit)
    assert "When you reach the mid-sized stage: the advice becomes both a CIO and a CTO." in (
        rec.revisit
    )
    # The stage trigger already names the next review point: no generic stage line.
    assert not any(t.startswith("Review it again when you grow") for t in rec.revisit)


def test_without_a_stage_trigger_the_next_stage_is_the_review_point():
    rec = advise(stage="enterprise", industry="retail", product_focus="tech_enabled")
    assert not any("grow into" in t for t in rec.revisit)  # nothing after enterprise
    rec = advise(stage="mid_size", industry="retail", product_focus="tech_enabled")
    assert "Review it again when you grow into the enterprise stage." in rec.revisit


def test_keeping_the_cto_and_adding_a_cio():
    rec = advise(
        stage="mid_size",
        industry="software",
        product_focus="tech_product",
        current_leadership="cto",
    )
    assert rec.transition.steps == (
        "Keep your CTO; confirm the seat reports to the CEO.",
        "Hire a CIO reporting to the CTO.",
    )


def test_security_owned_by_nobody_is_flagged():
    rec = advise(stage="startup", industry="healthcare", product_focus="tech_product")
    assert [c.code for c in rec.transition.conflicts] == ["security-unowned"]


def test_security_owned_by_the_product_side_only_is_flagged():
    rec = advise(
        stage="scaleup", industry="finance", product_focus="tech_product", current_leadership="cto"
    )
    assert "security-product-only" in [c.code for c in rec.transition.conflicts]


def test_splitting_a_combined_role_is_a_step_and_a_conflict():
    rec = advise(
        stage="enterprise",
        industry="software",
        product_focus="tech_product",
        current_leadership="combined",
    )
    assert rec.transition.steps[0].startswith("Split the combined role")
    assert [c.code for c in rec.transition.conflicts] == ["split-role"]


def test_an_it_manager_grows_into_the_cio_seat():
    rec = advise(
        stage="mid_size",
        industry="energy",
        product_focus="internal",
        current_leadership="it_manager",
    )
    assert rec.transition.steps[0].startswith("Grow your IT manager into the CIO seat")


def test_a_cto_kept_across_several_product_lines_leads_one_of_them():
    rec = advise(
        stage="enterprise",
        industry="software",
        product_focus="tech_product",
        product_lines=3,
        current_leadership="both",
    )
    assert rec.transition.steps == (
        "Keep your CTO as the CTO of one product line and appoint one for each other line; "
        "each reports into their line.",
        "Keep your CIO; confirm the seat reports to the CEO.",
    )
