"""`presenter.comparison_ours`: each compared scenario's sign-off line and the consultant's
voice, the one source of the compare page and of every comparison report."""

from orgdesign.presenter import VOICE_BADGE, SignOffStatus, comparison_ours
from orgdesign.rules import parse_answers, recommend
from tests.factories import REGIONAL_BANK, SOFTWARE_STARTUP

BANK = recommend(parse_answers(REGIONAL_BANK)).to_dict()
STARTUP = recommend(parse_answers(SOFTWARE_STARTUP)).to_dict()
VOICE = {
    "our_view": "We **agree**.",
    "seats": {"cio": {"title": "Group IT Director", "reports_to": "cfo", "reason": "risk"}},
}


def test_each_scenario_gets_its_signoff_line_and_its_voice_in_order():
    signed = SignOffStatus(3, True, "Signed off: version 3, by Ada (Chair), 1 May 2026.", (), ())
    unsigned = SignOffStatus(1, False, "Not signed off yet.", (), ())

    bank, startup = comparison_ours(
        [("Bank", BANK, VOICE, signed), ("Startup", STARTUP, {}, unsigned)]
    )

    assert (bank.index, bank.name, bank.signed) == (1, "Bank", True)
    assert bank.signoff == "Signed off: version 3, by Ada (Chair), 1 May 2026."
    assert bank.badge == VOICE_BADGE
    assert "<strong>agree</strong>" in bank.voice.our_view_html
    (seat,) = bank.seats
    assert seat.seat == "Chief Information Officer (CIO)"
    assert seat.engine == "the engine: reports to the CEO"
    assert seat.lines == (
        "Our title: Group IT Director",
        "We adjust: reports to the CFO because risk",
    )
    assert (startup.index, startup.signed, startup.signoff) == (2, False, "Not signed off yet.")
    assert startup.voice is None and startup.seats == ()


def test_an_adjusted_seat_the_advice_lacks_is_flagged_and_no_status_is_no_line():
    (startup,) = comparison_ours([("Startup", STARTUP, VOICE, None)])

    assert startup.signoff == "" and not startup.signed
    assert startup.seats[0].engine == "no longer in this advice: our adjustment is kept"
