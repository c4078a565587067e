"""Proven over the whole answer space: every combination of the contract's answers.

Stage x industry x product focus x IT weight x regulated x in-house applications x the
single-leader wish x today's leadership x product lines at 1, at every threshold a rule
tests, one either side of it, and at the most the questionnaire allows. For each answer
set the cached engine is held against a plain reading of the tables (orgdesign.rules.plain)
and against itself: its reasons, steps, conflicts, headline, sentences and shared areas.

Everything but the transition depends on the answers without today's leadership, so each
of those "cores" is read and checked once; the transition is checked for every answer set.
"""

import re

from orgdesign.rules import engine, plain
from orgdesign.rules import vocabulary as vocab
from orgdesign.rules.answers import Answers
from orgdesign.rules.table import ALL_TABLES, answers_read_by

RULES = {rule.id: rule for rules in ALL_TABLES.values() for rule in rules}

# --- Reading sentences -------------------------------------------------------------------

SEAT_WORDS = (
    ("cio", re.compile(r"\bCIO\b")),
    ("cto", re.compile(r"\bCTO\b")),
    ("combined", re.compile(r"\bcombined (?:technology )?leader\b", re.IGNORECASE)),
)
# "your CTO", "your CIO and CTO": today's leaders, inside a step.
TODAY = re.compile(
    r"\byour (CIO and CTO|CIO|CTO|combined technology leader|combined leader|IT manager|founder)\b"
)
TODAY_SEATS = {
    "CIO and CTO": ("both", {"cio", "cto"}),
    "CIO": ("cio", {"cio"}),
    "CTO": ("cto", {"cto"}),
    "combined technology leader": ("combined", {"combined"}),
    "combined leader": ("combined", {"combined"}),
    "IT manager": ("it_manager", set()),
    "founder": ("founder", set()),
}
# A code that escaped into a sentence: snake_case, an upper-case code, a lower-case seat
# or boss code, "it" used as the IT noun, a template brace, a Python value.
RAW_CODE = re.compile(
    r"\b[a-z]+_[a-z_]+\b"
    r"|\b[A-Z]+_[A-Z_]+\b"
    r"|\b(?:cio|cto|ceo|cfo|coo|ciso)\b"
    r"|\b(?:internal|head of) it\b"
    r"|\bit (?:manager|operations|lead|systems|security|teams?|weight|complexity)\b"
    r"|[{}]"
    r"|\b(?:None|True|False)\b"
)
SAME_BOTH_SIDES = re.compile(r"(?:would be|would report to) (.+?) instead of (.+?)(?:;|\.$|$)")
# "your Technology leader": a title-case name inside a sentence.
YOUR_CAPITAL = re.compile(r"\byour (?!CIO\b|CTO\b|IT\b)[A-Z]")

_mentions: dict[str, frozenset[str]] = {}
_raw: dict[str, str] = {}


def mentions(text):
    """The seats a sentence names (CIO, CTO, the combined leader)."""
    found = _mentions.get(text)
    if found is None:
        found = frozenset(code for code, pattern in SEAT_WORDS if pattern.search(text))
        _mentions[text] = found
    return found


def sentence_problem(text):
    """What is wrong with a sentence a person reads ("" when nothing)."""
    found = _raw.get(text)
    if found is None:
        found = ""
        if not text.strip():
            found = "an empty sentence"
        elif match := RAW_CODE.search(text):
            found = f"holds the code {match.group(0)!r}"
        elif match := YOUR_CAPITAL.search(text):
            found = f"names today's leader by a title ({match.group(0)!r})"
        else:
            for match in SAME_BOTH_SIDES.finditer(text):
                if match.group(1).strip() == match.group(2).strip():
                    found = f"says the advice would be what it already is ({match.group(0)!r})"
        _raw[text] = found
    return found


# --- Collecting failures -----------------------------------------------------------------


class Problems:
    """Every failure, counted; the first twenty kept as messages."""

    def __init__(self):
        self.count = 0
        self.messages = []

    def add(self, where, message):
        self.count += 1
        if len(self.messages) < 20:
            self.messages.append(f"{where}: {message}")

    def report(self):
        return f"{self.count} problems over the answer space; the first:\n" + "\n".join(
            self.messages
        )


def label(values, current=None):
    words = [str(values[key]) for key in plain.CORE_ANSWERS]
    if current is not None:
        words.append(f"today={current}")
    return "/".join(words)


# --- The checks --------------------------------------------------------------------------


def expected_roles(reading):
    roles = []
    for code, boss, variant in zip(reading.codes, reading.bosses, reading.variants, strict=True):
        copies = reading.facts["product_lines"] if variant == "line" else 1
        roles += [(code, boss, variant)] * copies
    return roles


def check_against_plain(rec, reading, where, problems):
    got = [(seat.code, seat.reports_to, seat.variant) for seat in rec.roles]
    if rec.role_model != reading.model:
        problems.add(where, f"role model {rec.role_model}, the tables say {reading.model}")
    if got != expected_roles(reading):
        problems.add(where, f"seats {got}, the tables say {expected_roles(reading)}")
        return
    focus = {seat.code: (seat.focus, seat.direct_reports) for seat in rec.roles}
    for i, code in enumerate(reading.codes):
        if focus[code] != (reading.focus[i], reading.teams[i]):
            problems.add(where, f"{code}'s focus and team differ from the tables'")
    skills = tuple(item.skills for item in rec.skills)
    if [item.code for item in rec.skills] != list(reading.codes) or skills != reading.skills:
        problems.add(where, "skills differ from the tables'")
    if rec.considerations != reading.considerations:
        problems.add(where, "considerations differ from the tables'")
    reasons = tuple(reason.rule for reason in rec.rationale)
    if reasons != reading.reasons:
        problems.add(where, f"reasons {reasons}, the tables give {reading.reasons}")


def answer_words(answers):
    """Every way a reason may word these answers: each answer's own words, and product
    lines as "3 or more product lines" for every threshold they reach."""
    words = {vocab.answer_value(key, value).short for key, value in answers.to_dict().items()}
    for threshold in plain.line_thresholds():
        if answers.product_lines >= threshold:
            words.add(vocab.SENTENCES["lines_at_least"].format(lines=threshold))
    return words


def check_reasons(rec, where, problems):
    codes = {seat.code for seat in rec.roles}
    lines = {(seat.code, seat.reports_to) for seat in rec.roles}
    words = answer_words(rec.answers)
    for reason in rec.rationale:
        rule = RULES[reason.rule]
        if not set(rule.names) <= codes:
            problems.add(where, f"{rule.id} presents {rule.names} as seats; the plan has {codes}")
        undeclared = mentions(reason.text) - set(rule.names) - set(rule.later)
        if undeclared:
            problems.add(where, f"{rule.id} names {sorted(undeclared)} without declaring them")
        for claim in rule.claims:
            if claim not in lines:
                problems.add(where, f"{rule.id} claims {claim}; the seats say {sorted(lines)}")
        if not reason.matched and answers_read_by((rule,)):
            problems.add(where, f"{rule.id} lists no answer it matched")
        if not set(reason.matched) <= words:
            problems.add(where, f"{rule.id} matched {sorted(set(reason.matched) - words)}")


def check_headline(rec, where, problems):
    codes = {seat.code for seat in rec.roles}
    if not mentions(rec.headline) <= codes:
        problems.add(where, f"the headline names a seat the plan lacks: {rec.headline}")
    for code, variant in dict.fromkeys((seat.code, seat.variant) for seat in rec.roles):
        term = vocab.seat_term(code, variant)
        if variant == "line":
            lines = rec.answers.product_lines
            wanted = f"a CTO for each of your {lines} product lines"
        else:
            wanted = term.a
        if wanted not in rec.headline:
            problems.add(where, f"the headline lacks {wanted!r}: {rec.headline}")
    for i, seat in enumerate(s for s in rec.roles if s.variant == "line"):
        if seat.title != vocab.line_cto_title(i + 1):
            problems.add(where, f"a product-line CTO is titled {seat.title!r}")
    for seat in rec.roles:
        if seat.variant != "line" and seat.title != vocab.seat_term(seat.code, seat.variant).title:
            problems.add(where, f"the {seat.code} seat is titled {seat.title!r}")


def check_areas(rec, where, problems):
    codes = {seat.code for seat in rec.roles}
    internal = rec.answers.product_focus == "internal"
    for area in rec.responsibilities:
        if area.lead not in codes or area.internal.owner not in codes:
            problems.add(where, f"{area.area} is held by a seat the plan lacks")
        product = area.product.owner
        if product not in codes and not (product == "" and internal):
            problems.add(where, f"the product side of {area.area} is held by {product!r}")
        if internal and product:
            problems.add(where, f"{area.area} has a product side where nothing is sold")


def core_sentences(rec):
    yield rec.headline
    for seat in rec.roles:
        yield seat.title
        yield seat.focus
        yield from seat.direct_reports
    for reason in rec.rationale:
        yield reason.text
        yield from reason.matched
    for area in rec.responsibilities:
        yield area.label
        yield area.internal.text
        if area.product.owner:
            yield area.product.text
    for item in rec.skills:
        yield from item.skills
    yield rec.sensitivity.summary
    for item in rec.sensitivity.items:
        yield item.label
        for change in item.changes:
            yield change.value_label
            yield change.text
    for pair in rec.sensitivity.pairs:
        yield pair.text
    yield from rec.revisit
    yield from rec.considerations


def check_sentences(sentences, where, problems):
    for text in sentences:
        problem = sentence_problem(text)
        if problem:
            problems.add(where, f"{problem}: {text!r}")


def check_transition(rec, steps, where, problems):
    """Steps and conflicts name the plan's seats, or today's where they speak of today."""
    current = rec.answers.current_leadership
    held = vocab.CURRENT_SEATS[current]
    codes = {seat.code for seat in rec.roles}
    terms = [vocab.seat_term(s.code, s.variant) for s in rec.roles]
    owner = next(a.internal.owner for a in rec.responsibilities if a.area == "cybersecurity")
    security_owner = next(term for s, term in zip(rec.roles, terms, strict=True) if s.code == owner)
    got_steps = tuple(step.rule for step in rec.transition.steps)
    got_conflicts = tuple(conflict.rule for conflict in rec.transition.conflicts)
    if (got_steps, got_conflicts) != (steps.steps, steps.conflicts):
        problems.add(
            where, f"steps {got_steps} and conflicts {got_conflicts} differ from the tables'"
        )
    for step in rec.transition.steps:
        check_sentences([step.text], where, problems)
        for match in TODAY.finditer(step.text):
            leader, seats = TODAY_SEATS[match.group(1)]
            if not seats <= held or (not seats and leader != current):
                problems.add(where, f"{step.rule} calls {match.group(0)!r} today's leader")
        plan_words = TODAY.sub("", step.text)
        if not mentions(plan_words) <= codes:
            problems.add(where, f"{step.rule} names a seat the plan lacks: {step.text}")
    for conflict in rec.transition.conflicts:
        check_sentences([conflict.text, conflict.resolution], where, problems)
        if not conflict.text.startswith("Today"):
            problems.add(where, f"{conflict.rule} does not say it is about today")
        if not mentions(conflict.text) <= held:
            problems.add(where, f"{conflict.rule} speaks of a seat nobody holds today")
        if not mentions(conflict.resolution) <= codes:
            problems.add(where, f"{conflict.rule} resolves through a seat the plan lacks")
        lowered = conflict.resolution.lower()
        if not any(term.the.lower() in lowered or term.a.lower() in lowered for term in terms):
            problems.add(where, f"{conflict.rule}'s resolution names no seat of the plan")
        if "security" in conflict.text and security_owner.the not in conflict.resolution:
            problems.add(where, f"{conflict.rule} does not hand security to {security_owner.the}")


# --- Sensitivity, against the plain reading ------------------------------------------------

INDUSTRY_BY_LABEL = {label: value for value, label in vocab.CHOICES["industry"]}


def listed_changes(rec):
    out = {}
    for item in rec.sensitivity.items:
        for change in item.changes:
            if item.key == "industry":
                values = [INDUSTRY_BY_LABEL[text] for text in change.value_label.split("; ")]
            else:
                values = [change.value]
            for value in values:
                out[(item.key, value)] = (change.role_model, change.several_ctos)
    return out


def check_sensitivity(rec, key, readings, where, problems):
    """Single answers and pairs that change the structure, and borderline, computed from
    the plain reading of every neighbouring answer set."""
    base = readings[key]
    index = {name: i for i, name in enumerate(plain.CORE_ANSWERS)}

    def other(*changes):
        new = list(key)
        for name, value in changes:
            new[index[name]] = value
        new = tuple(new)
        if new not in readings:
            readings[new] = plain.read(dict(zip(plain.CORE_ANSWERS, new, strict=True)))
        return readings[new]

    expected, quiet = {}, {}
    for name in plain.CORE_ANSWERS:
        quiet[name] = []
        for value, _, _ in engine.alternatives(name, key[index[name]]):
            found = other((name, value))
            if found.signature != base.signature:
                expected[(name, value)] = (found.model, found.per_line)
            else:
                quiet[name].append(value)
    if listed_changes(rec) != expected:
        problems.add(where, f"what-ifs {sorted(listed_changes(rec))}, expected {sorted(expected)}")

    pairs = set()
    for i, first in enumerate(plain.CORE_ANSWERS):
        for second in plain.CORE_ANSWERS[i + 1 :]:
            for a in quiet[first]:
                for b in quiet[second]:
                    if other((first, a), (second, b)).signature != base.signature:
                        pairs.add(((first, second), (a, b)))
    got = {(pair.keys, pair.values) for pair in rec.sensitivity.pairs}
    if got != pairs:
        problems.add(where, f"pairs {sorted(got - pairs)} listed, {sorted(pairs - got)} missing")

    shape = (base.model, base.per_line)
    borderline = set()
    it_order = engine.ORDERS["internal_it"]
    here = it_order.index(key[index["internal_it"]])
    for step in (here - 1, here + 1):
        if 0 <= step < len(it_order):
            found = other(("internal_it", it_order[step]))
            if (found.model, found.per_line) != shape:
                borderline.add("internal_it")
    lines = key[index["product_lines"]]
    for threshold in plain.line_thresholds():
        if lines in (threshold - 1, threshold):
            found = other(("product_lines", threshold if lines < threshold else threshold - 1))
            if (found.model, found.per_line) != shape:
                borderline.add("product_lines")
    if set(rec.sensitivity.borderline_keys) != borderline:
        problems.add(
            where, f"borderline on {rec.sensitivity.borderline_keys}, expected {sorted(borderline)}"
        )
    if rec.sensitivity.robust != (not borderline):
        problems.add(where, "robust and borderline disagree")
    for item in rec.sensitivity.items:
        if rec.answers.product_focus == "internal" and item.key == "single_leader":
            problems.add(where, "a what-if turns on the wish although nothing is sold")
    for pair in rec.sensitivity.pairs:
        if rec.answers.product_focus == "internal" and "single_leader" in pair.keys:
            problems.add(where, "a pair turns on the wish although nothing is sold")


def without_wish(rec):
    """What the single-leader wish must not change where nothing is sold."""
    sensitivity = rec.sensitivity
    return (
        rec.role_model,
        rec.headline,
        rec.roles,
        tuple(r for r in rec.rationale if r.rule != "context.one-executive-cio"),
        rec.responsibilities,
        rec.skills,
        rec.considerations,
        rec.revisit,
        rec.transition,
        sensitivity.robust,
        sensitivity.summary,
        sensitivity.borderline_keys,
        tuple(i for i in sensitivity.items if i.key not in ("product_focus", "single_leader")),
        tuple(p for p in sensitivity.pairs if not {"product_focus", "single_leader"} & set(p.keys)),
    )


def shared(rec):
    """Everything that must not depend on today's leadership."""
    return (
        rec.role_model,
        rec.headline,
        rec.roles,
        rec.rationale,
        rec.responsibilities,
        rec.skills,
        rec.sensitivity,
        rec.revisit,
        rec.considerations,
    )


def test_every_answer_set_gives_advice_that_agrees_with_the_tables_and_with_itself():
    problems = Problems()
    readings = {}
    for values in plain.core_space():
        readings[tuple(values.values())] = plain.read(values)
    keys = list(readings)
    leaderships = plain.leaderships()
    checked = 0
    for key in keys:
        reading = readings[key]
        values = dict(zip(plain.CORE_ANSWERS, key, strict=True))
        where = label(values)
        if reading.uncovered:
            problems.add(where, f"no row decides {reading.uncovered}")
            continue
        first = None
        for current in leaderships:
            rec = engine.recommend(Answers(**values, current_leadership=current))
            checked += 1
            here = label(values, current)
            if first is None:
                first = shared(rec)
                check_against_plain(rec, reading, where, problems)
                check_reasons(rec, where, problems)
                check_headline(rec, where, problems)
                check_areas(rec, where, problems)
                check_sentences(core_sentences(rec), where, problems)
                check_sensitivity(rec, key, readings, where, problems)
            elif shared(rec) != first:
                problems.add(here, "today's leadership changed more than the transition")
            check_transition(rec, plain.read_transition(reading, current), here, problems)
            if values["product_focus"] == "internal" and values["single_leader"]:
                plain_rec = engine.recommend(
                    Answers(**{**values, "single_leader": False}, current_leadership=current)
                )
                if without_wish(rec) != without_wish(plain_rec):
                    problems.add(here, "the wish for one executive changed the advice")
                if "context.one-executive-cio" not in {r.rule for r in rec.rationale}:
                    problems.add(here, "the wish for one executive goes unanswered")
    assert checked == plain.space_size()
    assert problems.count == 0, problems.report()
