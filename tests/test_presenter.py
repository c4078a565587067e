"""The presenter: what people read of a recommendation, built in one place."""

from orgdesign.presenter import AnswerChange, answer_rows, answers_diff, comparison, present
from orgdesign.rules import parse_answers, recommend


def rec_for(**answers):
    return recommend(parse_answers(answers)).to_dict()


def test_answers_diff_names_the_changed_keys_in_words():
    rows = answers_diff(
        {"stage": "startup", "regulated": False}, {"stage": "enterprise", "regulated": True}
    )

    assert rows == [
        AnswerChange(
            "stage",
            "Company stage",
            "Startup (under about 50 people)",
            "Enterprise (1,000 people or more)",
        ),
        AnswerChange("regulated", "Regulated or sensitive data", "No", "Yes"),
    ]


def test_answer_rows_leave_out_product_lines_when_the_question_was_not_asked():
    internal = rec_for(stage="mid_size", industry="manufacturing", product_focus="internal")
    product = rec_for(stage="mid_size", industry="software", product_focus="tech_product")

    assert "Product lines" not in [row.label for row in answer_rows(internal["answers"])]
    assert "Product lines" in [row.label for row in answer_rows(product["answers"])]


def test_six_product_line_ctos_are_one_row_reporting_to_their_lines():
    rec = rec_for(
        stage="enterprise", industry="software", product_focus="tech_product", product_lines=6
    )
    p = present(rec)

    lines = [seat for seat in p.seats if seat.code == "cto"]
    assert len(lines) == 1
    assert lines[0].count == 6
    assert lines[0].title == "6 product-line CTOs, one for each line"
    assert [group.boss for group in p.groups] == [
        "Reporting to their product line",
        "Reporting to the CEO",
    ]


def test_one_seat_holding_every_shared_area_reads_as_one_line():
    p = present(rec_for(stage="startup", industry="software", product_focus="tech_product"))

    assert p.split.single_owner == "The CTO"
    assert p.split.areas == (
        "digital transformation, cybersecurity, data management and innovation strategy"
    )


def test_the_cio_led_split_has_no_product_side_and_gives_infrastructure_to_the_cto():
    p = present(rec_for(stage="enterprise", industry="manufacturing", product_focus="internal"))

    assert not p.split.has_product_side
    owners = {row.label: row.internal_owner for row in p.split.rows}
    assert owners == {
        "Digital transformation": "CIO",
        "Cybersecurity": "CIO",
        "Data management": "CIO",
        "Innovation strategy": "CTO",
    }


def test_reasons_read_in_words_and_the_audit_keeps_rule_ids():
    p = present(rec_for(stage="enterprise", industry="manufacturing", product_focus="internal"))

    first = p.reasons[0]
    assert first.because == "an enterprise, technology runs internal operations"
    assert first.rule == "model.enterprise-internal"
    assert p.audit.ruleset.startswith("2026.")
    assert "model.enterprise-internal" in [r.rule for r in p.audit.reasons]


def test_a_comparison_marks_the_rows_that_differ_and_names_the_advice():
    a = rec_for(stage="startup", industry="software", product_focus="tech_product")
    b = rec_for(stage="enterprise", industry="software", product_focus="tech_product")
    rows = {row.label: row for row in comparison([a, b]).rows}

    assert rows["Company stage"].differs
    assert not rows["Industry"].differs
    assert rows["Advice"].values == ("CTO", "Both a CIO and a CTO")


def test_a_recommendation_saved_under_older_rules_still_presents():
    old = {
        "role_model": "cto",
        "headline": "Lead technology with a CTO reporting to the CEO.",
        "roles": [
            {
                "code": "cto",
                "title": "Chief Technology Officer (CTO)",
                "reports_to": "ceo",
                "focus": "Product",
                "direct_reports": [],
            }
        ],
        "rationale": [{"rule": "model.startup-product", "text": "Start with a CTO."}],
        "transition": {
            "current": "none",
            "steps": ["Hire a CTO reporting to the CEO."],
            "conflicts": [{"code": "security-unowned", "text": "Nobody owns security."}],
        },
    }
    p = present(old)

    assert p.seats[0].badge == "CTO"
    assert p.transition.steps == ("Hire a CTO reporting to the CEO.",)
    assert p.transition.conflicts[0].today == "Nobody owns security."
    assert p.transition.today == "Nobody in particular"


def test_a_comparison_says_not_asked_where_a_scenario_skipped_the_question():
    internal = rec_for(stage="mid_size", industry="finance", product_focus="internal")
    digital = rec_for(stage="mid_size", industry="finance", product_focus="tech_enabled")
    rows = {row.label: row for row in comparison([internal, digital]).rows}

    assert rows["Product lines"].values == ("Not asked", "1")


def test_rules_update_is_none_under_today_s_rules_and_says_what_today_s_rules_change():
    from orgdesign.presenter import rules_update
    from orgdesign.rules import RULESET_VERSION
    from tests.factories import REGIONAL_BANK, SOFTWARE_STARTUP

    startup = recommend(parse_answers(SOFTWARE_STARTUP)).to_dict()
    bank = recommend(parse_answers(REGIONAL_BANK)).to_dict()

    assert (
        rules_update(answers=SOFTWARE_STARTUP, saved=startup, ruleset_version=RULESET_VERSION)
        is None
    )
    # Saved under other rules, with the bank's advice: today's rules give the startup's.
    update = rules_update(answers=SOFTWARE_STARTUP, saved=bank, ruleset_version="old")
    assert update.recommendation == startup
    assert update.differences[0] == f"Advice: {bank['headline']} → {startup['headline']}"


def test_history_says_per_version_what_changed_since_the_one_before():
    from types import SimpleNamespace

    from orgdesign.presenter import history

    def version(number, name, stage, role_model):
        return SimpleNamespace(
            number=number, name=name, answers={"stage": stage}, role_model=role_model
        )

    newest, oldest = version(2, "After", "scaleup", "cto"), version(1, "Before", "startup", "cio")
    entries = history([newest, oldest], current=2)

    assert [e.version.number for e in entries] == [2, 1]
    assert entries[0].current and not entries[1].current
    assert entries[0].renamed_from == "Before" and entries[0].model_changed
    assert [(c.label, c.old, c.new) for c in entries[0].changes] == [
        ("Company stage", "Startup (under about 50 people)", "Scale-up (about 50 to 250 people)")
    ]
    assert entries[1].changes == () and entries[1].renamed_from == ""


# --- The client's review ----------------------------------------------------------------


def _signoff(version: int, name: str, day: int):
    from datetime import UTC, datetime
    from types import SimpleNamespace

    return SimpleNamespace(
        version=version, name=name, role="CEO", created_at=datetime(2026, 5, day, 9, tzinfo=UTC)
    )


def test_signoff_status_counts_a_signoff_for_its_own_version_only():
    from orgdesign.presenter import signoff_status

    signed = signoff_status(version=3, signoffs=[_signoff(3, "Ada", 12)])
    later = signoff_status(version=4, signoffs=[_signoff(3, "Ada", 12), _signoff(1, "Bob", 2)])
    never = signoff_status(version=1, signoffs=[])

    assert signed.signed and signed.summary == "Signed off: version 3, by Ada (CEO), 12 May 2026."
    assert not later.signed
    assert (
        later.summary
        == "Not signed off yet (version 3 was signed off by Ada, CEO, on 12 May 2026)."
    )
    assert [line.version for line in later.earlier] == [3, 1]
    assert (never.signed, never.summary) == (False, "Not signed off yet.")


def test_review_threads_group_comments_whole_then_reasons_then_seats_then_gone_ones():
    from types import SimpleNamespace

    from orgdesign.presenter import review_threads

    rec = recommend(parse_answers({"stage": "startup", "industry": "software",
                                   "product_focus": "tech_product"})).to_dict()  # fmt: skip
    rules = [r["rule"] for r in rec["rationale"]]

    def comment(target, key):
        return SimpleNamespace(target=target, target_key=key)

    threads = review_threads(
        rec,
        [
            comment("seat", "cto"),
            comment("reason", "gone.rule"),
            comment("reason", rules[1]),
            comment("recommendation", ""),
            comment("reason", rules[1]),
        ],
    )

    assert [(t.target, t.key, len(t.comments)) for t in threads] == [
        ("recommendation", "", 1),
        ("reason", rules[1], 2),
        ("seat", "cto", 1),
        ("reason", "gone.rule", 1),
    ]
    assert threads[1].label == f"Reason 2: {rec['rationale'][1]['text']}"
    assert threads[2].label == "Seat: Chief Technology Officer (CTO)"
    assert threads[3].label == "A reason no longer in this version (rule gone.rule)"
