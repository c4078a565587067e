"""Titles and the final list of seats."""

from __future__ import annotations

from .model import Seat

# What to call each seat; a startup's first technology leader carries a lighter title.
TITLES: dict[tuple[str, bool], str] = {
    ("cto", True): "Chief Technology Officer (CTO)",
    ("cto", False): "Chief Technology Officer (CTO)",
    ("cio", True): "Head of IT, growing into the CIO seat",
    ("cio", False): "Chief Information Officer (CIO)",
    ("combined", True): "Head of Technology (CTO and CIO remits)",
    ("combined", False): "Chief Technology and Information Officer",
}


def build_seats(
    *,
    codes: tuple[str, ...],
    startup: bool,
    per_line: bool,
    product_lines: int,
    reports_to: dict[str, str],
    focus: dict[str, str],
    teams: dict[str, tuple[str, ...]],
) -> tuple[Seat, ...]:
    """One Seat per recommended executive; one CTO per product line when per_line."""
    seats: list[Seat] = []
    for code in codes:
        if code == "cto" and per_line:
            seats.extend(
                Seat(code, f"CTO, product line {n}", reports_to[code], focus[code], teams[code])
                for n in range(1, product_lines + 1)
            )
        else:
            title = TITLES[(code, startup)]
            seats.append(Seat(code, title, reports_to[code], focus[code], teams[code]))
    return tuple(seats)
