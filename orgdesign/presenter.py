"""What people read of a recommendation: the one place that turns it into rows.

Every page (result, scenario, version, share, compare, the rules-updated panel) and every
report builds what it shows from these functions. They take a recommendation as stored
JSON (`Recommendation.to_dict()`, or a scenario saved under older rules, whose keys may
be fewer) and name every code through the engine's vocabulary.

- `present(rec)`: one recommendation, client-facing (seats grouped with their bosses,
  the shared-area split collapsed when one seat holds it all, reasons with the answers
  they matched) plus its audit part (rule ids, sources, ruleset version).
- `answer_rows(answers)`: the answers, only the questions that were asked.
- `answers_diff(old, new)`, `differences(old, new)`: what changed between two versions.
- `comparison(items)`: the side-by-side rows of two to four scenarios.
- `rules_update(...)`, `history(versions, current=...)`: a saved scenario under today's
  rules, and its versions with what changed between them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from orgdesign.rules import RULESET_VERSION, parse_answers, recommend
from orgdesign.rules import vocabulary as vocab

# A question the questionnaire did not ask for one of the compared scenarios.
NOT_ASKED = "Not asked"

KIND_LABELS = {
    "growth": "As the company grows",
    "fact": "If the facts were different",
    "decide": "If you decided differently",
}


# --- Seats -------------------------------------------------------------------------------


def seat_variant(seat: Mapping[str, Any]) -> str:
    """The seat's variant; older saved seats carry none, so it is read off the seat."""
    variant = seat.get("variant")
    if variant in vocab.SEAT_VARIANTS:
        return variant
    if seat.get("reports_to") == "product_line":
        return "line"
    for (code, candidate), term in vocab.SEATS.items():
        if code == seat.get("code") and term.title == seat.get("title"):
            return candidate
    return "full"


def seat_terms(rec: Mapping[str, Any]) -> dict[str, vocab.Term]:
    """The words for each seat code of a recommendation, as its seats carry them."""
    terms: dict[str, vocab.Term] = {}
    for seat in rec.get("roles", []) or []:
        code = seat.get("code", "")
        if code in vocab.SEAT_CODES and code not in terms:
            terms[code] = vocab.seat_term(code, seat_variant(seat))
    return terms


def boss_term(code: str) -> vocab.Term:
    return vocab.BOSSES.get(code) or vocab.Term(code, code, code, code, code)


def model_name(rec: Mapping[str, Any]) -> str:
    """The advice in a few words: a lone seat by its own name ("Head of IT"), two or more
    seats by the role model ("Both a CIO and a CTO")."""
    terms = seat_terms(rec)
    if rec.get("role_model") in ("cio", "cto", "combined") and len(terms) == 1:
        return next(iter(terms.values())).short
    return role_model_term(rec).title


def role_model_term(rec: Mapping[str, Any]) -> vocab.Term:
    model = rec.get("role_model", "")
    per_line = any(s.get("reports_to") == "product_line" for s in rec.get("roles", []) or [])
    if model not in vocab.ROLE_MODELS:
        return vocab.Term(model, model, model, model, model)
    return vocab.shape_term(model, per_line)


@dataclass(frozen=True)
class SeatRow:
    code: str
    badge: str
    title: str
    boss: str  # "the CEO"
    focus: str
    team: tuple[str, ...]
    count: int = 1  # seats merged into this row (product-line CTOs)


@dataclass(frozen=True)
class SeatGroup:
    boss: str  # "Reporting to the CEO"
    seats: tuple[SeatRow, ...]


def seat_rows(rec: Mapping[str, Any]) -> list[SeatRow]:
    """One row per seat; identical product-line CTOs become one row with a count."""
    rows: list[SeatRow] = []
    lines = [s for s in rec.get("roles", []) or [] if s.get("reports_to") == "product_line"]
    for seat in rec.get("roles", []) or []:
        if seat in lines and seat is not lines[0]:
            continue
        code = seat.get("code", "")
        term = vocab.seat_term(code, seat_variant(seat)) if code in vocab.SEAT_CODES else None
        title = seat.get("title", "")
        count = 1
        if seat in lines and len(lines) > 1:
            count = len(lines)
            title = vocab.line_ctos_title(count)
        rows.append(
            SeatRow(
                code=code,
                badge=term.badge if term else code,
                title=title,
                boss=boss_term(seat.get("reports_to", "")).the,
                focus=seat.get("focus", ""),
                team=tuple(seat.get("direct_reports") or ()),
                count=count,
            )
        )
    return rows


def seat_groups(rows: list[SeatRow]) -> list[SeatGroup]:
    """The seats grouped by whom they report to, in the order the bosses first appear."""
    groups: dict[str, list[SeatRow]] = {}
    for row in rows:
        groups.setdefault(row.boss, []).append(row)
    return [
        SeatGroup(boss=f"Reporting to {boss}", seats=tuple(seats)) for boss, seats in groups.items()
    ]


# --- Reasons -----------------------------------------------------------------------------


@dataclass(frozen=True)
class ReasonRow:
    text: str
    because: str  # "an enterprise, technology runs internal operations"
    rule: str
    source: str


def reason_rows(rec: Mapping[str, Any]) -> list[ReasonRow]:
    return [
        ReasonRow(
            text=r.get("text", ""),
            because=", ".join(r.get("matched") or ()),
            rule=r.get("rule", ""),
            source=r.get("source", ""),
        )
        for r in rec.get("rationale", []) or []
    ]


# --- Who owns what -----------------------------------------------------------------------


@dataclass(frozen=True)
class SplitRow:
    label: str
    internal_owner: str
    internal: str
    product_owner: str
    product: str
    lead: str


@dataclass(frozen=True)
class Split:
    rows: tuple[SplitRow, ...]
    single_owner: str = ""  # "The CIO" when one seat holds every side of every area
    has_product_side: bool = True

    @property
    def areas(self) -> str:
        return vocab.join_words([row.label.lower() for row in self.rows])


def _term(code: str, terms: Mapping[str, vocab.Term]) -> vocab.Term | None:
    """The words for seat `code` as this recommendation's seats carry them, else its full
    seat's; None for a code the vocabulary does not know (from older saved data)."""
    if code in terms:
        return terms[code]
    return vocab.seat_term(code) if code in vocab.SEAT_CODES else None


def _owner_name(code: str, terms: Mapping[str, vocab.Term]) -> str:
    if not code:
        return vocab.NOBODY.short
    term = _term(code, terms)
    return term.short if term else code


def split(rec: Mapping[str, Any]) -> Split:
    terms = seat_terms(rec)
    items = list(rec.get("responsibilities", []) or [])
    rows = tuple(
        SplitRow(
            label=item.get("label", ""),
            internal_owner=_owner_name(item.get("internal", {}).get("owner", ""), terms),
            internal=item.get("internal", {}).get("text", ""),
            product_owner=_owner_name(item.get("product", {}).get("owner", ""), terms)
            if item.get("product", {}).get("text")
            else "",
            product=item.get("product", {}).get("text", ""),
            lead=_owner_name(item.get("lead", ""), terms),
        )
        for item in items
    )
    owners = {
        side.get("owner")
        for item in items
        for side in (item.get("internal", {}), item.get("product", {}))
        if side.get("text")
    } | {item.get("lead") for item in items}
    single = ""
    if len(owners) == 1 and rows:
        code = owners.pop()
        term = _term(code, terms)
        single = term.The if term else ""
    return Split(rows, single, any(row.product for row in rows))


# --- Skills, sensitivity, transition -----------------------------------------------------


@dataclass(frozen=True)
class SkillGroup:
    seat: str
    skills: tuple[str, ...]


def skill_groups(rec: Mapping[str, Any]) -> list[SkillGroup]:
    terms = seat_terms(rec)
    out = []
    for item in rec.get("skills", []) or []:
        code = item.get("code", "")
        term = _term(code, terms)
        out.append(SkillGroup(term.title if term else code, tuple(item.get("skills") or ())))
    return out


@dataclass(frozen=True)
class ChangeRow:
    text: str
    key: str
    value: Any
    neighbour: bool

    @property
    def param(self) -> str:
        """The change as a what-if parameter ("stage:enterprise", "regulated:true")."""
        value = str(self.value).lower() if isinstance(self.value, bool) else self.value
        return f"{self.key}:{value}"


@dataclass(frozen=True)
class SensitivityGroup:
    label: str
    changes: tuple[ChangeRow, ...]


@dataclass(frozen=True)
class SensitivityView:
    robust: bool
    summary: str
    groups: tuple[SensitivityGroup, ...]
    pairs: tuple[str, ...]


def sensitivity(rec: Mapping[str, Any]) -> SensitivityView:
    data = rec.get("sensitivity", {}) or {}
    by_kind: dict[str, list[ChangeRow]] = {kind: [] for kind in KIND_LABELS}
    for item in data.get("items", []) or []:
        kind = item.get("kind") or "growth"
        for change in item.get("changes", []) or []:
            by_kind.setdefault(kind, []).append(
                ChangeRow(
                    change.get("text", ""),
                    item.get("key", ""),
                    change.get("value"),
                    bool(change.get("neighbour")),
                )
            )
    groups = tuple(
        SensitivityGroup(KIND_LABELS.get(kind, kind), tuple(rows))
        for kind, rows in by_kind.items()
        if rows
    )
    pairs = tuple(p.get("text", "") for p in data.get("pairs", []) or [])
    return SensitivityView(bool(data.get("robust")), data.get("summary", ""), groups, pairs)


@dataclass(frozen=True)
class ConflictRow:
    today: str
    plan: str
    rule: str


@dataclass(frozen=True)
class TransitionView:
    today: str  # "A CTO"
    steps: tuple[str, ...]
    conflicts: tuple[ConflictRow, ...]
    step_rules: tuple[str, ...]


def transition(rec: Mapping[str, Any]) -> TransitionView:
    data = rec.get("transition", {}) or {}
    steps = [
        s if isinstance(s, Mapping) else {"text": s, "rule": ""} for s in data.get("steps", [])
    ]
    return TransitionView(
        today=vocab.answer_label("current_leadership", data.get("current") or "none"),
        steps=tuple(s.get("text", "") for s in steps),
        conflicts=tuple(
            ConflictRow(
                c.get("text", ""), c.get("resolution", ""), c.get("rule") or c.get("code", "")
            )
            for c in data.get("conflicts", []) or []
        ),
        step_rules=tuple(s.get("rule", "") for s in steps),
    )


# --- Answers -----------------------------------------------------------------------------


@dataclass(frozen=True)
class AnswerRow:
    key: str
    label: str
    value: str


def asked(answers: Mapping[str, Any]) -> list[str]:
    """The questions the questionnaire asked for these answers, in its order (product
    lines only where technology is part of what the company sells)."""
    keys = [key for key in vocab.QUESTION_ORDER if key in answers]
    if answers.get("product_focus") == "internal" and "product_lines" in keys:
        keys.remove("product_lines")
    return keys


def answer_rows(answers: Mapping[str, Any] | None) -> list[AnswerRow]:
    answers = answers or {}
    return [
        AnswerRow(key, vocab.QUESTION_LABELS[key], vocab.answer_label(key, answers.get(key)))
        for key in asked(answers)
    ]


@dataclass(frozen=True)
class AnswerChange:
    key: str
    label: str
    old: str
    new: str


def answers_diff(old: Mapping[str, Any] | None, new: Mapping[str, Any]) -> list[AnswerChange]:
    """The answers that differ between two sets, in words."""
    old = old or {}
    return [
        AnswerChange(
            key,
            vocab.QUESTION_LABELS[key],
            vocab.answer_label(key, old.get(key)),
            vocab.answer_label(key, new.get(key)),
        )
        for key in vocab.QUESTION_ORDER
        if old.get(key) != new.get(key)
    ]


# --- One recommendation ------------------------------------------------------------------


@dataclass(frozen=True)
class Audit:
    ruleset: str
    reasons: tuple[ReasonRow, ...]
    steps: tuple[str, ...]
    conflicts: tuple[str, ...]


@dataclass(frozen=True)
class Presentation:
    role_model: str  # the code, for CSS classes only
    badge: str
    model_name: str
    headline: str
    seats: tuple[SeatRow, ...]
    groups: tuple[SeatGroup, ...]
    reasons: tuple[ReasonRow, ...]
    split: Split
    skills: tuple[SkillGroup, ...]
    sensitivity: SensitivityView
    transition: TransitionView
    revisit: tuple[str, ...]
    considerations: tuple[str, ...]
    answers: tuple[AnswerRow, ...]
    audit: Audit
    raw: Mapping[str, Any] = field(repr=False, default_factory=dict)


def present(rec: Mapping[str, Any]) -> Presentation:
    """Everything people read of one recommendation."""
    rows = seat_rows(rec)
    reasons = reason_rows(rec)
    moves = transition(rec)
    model = role_model_term(rec)
    return Presentation(
        role_model=rec.get("role_model", ""),
        badge=model.badge,
        model_name=model_name(rec),
        headline=rec.get("headline", ""),
        seats=tuple(rows),
        groups=tuple(seat_groups(rows)),
        reasons=tuple(reasons),
        split=split(rec),
        skills=tuple(skill_groups(rec)),
        sensitivity=sensitivity(rec),
        transition=moves,
        revisit=tuple(rec.get("revisit", []) or ()),
        considerations=tuple(rec.get("considerations", []) or ()),
        answers=tuple(answer_rows(rec.get("answers"))),
        audit=Audit(
            ruleset=rec.get("ruleset_version", ""),
            reasons=tuple(reasons),
            steps=moves.step_rules,
            conflicts=tuple(c.rule for c in moves.conflicts),
        ),
        raw=rec,
    )


def seat_lines(rec: Mapping[str, Any]) -> list[str]:
    """Each seat and whom it reports to, as one short line ("CIO, reporting to the CEO")."""
    return [f"{row.title}, reporting to {row.boss}" for row in seat_rows(rec)]


def differences(old: Mapping[str, Any], new: Mapping[str, Any]) -> list[str]:
    """Plain sentences saying how two recommendations differ (advice, seats, reasons)."""
    out = []
    if old.get("role_model") != new.get("role_model") or old.get("headline") != new.get("headline"):
        out.append(f"Advice: {old.get('headline', '')} → {new.get('headline', '')}")
    before, after = seat_lines(old), seat_lines(new)
    if before != after:
        out.append(f"Seats: {'; '.join(before) or 'none'} → {'; '.join(after) or 'none'}")
    old_rules = {r.get("rule") for r in old.get("rationale", []) or []}
    new_rules = {r.get("rule") for r in new.get("rationale", []) or []}
    out += [
        f"New reason: {r['text']}"
        for r in new.get("rationale", []) or []
        if r["rule"] not in old_rules
    ]
    out += [
        f"No longer applies: {r['text']}"
        for r in old.get("rationale", []) or []
        if r["rule"] not in new_rules
    ]
    return out


# --- Comparison --------------------------------------------------------------------------


@dataclass(frozen=True)
class CompareRow:
    label: str
    values: tuple[str, ...]
    differs: bool
    advice: bool = False


@dataclass(frozen=True)
class Comparison:
    rows: tuple[CompareRow, ...]
    shared_reasons: tuple[str, ...]
    different_reasons: tuple[tuple[str, ...], ...]  # per scenario, the reasons only it has


def comparison(recs: Sequence[Mapping[str, Any]]) -> Comparison:
    """Side by side: each asked answer, then the advice and the seats, differences marked;
    and the reasons all scenarios share beside those each has alone."""
    keys: list[str] = []
    for rec in recs:
        keys += [k for k in asked(rec.get("answers") or {}) if k not in keys]
    keys.sort(key=vocab.QUESTION_ORDER.index)
    rows = []
    for key in keys:
        values = tuple(
            vocab.answer_label(key, (rec.get("answers") or {}).get(key))
            if key in asked(rec.get("answers") or {})
            else NOT_ASKED
            for rec in recs
        )
        rows.append(CompareRow(vocab.QUESTION_LABELS[key], values, len(set(values)) > 1))
    advice = tuple(model_name(rec) for rec in recs)
    rows.append(CompareRow("Advice", advice, len(set(advice)) > 1, advice=True))
    seats = tuple("; ".join(seat_lines(rec)) for rec in recs)
    rows.append(CompareRow("Seats", seats, len(set(seats)) > 1, advice=True))
    rule_sets = [{r.get("rule") for r in rec.get("rationale", []) or []} for rec in recs]
    common = set.intersection(*rule_sets) if rule_sets else set()
    shared = tuple(
        r["text"] for r in (recs[0].get("rationale", []) if recs else []) if r["rule"] in common
    )
    only = tuple(
        tuple(r["text"] for r in rec.get("rationale", []) or [] if r["rule"] not in common)
        for rec in recs
    )
    return Comparison(tuple(rows), shared, only)


# --- Saved scenarios: rules updates and history -----------------------------------------


@dataclass(frozen=True)
class RulesUpdate:
    recommendation: Mapping[str, Any]  # what today's rules give for the saved answers
    differences: tuple[str, ...]


def rules_update(
    *, answers: Mapping[str, Any], saved: Mapping[str, Any], ruleset_version: str
) -> RulesUpdate | None:
    """What today's rules recommend for saved answers, and how it differs from the saved
    recommendation `saved`; None when they were saved under today's rules."""
    if ruleset_version == RULESET_VERSION:
        return None
    new = recommend(parse_answers(answers)).to_dict()
    return RulesUpdate(new, tuple(differences(saved, new)))


@dataclass(frozen=True)
class HistoryEntry:
    version: Any  # a ScenarioVersion
    changes: tuple[AnswerChange, ...]
    renamed_from: str
    model_changed: bool
    current: bool


def history(versions: Sequence[Any], *, current: int) -> list[HistoryEntry]:
    """Each version (newest first, as given) with what changed since the one before it."""
    entries = []
    for index, version in enumerate(versions):
        previous = versions[index + 1] if index + 1 < len(versions) else None
        entries.append(
            HistoryEntry(
                version=version,
                changes=tuple(answers_diff(previous.answers, version.answers)) if previous else (),
                renamed_from=previous.name if previous and previous.name != version.name else "",
                model_changed=previous is not None and previous.role_model != version.role_model,
                current=version.number == current,
            )
        )
    return entries


# --- The client list ------------------------------------------------------------------------


def advice_choices() -> list[tuple[str, str]]:
    """Every role model as (code, short name): the client list's filter by advice."""
    return [(code, term.short) for code, term in vocab.ROLE_MODELS.items()]


def advice_short(code: str | None) -> str:
    """A role model in a word or two ("CTO"), for a client's latest advice at a glance;
    "" for no advice yet (a client without scenarios)."""
    term = vocab.ROLE_MODELS.get(code or "")
    return term.short if term else ""


def under_older_rules(ruleset_version: str) -> bool:
    """Whether a scenario was saved under rules older than today's."""
    return ruleset_version != RULESET_VERSION
