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
- `trash_entries(...)`: the rows of the firm's trash, with the days left.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.utils.safestring import SafeString, mark_safe

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


# --- The firm's trash ----------------------------------------------------------------------


@dataclass(frozen=True)
class TrashEntry:
    """One row of the trash page: what it is, who deleted it, when, and the days left."""

    kind: str  # "client" or "scenario"
    pk: int
    name: str
    detail: str  # "3 scenarios with it" or "of Brightwave"
    deleted_by: str
    deleted_at: datetime
    purge_on: datetime
    days_left: int
    # A scenario whose client is in the trash too comes back with the client only.
    client_in_trash: str = ""


def trash_days_left(deleted_at: datetime, *, now: datetime, days: int) -> int:
    """Days until a row deleted at `deleted_at` may go for good, counting a started day
    (30 just after deleting, 1 on the last day, 0 once due: the next clean-up takes it)."""
    remaining = deleted_at + timedelta(days=days) - now
    return max(0, math.ceil(remaining / timedelta(days=1)))


def _who(user) -> str:
    if user is None:
        return "a former member"
    return user.get_full_name() or user.get_username()


def trash_entries(
    clients: Sequence[Any], scenarios: Sequence[Any], *, now: datetime, days: int
) -> list[TrashEntry]:
    """The trash's rows, latest deleted first: clients (with how many scenarios went with
    them) and scenarios deleted on their own (with their client)."""

    def entry(row: Any, kind: str, detail: str, client_in_trash: str = "") -> TrashEntry:
        return TrashEntry(
            kind=kind,
            pk=row.pk,
            name=row.name,
            detail=detail,
            deleted_by=_who(row.deleted_by),
            deleted_at=row.deleted_at,
            purge_on=row.deleted_at + timedelta(days=days),
            days_left=trash_days_left(row.deleted_at, now=now, days=days),
            client_in_trash=client_in_trash,
        )

    entries = [
        entry(
            c,
            "client",
            f"Client, with {c.scenario_count} scenario{'s' if c.scenario_count != 1 else ''}",
        )
        for c in clients
    ]
    entries += [
        entry(
            s,
            "scenario",
            f"Scenario of {s.client.name}",
            client_in_trash=s.client.name if s.client.deleted_at else "",
        )
        for s in scenarios
    ]
    return sorted(entries, key=lambda e: (e.deleted_at, e.kind, e.pk), reverse=True)


# --- The client's review: what a comment is about, sign-off status ----------------------

REVIEW_WHOLE = "The recommendation as a whole"
REVIEW_LABEL_MAX = 80


def _shorten(text: str, limit: int = REVIEW_LABEL_MAX) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _target_labels(rec: Mapping[str, Any], limit: int | None) -> list[tuple[str, str]]:
    def cut(text: str) -> str:
        return _shorten(text, limit) if limit else " ".join(text.split())

    choices = [("", REVIEW_WHOLE)]
    for number, reason in enumerate(reason_rows(rec), start=1):
        if reason.rule:
            choices.append((f"reason:{reason.rule}", f"Reason {number}: {cut(reason.text)}"))
    seen: set[str] = set()
    for row in seat_rows(rec):
        if row.code and row.code not in seen:
            seen.add(row.code)
            choices.append((f"seat:{row.code}", f"Seat: {row.title}"))
    return choices


def review_targets(rec: Mapping[str, Any]) -> list[tuple[str, str]]:
    """What a client may comment on, as form choices: the whole (""), each reason
    ("reason:<rule id>", "Reason 2: …", shortened) and each seat ("seat:<code>",
    "Seat: Chief Technology Officer (CTO)")."""
    return _target_labels(rec, REVIEW_LABEL_MAX)


def review_target_label(rec: Mapping[str, Any], target: str, key: str) -> str:
    """What a comment is about, in words (a reason in full), as this recommendation names
    it; a reason or seat it no longer has is named by its id."""
    if target not in ("reason", "seat") or not key:
        return REVIEW_WHOLE
    labels = dict(_target_labels(rec, None))
    if f"{target}:{key}" in labels:
        return labels[f"{target}:{key}"]
    if target == "reason":
        return f"A reason no longer in this version (rule {key})"
    return f"A seat no longer in this version ({key})"


@dataclass(frozen=True)
class ReviewThread:
    """The comments on one thing: the whole advice, one reason or one seat."""

    target: str  # "recommendation", "reason" or "seat"
    key: str
    label: str
    comments: tuple[Any, ...]  # ReviewComment rows, oldest first, with their replies


def review_threads(rec: Mapping[str, Any], comments: Sequence[Any]) -> list[ReviewThread]:
    """Comments grouped by what they are about, in the page's order (the whole, the
    reasons, the seats), then anything this recommendation no longer has."""
    order = [value for value, _ in review_targets(rec)]
    groups: dict[str, list[Any]] = {}
    for comment in comments:
        key = comment.target_key if comment.target in ("reason", "seat") else ""
        groups.setdefault(f"{comment.target}:{key}" if key else "", []).append(comment)
    ranked = sorted(groups, key=lambda v: (order.index(v) if v in order else len(order), v))
    threads = []
    for value in ranked:
        target, _, key = value.partition(":")
        threads.append(
            ReviewThread(
                target=target or "recommendation",
                key=key,
                label=review_target_label(rec, target, key),
                comments=tuple(groups[value]),
            )
        )
    return threads


@dataclass(frozen=True)
class SignOffLine:
    version: int
    name: str
    role: str
    on: str  # "12 May 2026"
    text: str  # "Ada Board (Chair of the board), 12 May 2026"


@dataclass(frozen=True)
class SignOffStatus:
    """Whether the current version is signed off, for every page and report."""

    version: int  # the current version
    signed: bool
    summary: str  # "Signed off: version 3, by …" / "Not signed off yet (version 2 was …)"
    current: tuple[SignOffLine, ...]  # the sign-offs of the current version
    earlier: tuple[SignOffLine, ...]  # those of earlier versions, newest first


def _signoff_line(signoff: Any) -> SignOffLine:
    from django.utils import timezone

    when = timezone.localtime(signoff.created_at)
    on = f"{when.day} {when:%B %Y}"
    return SignOffLine(
        version=signoff.version,
        name=signoff.name,
        role=signoff.role,
        on=on,
        text=f"{signoff.name} ({signoff.role}), {on}",
    )


def signoff_status(*, version: int, signoffs: Sequence[Any]) -> SignOffStatus:
    """The sign-off status of a scenario at `version`, from its SignOff rows: a sign-off
    counts for the version it was given on only."""
    lines = sorted(
        (_signoff_line(s) for s in signoffs), key=lambda line: -line.version
    )  # stable: the rows' own order within a version
    current = tuple(line for line in lines if line.version == version)
    earlier = tuple(line for line in lines if line.version < version)
    if current:
        who = "; ".join(line.text for line in current)
        summary = f"Signed off: version {version}, by {who}."
    elif earlier:
        last = earlier[0]
        summary = (
            f"Not signed off yet (version {last.version} was signed off by {last.name}, "
            f"{last.role}, on {last.on})."
        )
    else:
        summary = "Not signed off yet."
    return SignOffStatus(version, bool(current), summary, current, earlier)


def signoffs_by_version(signoffs: Sequence[Any]) -> dict[int, list[SignOffLine]]:
    """The sign-offs of each version that has any (for the history page)."""
    out: dict[int, list[SignOffLine]] = {}
    for signoff in signoffs:
        out.setdefault(signoff.version, []).append(_signoff_line(signoff))
    return out


# --- The consultant's voice ----------------------------------------------------------------
# A scenario's `voice` (see `services.scenario_set_voice`): "our view" as Markdown, and per
# seat code an own title and an adjusted reporting line with its reason. It is shown beside
# the engine's advice, never mixed into it: the engine's seat rows stay as they are, and
# each adjustment names what the engine said and what the consultant says instead.

VOICE_BADGE = "Consultant's adjustment"
OUR_CHART_TITLE = "The structure as we adjust it"
# "Our view" is Markdown reduced to paragraphs, bold, italic, lists and links. Raw HTML is
# off (it prints as text); a link to anything but http, https or mailto stays plain text.
OUR_VIEW_TAGS = {"p", "strong", "em", "ul", "ol", "li", "a", "br"}
LINK_SCHEMES = ("http://", "https://", "mailto:")


def _markdown():
    from markdown_it import MarkdownIt

    md = MarkdownIt("zero", {"html": False, "linkify": False, "typographer": False})
    md.enable(["emphasis", "link", "list", "newline", "escape"])
    md.validateLink = lambda url: url.strip().lower().startswith(LINK_SCHEMES)
    return md


_MD = _markdown()


def our_view_html(text: str, *, tokens: list | None = None) -> SafeString:
    """The Markdown as HTML for a page: parsed with raw HTML off, then sanitised by nh3 (only
    the subset's tags; links http, https or mailto, with rel="noopener noreferrer
    nofollow"). Safe to embed as it is. `tokens`: the text already parsed (`_MD.parse`)."""
    import nh3

    tokens = _MD.parse(text or "") if tokens is None else tokens
    html = _MD.renderer.render(tokens, _MD.options, {})
    clean = nh3.clean(
        html,
        tags=OUR_VIEW_TAGS,
        attributes={"a": {"href"}, "ol": {"start"}},
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )
    return mark_safe(clean)  # noqa: S308 - sanitised by nh3 just above


def our_view_nodes(text: str, *, tokens: list | None = None) -> list[dict[str, Any]]:
    """The Markdown as a tree of plain nodes, for reports that draw text themselves (the
    PDF's Typst reads them as data, never as markup; PowerPoint and Word as runs).

    Blocks: {"type": "paragraph", "children": [inline...]} and {"type": "list",
    "ordered": bool, "start": int, "items": [[block...]...]}. Inline: {"type": "text",
    "text"}, {"type": "break"}, and "strong", "emph", "link" (with "href") holding
    "children"."""
    blocks: list[dict[str, Any]] = []
    containers: list[list[dict[str, Any]]] = [blocks]
    for token in _MD.parse(text or "") if tokens is None else tokens:
        if token.type in ("bullet_list_open", "ordered_list_open"):
            ordered = token.type == "ordered_list_open"
            start = int(token.attrGet("start") or 1) if ordered else 1
            node = {"type": "list", "ordered": ordered, "start": start, "items": []}
            containers[-1].append(node)
            containers.append(node["items"])
        elif token.type in ("bullet_list_close", "ordered_list_close", "list_item_close"):
            containers.pop()
        elif token.type == "list_item_open":
            item: list[dict[str, Any]] = []
            containers[-1].append(item)  # type: ignore[arg-type]
            containers.append(item)
        elif token.type == "inline":
            containers[-1].append({"type": "paragraph", "children": _inline_nodes(token)})
    return blocks


def _inline_nodes(token) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    stack = [out]
    for child in token.children or []:
        kind = child.type
        if kind == "text" and child.content:
            stack[-1].append({"type": "text", "text": child.content})
        elif kind in ("softbreak", "hardbreak"):
            stack[-1].append({"type": "break"})
        elif kind in ("strong_open", "em_open", "link_open"):
            node: dict[str, Any] = {
                "type": {"strong_open": "strong", "em_open": "emph"}.get(kind, "link"),
                "children": [],
            }
            if kind == "link_open":
                node["href"] = str(child.attrGet("href") or "")
            stack[-1].append(node)
            stack.append(node["children"])
        elif kind in ("strong_close", "em_close", "link_close") and len(stack) > 1:
            stack.pop()
    return out


def nodes_text(nodes: Sequence[Mapping[str, Any]]) -> str:
    """The plain text of inline nodes (a link as its words)."""
    return "".join(
        node.get("text", "") if node["type"] == "text" else
        "\n" if node["type"] == "break" else nodes_text(node.get("children", []))
        for node in nodes
    )  # fmt: skip


def voice_boss_term(code: str) -> vocab.Term:
    """The words for whom a seat reports to in an adjustment: a boss of the vocabulary, or
    another seat."""
    if code in vocab.BOSSES:
        return vocab.BOSSES[code]
    if code in vocab.SEAT_CODES:
        return vocab.seat_term(code)
    return boss_term(code)


def voice_boss_choices(rec: Mapping[str, Any], code: str) -> list[tuple[str, str]]:
    """Whom seat `code` may be adjusted to report to: every boss of the vocabulary and every
    other seat of this advice, but not itself (code, "the CFO")."""
    seats = [s.get("code", "") for s in rec.get("roles", []) or []]
    codes = [*vocab.BOSSES, *(c for c in dict.fromkeys(seats) if c not in vocab.BOSSES)]
    return [(c, voice_boss_term(c).the) for c in codes if c != code]


@dataclass(frozen=True)
class VoiceSeat:
    """One seat as the engine advises it and as the consultant adjusts it."""

    code: str
    seat: str  # the engine's title: "Chief Information Officer (CIO)"
    short: str  # "CIO"
    engine_boss: str  # "the CEO" ("" when the seat is not in this advice)
    our_title: str
    our_boss: str  # "the CFO", "" for the engine's line
    our_boss_code: str
    reason: str
    in_advice: bool  # False: the advice has no such seat (kept, flagged)

    @property
    def engine_agrees(self) -> bool:
        """The engine's line is now the one the consultant chose."""
        return bool(self.our_boss) and self.our_boss == self.engine_boss


@dataclass(frozen=True)
class VoiceView:
    our_view: str  # the Markdown as typed
    our_view_html: str  # sanitised HTML (a SafeString)
    our_view_nodes: tuple[Mapping[str, Any], ...]
    seats: tuple[VoiceSeat, ...]
    badge: str = VOICE_BADGE

    @property
    def empty(self) -> bool:
        return not self.our_view.strip() and not self.seats

    @property
    def by_code(self) -> dict[str, VoiceSeat]:
        return {seat.code: seat for seat in self.seats}

    @property
    def missing(self) -> tuple[VoiceSeat, ...]:
        return tuple(seat for seat in self.seats if not seat.in_advice)


def voice(data: Mapping[str, Any] | None, rec: Mapping[str, Any]) -> VoiceView:
    """The consultant's voice beside recommendation `rec` (the saved advice, or today's in
    the rules-updated panel): each adjusted seat with what the engine says of it here. An
    adjustment of a seat `rec` does not have is kept and flagged (`in_advice` False)."""
    data = data or {}
    rows = {row.code: row for row in reversed(seat_rows(rec))}
    seats = []
    for code, adjustment in (data.get("seats") or {}).items():
        row = rows.get(code)
        term = vocab.seat_term(code) if code in vocab.SEAT_CODES else None
        boss_code = adjustment.get("reports_to", "")
        seats.append(
            VoiceSeat(
                code=code,
                seat=row.title if row else (term.title if term else code),
                short=row.badge if row else (term.short if term else code),
                engine_boss=row.boss if row else "",
                our_title=adjustment.get("title", ""),
                our_boss=voice_boss_term(boss_code).the if boss_code else "",
                our_boss_code=boss_code,
                reason=adjustment.get("reason", ""),
                in_advice=row is not None,
            )
        )
    text = data.get("our_view", "") or ""
    tokens = _MD.parse(text)  # parsed once for the page's HTML and the reports' nodes
    return VoiceView(
        our_view=text,
        our_view_html=our_view_html(text, tokens=tokens),
        our_view_nodes=tuple(our_view_nodes(text, tokens=tokens)),
        seats=tuple(seats),
    )


def voice_changes(old: Mapping[str, Any] | None, new: Mapping[str, Any] | None) -> list[str]:
    """What changed in the consultant's voice, in short phrases (a version's note)."""
    old, new = old or {}, new or {}
    out = []
    if (old.get("our_view") or "") != (new.get("our_view") or ""):
        out.append("Our view changed")
    before, after = old.get("seats") or {}, new.get("seats") or {}
    for code in dict.fromkeys([*before, *after]):
        was, now = before.get(code, {}), after.get(code, {})
        short = voice_boss_term(code).short
        if was.get("title", "") != now.get("title", ""):
            out.append(
                f"our title for the {short} " + ("changed" if now.get("title") else "removed")
            )
        if (was.get("reports_to", ""), was.get("reason", "")) != (
            now.get("reports_to", ""),
            now.get("reason", ""),
        ):
            out.append(
                f"the {short}'s line "
                + ("adjusted" if now.get("reports_to") else "back to the engine's advice")
            )
    return out


def reporting_cycle(roles: Sequence[Mapping[str, Any]]) -> str:
    """The code of a seat that would report to itself through other seats (the CIO to the
    CTO and the CTO to the CIO), or "" when the lines form no circle."""
    boss = {}
    for seat in roles:
        boss.setdefault(seat.get("code", ""), seat.get("reports_to", ""))
    for start in boss:
        seen, code = set(), start
        while code in boss and code not in seen:
            seen.add(code)
            code = boss[code]
        if code == start:
            return start
    return ""


def voice_roles(data: Mapping[str, Any] | None, rec: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The seats of `rec` with the consultant's own titles and lines applied."""
    seats = (data or {}).get("seats") or {}
    roles = []
    for seat in rec.get("roles", []) or []:
        adjustment = seats.get(seat.get("code", "")) or {}
        changed = {**seat, "variant": seat_variant(seat)}
        if adjustment.get("title"):
            changed["title"] = adjustment["title"]
        if adjustment.get("reports_to"):
            changed["reports_to"] = adjustment["reports_to"]
        roles.append(changed)
    return roles


def voice_recommendation(
    data: Mapping[str, Any] | None, rec: Mapping[str, Any]
) -> dict[str, Any] | None:
    """The advice as the consultant adjusts it, to draw their own chart beside the
    engine's (never stored, never shown as the engine's advice): None when no seat of `rec`
    is adjusted, or when the lines would form a circle."""
    seats = (data or {}).get("seats") or {}
    codes = {seat.get("code") for seat in rec.get("roles", []) or []}
    if not any(code in codes for code in seats):
        return None
    roles = voice_roles(data, rec)
    if reporting_cycle(roles):
        return None
    return {**rec, "roles": roles}


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


# --- The comparison: each scenario's sign-off and the consultant's voice ------------------
# Beside the engine's comparison rows, never among them: one part per compared scenario,
# built here once for the compare page, the comparison PDF, PowerPoint and Word.

COMPARE_VOICE_NOTE = "The consultant's own words and adjustments; the engine's advice is unchanged."


@dataclass(frozen=True)
class CompareOurSeat:
    """One adjusted seat of a compared scenario, in lines ready to print."""

    seat: str  # the engine's title: "Chief Information Officer (CIO)"
    engine: str  # "the engine: reports to the CEO" / "no longer in this advice: ..."
    lines: tuple[str, ...]  # "Our title: …", "We adjust: reports to … because …"


@dataclass(frozen=True)
class CompareOurs:
    """One compared scenario's sign-off status in one line, and its consultant's voice
    (`voice` None when it has none)."""

    index: int  # 1, 2, ...
    name: str
    signed: bool
    signoff: str  # "Signed off: version 3, by …" / "Not signed off yet." ("": none to speak of)
    voice: VoiceView | None
    seats: tuple[CompareOurSeat, ...]
    badge: str = VOICE_BADGE
    note: str = COMPARE_VOICE_NOTE


def compare_our_seat(seat: VoiceSeat) -> CompareOurSeat:
    """An adjusted seat as the comparison prints it, the same in every format."""
    if seat.in_advice:
        engine = f"the engine: reports to {seat.engine_boss}"
    else:
        engine = "no longer in this advice: our adjustment is kept"
    lines = [f"Our title: {seat.our_title}"] if seat.our_title else []
    if seat.our_boss:
        lines.append(f"We adjust: reports to {seat.our_boss} because {seat.reason}")
    return CompareOurSeat(seat=seat.seat, engine=engine, lines=tuple(lines))


def comparison_ours(
    items: Sequence[tuple[str, Mapping[str, Any], Mapping[str, Any] | None, SignOffStatus | None]],
) -> tuple[CompareOurs, ...]:
    """For each compared scenario, given as (name, recommendation, voice data, sign-off
    status or None), its sign-off line and, when it has one, the consultant's voice."""
    out = []
    for index, (name, rec, data, status) in enumerate(items, start=1):
        view = voice(data, rec)
        out.append(
            CompareOurs(
                index=index,
                name=name,
                signed=bool(status and status.signed),
                signoff=status.summary if status else "",
                voice=None if view.empty else view,
                seats=tuple(compare_our_seat(seat) for seat in view.seats),
            )
        )
    return tuple(out)
