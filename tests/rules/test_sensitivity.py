"""What would change the advice, and the steps from today's structure."""

from orgdesign.rules import parse_answers, recommend


def advise(**answers):
    return recommend(parse_answers(answers))


def changes(rec, key):
    item = next((i for i in rec.sensitivity.items if i.key == key), None)
    return {} if item is None else {c.value: c.role_model for c in item.changes}


def texts(rec, key):
    item = next(i for i in rec.sensitivity.items if i.key == key)
    return [c.text for c in item.changes]


def test_a_midsize_manufacturer_would_need_both_roles_at_enterprise_stage():
    rec = advise(stage="mid_size", industry="manufacturing", product_focus="internal")
    assert changes(rec, "stage")["enterprise"] == "both"
    assert (
        "At the enterprise stage, the advice would be both a CIO and a CTO instead of a CIO."
        in texts(rec, "stage")
    )
    # Smaller, the same seat carries a lighter title: said against today's advice.
    assert (
        "At the startup stage, the seat would be a head of IT instead of a CIO; the head of IT "
        "would report to the CEO instead of the COO." in texts(rec, "stage")
    )
    # The next stage is planned growth, shown as a revisit trigger, not as borderline.
    assert "stage" not in rec.sensitivity.borderline_keys
    assert (
        "When you grow into an enterprise: the advice would be both a CIO and a CTO instead "
        "of a CIO." in rec.revisit
    )


def test_industries_the_rules_do_not_tell_apart_are_one_line():
    rec = advise(stage="mid_size", industry="manufacturing", product_focus="internal")
    (line,) = texts(rec, "industry")
    assert line.startswith("In software, finance, healthcare, ")
    assert line.endswith(", the CIO would report to the CFO instead of the COO.")


def test_a_robust_result_says_so():
    rec = advise(
        stage="enterprise", industry="retail", product_focus="tech_enabled", internal_app_dev=True
    )
    assert rec.sensitivity.robust is True
    assert rec.sensitivity.summary.startswith("Robust")


def test_answers_that_change_nothing_are_not_listed():
    rec = advise(stage="enterprise", industry="retail", product_focus="tech_enabled")
    # Both seats report to the CEO whatever the industry: it changes nothing here.
    assert "internal_app_dev" not in {i.key for i in rec.sensitivity.items}
    assert "single_leader" in {i.key for i in rec.sensitivity.items}


def test_product_lines_next_to_the_threshold_are_borderline_and_far_from_it_are_not():
    two = advise(
        stage="mid_size", industry="software", product_focus="tech_product", product_lines=2
    )
    item = next(i for i in two.sensitivity.items if i.key == "product_lines")
    assert item.changes[0].several_ctos is True
    assert "product_lines" in two.sensitivity.borderline_keys
    for lines in (6, 50):
        far = advise(
            stage="mid_size", industry="software", product_focus="tech_product", product_lines=lines
        )
        assert "product_lines" not in far.sensitivity.borderline_keys
        assert far.sensitivity.robust


def test_revisit_triggers_name_the_growth_that_changes_the_advice():
    rec = advise(stage="startup", industry="software", product_focus="tech_product")
    assert (
        "When you grow into a mid-sized company: the advice would be both a CIO and a CTO "
        "instead of a CTO." in rec.revisit
    )
    # The stage trigger already names the next review point: no generic stage line.
    assert not any(t.startswith("Review it again when you grow") for t in rec.revisit)


def test_without_a_stage_trigger_the_next_stage_is_the_review_point():
    rec = advise(stage="enterprise", industry="retail", product_focus="tech_enabled")
    assert not any("grow into" in t for t in rec.revisit)  # nothing after enterprise


def test_keeping_the_cto_and_adding_a_cio():
    rec = advise(
        stage="mid_size",
        industry="software",
        product_focus="tech_product",
        current_leadership="cto",
    )
    assert [step.text for step in rec.transition.steps] == [
        "Keep your CTO; confirm the seat reports to the CEO.",
        "Hire a CIO, reporting to the CTO.",
    ]


def test_security_owned_by_nobody_is_flagged_with_the_seat_that_will_own_it():
    rec = advise(stage="startup", industry="healthcare", product_focus="tech_product")
    (conflict,) = rec.transition.conflicts
    assert conflict.rule == "conflict.security-unowned"
    assert conflict.text.startswith("Today nobody at executive level owns information security")
    assert conflict.resolution.startswith("The plan gives it to the head of technology")


def test_security_owned_by_the_product_side_only_is_flagged():
    rec = advise(
        stage="scaleup", industry="finance", product_focus="tech_product", current_leadership="cto"
    )
    (conflict,) = rec.transition.conflicts
    assert conflict.rule == "conflict.security-product-only"
    assert conflict.resolution.startswith("In the plan the CIO owns internal security")


def test_splitting_a_combined_role_is_a_step_and_a_conflict():
    rec = advise(
        stage="enterprise",
        industry="software",
        product_focus="tech_product",
        current_leadership="combined",
    )
    assert rec.transition.steps[0].text.startswith("Fill the CTO seat, reporting to the CEO")
    assert [c.rule for c in rec.transition.conflicts] == ["conflict.split-role"]


def test_an_it_manager_grows_into_the_cio_seat():
    rec = advise(
        stage="mid_size",
        industry="energy",
        product_focus="internal",
        current_leadership="it_manager",
    )
    assert rec.transition.steps[0].text == (
        "Grow your IT manager into the CIO seat, or hire a CIO above them; the seat reports "
        "to the COO."
    )


def test_a_cto_kept_across_several_product_lines_leads_one_of_them():
    rec = advise(
        stage="enterprise",
        industry="software",
        product_focus="tech_product",
        product_lines=3,
        current_leadership="both",
    )
    assert [step.text for step in rec.transition.steps] == [
        "Keep your CTO as the CTO of one product line and appoint one for each other line; "
        "each reports into their line.",
        "Keep your CIO; confirm the seat reports to the CEO.",
    ]
