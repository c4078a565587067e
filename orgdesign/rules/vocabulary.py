"""Every name the product shows for a code: the one place where words are chosen.

A code is what the engine and the JSON contract speak (`cio`, `product_line`, `mid_size`);
a person never reads one. Each code has its forms here, and the web pages, the org chart,
the reports, the admin and the model choices read them from here:

- seats (`SEATS`): a seat code and its variant (a startup's first leader carries a lighter
  title; a product line's CTO is named by its line);
- bosses (`BOSSES`): whom a seat reports to;
- role models (`ROLE_MODELS`): the answer to "CIO, CTO, both or one combined role";
- questions and their answers (`QUESTIONS`).

Each `Term` has a `short` name (badges, chart labels, table cells), a `title` (a heading or
a seat's full title), `the` and `a` forms for inside a sentence, and a `badge`.
Standard library only.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class Term:
    """The forms one code takes in what people read."""

    short: str  # "CIO": a badge, a chart label, a table cell
    title: str  # "Chief Information Officer (CIO)": a heading, a seat's title
    the: str  # "the CIO": inside a sentence, definite
    a: str  # "a CIO": inside a sentence, indefinite
    badge: str  # the words on a coloured badge

    @property
    def The(self) -> str:  # noqa: N802 - reads as the capitalised form at a sentence start
        return capital(self.the)


def capital(text: str) -> str:
    """The text with its first letter upper-cased, and nothing else changed."""
    return text[:1].upper() + text[1:]


# --- Seats --------------------------------------------------------------------------------
# (code, variant). Variants: "full" (the executive seat), "lead" (a small company's first
# leader, who grows into the seat), "line" (a CTO of one product line).

SEATS: dict[tuple[str, str], Term] = {
    ("cio", "full"): Term(
        short="CIO",
        title="Chief Information Officer (CIO)",
        the="the CIO",
        a="a CIO",
        badge="CIO",
    ),
    ("cio", "lead"): Term(
        short="Head of IT",
        title="Head of IT, growing into the CIO seat",
        the="the head of IT",
        a="a head of IT",
        badge="CIO seat",
    ),
    ("cto", "full"): Term(
        short="CTO",
        title="Chief Technology Officer (CTO)",
        the="the CTO",
        a="a CTO",
        badge="CTO",
    ),
    ("cto", "line"): Term(
        short="Product-line CTO",
        title="CTO of a product line",
        the="each product line's CTO",
        a="a CTO for each product line",
        badge="CTO",
    ),
    ("combined", "full"): Term(
        short="Technology leader",
        title="Chief Technology and Information Officer",
        the="the combined technology leader",
        a="a combined technology leader",
        badge="CTO + CIO",
    ),
    ("combined", "lead"): Term(
        short="Head of technology",
        title="Head of Technology (CTO and CIO remits)",
        the="the head of technology",
        a="a head of technology covering both remits",
        badge="CTO + CIO",
    ),
}
SEAT_CODES: tuple[str, ...] = ("cio", "cto", "combined")
SEAT_VARIANTS: tuple[str, ...] = ("full", "lead", "line")


def seat_term(code: str, variant: str = "full") -> Term:
    """The words for a seat; an unknown variant falls back to the full seat."""
    return SEATS.get((code, variant)) or SEATS[(code, "full")]


def line_cto_title(number: int) -> str:
    """The title of the CTO of product line `number`."""
    return f"CTO, product line {number}"


def line_ctos_title(count: int) -> str:
    """The CTOs of `count` product lines, named together (a chart box, a seats row)."""
    return f"{count} product-line CTOs, one for each line"


# Nobody holds it: a shared area's side that no seat of the structure owns.
NOBODY = Term(short="Nobody yet", title="Nobody yet", the="nobody", a="nobody", badge="Open")

# --- Bosses -------------------------------------------------------------------------------

BOSSES: dict[str, Term] = {
    "ceo": Term("CEO", "Chief Executive Officer (CEO)", "the CEO", "a CEO", "CEO"),
    "cfo": Term("CFO", "Chief Financial Officer (CFO)", "the CFO", "a CFO", "CFO"),
    "coo": Term("COO", "Chief Operating Officer (COO)", "the COO", "a COO", "COO"),
    "cio": Term("CIO", "Chief Information Officer (CIO)", "the CIO", "a CIO", "CIO"),
    "cto": Term("CTO", "Chief Technology Officer (CTO)", "the CTO", "a CTO", "CTO"),
    "board": Term("Board", "The board", "the board", "a board", "Board"),
    "product_line": Term(
        "Product line", "Their product line", "their product line", "a product line", "Line"
    ),
}

# --- Role models --------------------------------------------------------------------------

ROLE_MODELS: dict[str, Term] = {
    "cio": Term("CIO", "A CIO", "a CIO", "a CIO", "CIO"),
    "cto": Term("CTO", "A CTO", "a CTO", "a CTO", "CTO"),
    "both": Term(
        "CIO and CTO",
        "Both a CIO and a CTO",
        "both a CIO and a CTO",
        "both a CIO and a CTO",
        "CIO and CTO",
    ),
    "combined": Term(
        "Combined role",
        "One combined technology leader",
        "one combined technology leader",
        "one combined technology leader",
        "Combined role",
    ),
}
# The "both" model with one CTO per product line, as one shape of advice.
PER_LINE = Term(
    "CIO and a CTO per line",
    "A CIO and one CTO per product line",
    "a CIO and one CTO per product line",
    "a CIO and one CTO per product line",
    "CIO and CTO per line",
)


def shape_term(model: str, per_line: bool) -> Term:
    """The words for a role model, with one CTO per product line when `per_line`."""
    return PER_LINE if per_line and model == "both" else ROLE_MODELS[model]


# --- Questions and answers ----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Value:
    """One answer to one question."""

    value: Any
    label: str  # as the questionnaire offers it
    short: str  # inside a sentence: "a scale-up", "light internal IT"
    condition: str  # a what-if: "At the scale-up stage", "With light internal IT"


@dataclass(frozen=True, slots=True)
class Question:
    key: str
    label: str  # "Company stage": a heading, a table row
    words: str  # "company stage": inside a sentence
    values: tuple[Value, ...]

    def value(self, value: Any) -> Value:
        for item in self.values:
            if item.value == value and type(item.value) is type(value):
                return item
        raise KeyError(f"{self.key}: no answer {value!r}")


def _q(key: str, label: str, words: str, *values: Value) -> Question:
    return Question(key, label, words, values)


QUESTIONS: dict[str, Question] = {
    q.key: q
    for q in (
        _q(
            "stage",
            "Company stage",
            "company stage",
            Value(
                "startup", "Startup (under about 50 people)", "a startup", "At the startup stage"
            ),
            Value(
                "scaleup",
                "Scale-up (about 50 to 250 people)",
                "a scale-up",
                "At the scale-up stage",
            ),
            Value(
                "mid_size",
                "Mid-sized (about 250 to 1,000 people)",
                "a mid-sized company",
                "At the mid-sized stage",
            ),
            Value(
                "enterprise",
                "Enterprise (1,000 people or more)",
                "an enterprise",
                "At the enterprise stage",
            ),
        ),
        _q(
            "industry",
            "Industry",
            "industry",
            Value("software", "Software and technology", "software", "In software"),
            Value("finance", "Banking, insurance and finance", "finance", "In banking or finance"),
            Value("healthcare", "Healthcare and life sciences", "healthcare", "In healthcare"),
            Value("retail", "Retail and e-commerce", "retail", "In retail"),
            Value("manufacturing", "Manufacturing", "manufacturing", "In manufacturing"),
            Value("energy", "Energy and utilities", "energy", "In energy or utilities"),
            Value("public_sector", "Public sector", "the public sector", "In the public sector"),
            Value(
                "professional_services",
                "Professional services",
                "professional services",
                "In professional services",
            ),
            Value("other", "Another industry", "another industry", "In another industry"),
        ),
        _q(
            "product_focus",
            "Product focus",
            "product focus",
            Value(
                "tech_product",
                "Technology is what we sell",
                "technology is what you sell",
                "If technology were what you sell",
            ),
            Value(
                "tech_enabled",
                "We sell through significant customer-facing technology",
                "you sell through customer-facing technology",
                "If you sold through customer-facing technology",
            ),
            Value(
                "internal",
                "Technology mainly runs our internal operations",
                "technology runs internal operations",
                "If technology mainly ran your internal operations",
            ),
        ),
        _q(
            "product_lines",
            "Product lines",
            "product lines",
            # Only the values a rule tells apart are listed; `product_lines_value` words
            # any other number.
            Value(1, "1", "a single product line", "With a single product line"),
        ),
        _q(
            "regulated",
            "Regulated or sensitive data",
            "regulated or sensitive data",
            Value(True, "Yes", "regulated or sensitive data", "With regulated or sensitive data"),
            Value(False, "No", "no regulated data", "Without regulated data"),
        ),
        _q(
            "internal_app_dev",
            "In-house business applications",
            "in-house business applications",
            Value(
                True,
                "Yes",
                "many in-house business applications",
                "If you built many business applications in house",
            ),
            Value(
                False,
                "No",
                "few in-house business applications",
                "Without much in-house application development",
            ),
        ),
        _q(
            "internal_it",
            "Internal IT complexity",
            "internal IT complexity",
            Value(
                "light",
                "Light: a few SaaS tools, one office",
                "light internal IT",
                "With light internal IT",
            ),
            Value(
                "moderate",
                "Moderate: several business systems, some integration work",
                "moderate internal IT",
                "With moderate internal IT",
            ),
            Value(
                "heavy",
                "Heavy: many systems, sites or users; IT operations is a job of its own",
                "heavy internal IT",
                "With heavy internal IT",
            ),
        ),
        _q(
            "single_leader",
            "One accountable technology executive",
            "the wish for one accountable technology executive",
            Value(
                True,
                "Yes",
                "you want one accountable executive",
                "If you wanted one accountable technology executive",
            ),
            Value(
                False,
                "No",
                "two executives are acceptable",
                "If two technology executives were acceptable",
            ),
        ),
        _q(
            "current_leadership",
            "Who leads technology today",
            "who leads technology today",
            Value("none", "Nobody in particular", "nobody in particular", "If nobody led it"),
            Value(
                "founder",
                "A founder, alongside other duties",
                "a founder",
                "If a founder led it",
            ),
            Value(
                "it_manager",
                "An IT manager or head of IT",
                "an IT manager",
                "If an IT manager led it",
            ),
            Value("cto", "A CTO", "a CTO", "If a CTO led it"),
            Value("cio", "A CIO", "a CIO", "If a CIO led it"),
            Value("both", "Both a CIO and a CTO", "a CIO and a CTO", "If a CIO and a CTO led it"),
            Value(
                "combined",
                "One executive covering both roles",
                "one executive covering both roles",
                "If one executive covered both roles",
            ),
        ),
    )
}

QUESTION_LABELS: dict[str, str] = {key: q.label for key, q in QUESTIONS.items()}
QUESTION_ORDER: tuple[str, ...] = tuple(QUESTIONS)
# The questions with a fixed list of answers, as (value, label) pairs for forms and models.
CHOICE_KEYS: tuple[str, ...] = (
    "stage",
    "industry",
    "product_focus",
    "internal_it",
    "current_leadership",
)
CHOICES: dict[str, tuple[tuple[str, str], ...]] = {
    key: tuple((v.value, v.label) for v in QUESTIONS[key].values) for key in CHOICE_KEYS
}

# Today's leadership, as the seats it already fills and its name inside a sentence.
CURRENT_SEATS: dict[str, frozenset[str]] = {
    "none": frozenset(),
    "founder": frozenset(),
    "it_manager": frozenset(),
    "cto": frozenset({"cto"}),
    "cio": frozenset({"cio"}),
    "both": frozenset({"cio", "cto"}),
    "combined": frozenset({"combined"}),
}
CURRENT_NAMES: dict[str, str] = {
    "none": "nobody in particular",
    "founder": "your founder",
    "it_manager": "your IT manager",
    "cto": "your CTO",
    "cio": "your CIO",
    "both": "your CIO and CTO",
    "combined": "your combined technology leader",
}


def product_lines_value(lines: int) -> Value:
    """Words for a number of product lines (any number, not only the listed ones)."""
    if lines == 1:
        return QUESTIONS["product_lines"].values[0]
    return Value(lines, str(lines), f"{lines} product lines", f"With {lines} product lines")


def answer_value(key: str, value: Any) -> Value:
    """The words for one answer; KeyError for a value the question does not have."""
    if key == "product_lines" and isinstance(value, int) and not isinstance(value, bool):
        return product_lines_value(value)
    return QUESTIONS[key].value(value)


def answer_label(key: str, value: Any) -> str:
    """An answer as the questionnaire words it ("Not answered" when absent)."""
    if value is None:
        return "Not answered"
    try:
        return answer_value(key, value).label
    except KeyError:
        return str(value)


def join_words(items: list[str], last: str = "and") -> str:
    """ "a", "a and b", "a, b and c"."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {last} " + items[-1]


def every_term() -> list[tuple[str, Term]]:
    """Every (where, term) pair, for the tests that prove each code has every form."""
    out: list[tuple[str, Term]] = []
    out += [(f"seat {code}/{variant}", term) for (code, variant), term in SEATS.items()]
    out += [(f"boss {code}", term) for code, term in BOSSES.items()]
    out += [(f"role model {code}", term) for code, term in ROLE_MODELS.items()]
    out += [("role model per line", PER_LINE), ("nobody", NOBODY)]
    return out


# --- Sentences the engine writes around the rules' own words ------------------------------
# Each is filled with the forms above; the ruleset version covers them.
SENTENCES: dict[str, str] = {
    "headline_per_line": (
        "Appoint {cio} for the whole company, reporting to {cio_boss}, and a CTO for each "
        "of your {lines} product lines, each reporting into their line."
    ),
    "headline_both": "Have both {first}, reporting to {first_boss}, and {second}, reporting to "
    "{second_boss}.",
    "headline_combined": "Give one executive both remits: {seat}, reporting to {boss}.",
    "headline_cio": "Lead technology with {seat}, reporting to {boss}.",
    "headline_cto": "Lead technology with {seat}, reporting to {boss}.",
    "change_model": "the advice would be {new} instead of {old}",
    "change_title": "the seat would be {new} instead of {old}",
    "change_boss": "{seat} would report to {new} instead of {old}",
    "lines_more": "With {lines} or more product lines",
    "lines_fewer": "With fewer than {lines} product lines",
    "lines_at_least": "{lines} or more product lines",
    "grow_stage": "you grow into {value}",
    "grow_internal_it": "you have {value}",
    "grow_product_lines": "you run {value} or more",
    "grow_internal_app_dev": "you start building {value}",
    "revisit_growth": "When {trigger}: {change}.",
    "revisit_stage": "Review it again when you grow into {stage}.",
    "revisit_yearly": "Review it at least once a year, and after any merger or reorganisation.",
    "borderline": "Borderline: one step in {answers} would change which executives you need.",
    "robust": "Robust: no single step of growth or adjacent answer would change which "
    "executives you need.",
}


# --- The questionnaire's questions, in two voices -----------------------------------------
# A founder answers about their own company ("you"); a consultant answers about a client's
# ("they"). How a question is put never changes the advice, so these words are not part
# of the ruleset's fingerprint. The questionnaire's other words (headings, buttons) are in
# `orgdesign.flow.PAGE_WORDS`, in the same two voices.

FOUNDER, CONSULTANT = "founder", "consultant"


@dataclass(frozen=True, slots=True)
class Voiced:
    """One text as said to a founder and as said to a consultant about their client."""

    founder: str
    consultant: str

    def say(self, voice: str) -> str:
        return self.consultant if voice == CONSULTANT else self.founder


def same(text: str) -> Voiced:
    """A text both voices say alike."""
    return Voiced(text, text)


@dataclass(frozen=True, slots=True)
class Asked:
    """A question as the questionnaire asks it, with its help and its "missing" message."""

    question: Voiced
    help: Voiced = same("")
    missing: Voiced | None = None  # None: the field's own message


ASKED: dict[str, Asked] = {
    "stage": Asked(Voiced("How large is the company?", "How large is their company?")),
    "industry": Asked(
        Voiced("Which industry are you in?", "Which industry is their company in?"),
        missing=Voiced("Please choose your industry.", "Please choose their industry."),
    ),
    "product_focus": Asked(
        Voiced(
            "What role does technology play in what you sell?",
            "What role does technology play in what they sell?",
        )
    ),
    "product_lines": Asked(
        Voiced(
            "How many separate product lines, each with its own technology, do you run?",
            "How many separate product lines, each with its own technology, do they run?",
        )
    ),
    "regulated": Asked(
        Voiced(
            "Do you handle regulated or highly sensitive data?",
            "Do they handle regulated or highly sensitive data?",
        ),
        same("For example payments, health records, or personal data under strict rules."),
    ),
    "internal_app_dev": Asked(
        Voiced(
            "Do you build many of your own internal business applications?",
            "Do they build many of their own internal business applications?",
        ),
        Voiced(
            "Software for your staff, not your customers: back-office, operations, reporting.",
            "Software for their staff, not their customers: back-office, operations, reporting.",
        ),
    ),
    "internal_it": Asked(
        Voiced("How complex is your internal IT?", "How complex is their internal IT?")
    ),
    "single_leader": Asked(
        Voiced(
            "Do you want one executive accountable for all technology?",
            "Do they want one executive accountable for all technology?",
        ),
        same("Some companies prefer a single person answering for everything technical."),
    ),
    "current_leadership": Asked(
        Voiced(
            "Who leads technology in the company today?",
            "Who leads technology in their company today?",
        )
    ),
}
