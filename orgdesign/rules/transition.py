"""From today's technology leadership to the recommended structure.

Given who leads technology today (an answer) and the recommended seats, list the steps to
get there and flag the conflicts a change like this usually runs into. The steps follow
the domain notes: a CTO first, a CIO added as internal IT grows (001); one person in both
roles at small companies (000, 001); a CISO beside the CIO for security (003).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from .model import BOSS_NAMES, Conflict, Transition

# The seats each answer to "who leads technology today" already fills.
HELD: dict[str, frozenset[str]] = {
    "none": frozenset(),
    "founder": frozenset({"founder"}),
    "it_manager": frozenset({"it_manager"}),
    "cto": frozenset({"cto"}),
    "cio": frozenset({"cio"}),
    "both": frozenset({"cio", "cto"}),
    "combined": frozenset({"combined"}),
}


# Seat names as they read inside a sentence.
SEAT_WORDS: dict[str, str] = {
    "cio": "CIO",
    "cto": "CTO",
    "combined": "combined technology leader",
}


def boss_phrase(boss: str) -> str:
    """Whom a seat reports to, as words that fit "reports to ..."."""
    return "their product line" if boss == "product_line" else f"the {BOSS_NAMES[boss]}"


OTHER_HALF = {
    "cto": "internal IT, security and compliance",
    "cio": "the technology of the product",
}


def _hire(code: str, boss: str, per_line: bool) -> str:
    if code == "cto" and per_line:
        return "Appoint a CTO for each product line, reporting into that line."
    return f"Hire a {SEAT_WORDS[code]} reporting to {boss}."


def _steps(
    current: str, model: str, codes: tuple[str, ...], bosses: dict[str, str], per_line: bool
) -> list[str]:
    held = HELD[current]
    steps: list[str] = []

    # Today's single executive seat and the recommended one differ: re-scope, not add.
    if current in ("cto", "cio") and model in ("cto", "cio") and current != model:
        return [
            f"Re-scope your {SEAT_WORDS[current]} as the {SEAT_WORDS[model]}, reporting to "
            f"{bosses[model]}, or hire a {SEAT_WORDS[model]} and wind the "
            f"{SEAT_WORDS[current]} remit down."
        ]
    if current == "combined" and model == "both":
        return [
            "Split the combined role: your current leader keeps the half they are strongest "
            "in and you recruit for the other.",
            *(f"The {SEAT_WORDS[code]} reports to {bosses[code]}." for code in codes),
        ]
    if current == "combined" and model in ("cto", "cio"):
        return [
            f"Narrow your combined leader's remit to the {SEAT_WORDS[model]} seat, reporting "
            f"to {bosses[model]}; the rest of the remit goes to a head in their team."
        ]
    if current == "both" and model in ("cto", "cio"):
        other = "cio" if model == "cto" else "cto"
        return [
            f"Keep your {SEAT_WORDS[model]}, reporting to {bosses[model]}; fold the "
            f"{SEAT_WORDS[other]}'s remit into that team under a head who reports to them."
        ]

    for code in codes:
        boss = bosses[code]
        if code in held and code == "cto" and per_line:
            steps.append(
                "Keep your CTO as the CTO of one product line and appoint one for each other "
                "line; each reports into their line."
            )
        elif code in held:
            steps.append(f"Keep your {SEAT_WORDS[code]}; confirm the seat reports to {boss}.")
        elif code == "combined" and current == "both":
            steps.append(
                "Merge the CIO and CTO remits under one executive reporting to the CEO; decide "
                "who leads and give the other a clear deputy role."
            )
        elif code == "combined" and current in ("cto", "cio"):
            steps.append(
                f"Widen your {SEAT_WORDS[current]}'s remit to cover {OTHER_HALF[current]}, "
                "reporting to the CEO, with a deputy for the side they know less."
            )
        elif code in ("combined", "cto") and current == "founder":
            steps.append(
                "Decide whether the founder who leads technology today takes the "
                f"{SEAT_WORDS[code]} seat full-time or hires for it; either way, one named "
                f"executive reporting to {boss}."
            )
        elif code == "cio" and current == "it_manager":
            steps.append(
                "Grow your IT manager into the CIO seat, or hire a CIO above them; the CIO "
                f"reports to {boss}."
            )
        else:
            steps.append(_hire(code, boss, per_line))
    if current == "it_manager" and "cio" not in codes:
        lead = SEAT_WORDS[codes[0]]
        steps.append(f"Your IT manager reports to the {lead} and keeps internal systems running.")
    if current == "founder" and model == "cio":
        steps.append("The founder hands internal IT over to the new head of IT.")
    return steps


def _conflicts(
    current: str, model: str, regulated: bool, internal_it: str, product_focus: str
) -> list[Conflict]:
    conflicts = []
    pressure = regulated or internal_it == "heavy"
    if current in ("none", "founder") and pressure:
        conflicts.append(
            Conflict(
                "security-unowned",
                "Nobody owns information security today, although your data or internal IT "
                "call for it. Name an owner now, before any hire is made.",
            )
        )
    if current == "cto" and pressure:
        conflicts.append(
            Conflict(
                "security-product-only",
                "Information security sits with the product side only: internal systems, "
                "staff devices and suppliers are nobody's job. Give that side an owner.",
            )
        )
    if current in ("cio", "it_manager") and product_focus == "tech_product":
        conflicts.append(
            Conflict(
                "product-unled",
                "Nobody at executive level leads the product's technology today; for a "
                "company that sells technology this is the most urgent gap.",
            )
        )
    if current == "both" and model == "combined":
        conflicts.append(
            Conflict(
                "two-heads",
                "Two executives would compete for one seat: settle who leads before you "
                "announce the change.",
            )
        )
    if current == "combined" and model == "both":
        conflicts.append(
            Conflict(
                "split-role",
                "Splitting a role changes someone's job: agree the split with your current "
                "leader before recruiting.",
            )
        )
    return conflicts


@dataclass(frozen=True, slots=True, eq=False)
class TransitionInputs:
    """What the transition needs to know about the recommended structure.

    Interned by the engine and hashed by identity, so it is a cheap memo key.
    """

    model: str
    codes: tuple[str, ...]
    reports_to: tuple[tuple[str, str], ...]
    regulated: bool
    internal_it: str
    product_focus: str


@lru_cache(maxsize=4096)
def build_transition(current: str, target: TransitionInputs) -> Transition:
    """The steps from today's leadership to the recommended seats, and the conflicts."""
    bosses = {code: boss_phrase(boss) for code, boss in target.reports_to}
    per_line = dict(target.reports_to).get("cto") == "product_line"
    steps = _steps(current, target.model, target.codes, bosses, per_line)
    conflicts = _conflicts(
        current, target.model, target.regulated, target.internal_it, target.product_focus
    )
    return Transition(current=current, steps=tuple(steps), conflicts=tuple(conflicts))
