"""The rules, as tables a reader can audit.

Each rule is one row: an id that never changes meaning, the conditions it needs (`when`),
what it does (`then`), the reason the product shows, and the source article it rests on
(the numbers refer to the seed articles summarised in shared/domain.md: 000 discussion
thread on CIO vs CTO, 001 overview of both roles by company type, 002 and 003 role
comparisons, 004 definitions).

Conditions read *facts*: every answer plus a few derived facts (see `derive_facts`):

- `internal_demand`: regulated data, heavy internal IT, or many in-house business
  applications (the internal pressures that call for a CIO).
- `ops_heavy`: an industry where IT mainly drives operational efficiency
  (manufacturing, retail, energy).
- `model`: the role model once decided; `per_line`: one CTO per product line.

How the tables are read (see engine.py):

1. MODEL_RULES: the first row that matches decides the role model.
2. STRUCTURE_RULES: every matching row applies (several CTOs).
3. REPORTING_RULES: for each seat, the first matching row decides whom it reports to.
4. FOCUS_RULES: for each seat, the first matching row gives its focus.
5. TEAM_RULES: every matching row adds a direct report under a seat.
6. CONTEXT_RULES: every matching row adds a reason (industry and situation notes).
7. SKILL_RULES: every matching row adds a skill to hire for under a seat.
8. CONSIDER_RULES: every matching row adds something to consider beyond the seats.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

Facts = Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class AtLeast:
    """A numeric condition: the fact is at least `n`."""

    n: int

    def __call__(self, value: Any) -> bool:
        return value >= self.n

    def __repr__(self) -> str:
        return f">={self.n}"


Test = Callable[[Any], bool]


def when(**conditions: Any) -> tuple[tuple[str, Any], ...]:
    """Conditions as sorted (fact, accepted) pairs.

    A string or bool accepts that one value, a tuple accepts any of its values, an
    `AtLeast` accepts numbers from its bound. No conditions: always true.
    """
    pairs = []
    for key, accepted in sorted(conditions.items()):
        if isinstance(accepted, AtLeast):
            pairs.append((key, accepted))
        elif isinstance(accepted, tuple):
            pairs.append((key, frozenset(accepted)))
        else:
            pairs.append((key, frozenset((accepted,))))
    return tuple(pairs)


@dataclass(frozen=True, slots=True)
class Rule:
    """One row of a rule table."""

    id: str
    when: tuple[tuple[str, Any], ...]
    then: Any
    reason: str
    source: str
    tests: tuple[tuple[str, Test], ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        tests = tuple(
            (key, accepted if isinstance(accepted, AtLeast) else accepted.__contains__)
            for key, accepted in self.when
        )
        object.__setattr__(self, "tests", tests)

    def matches(self, facts: Facts) -> bool:
        # A plain loop: this runs for every row of every table, and a generator is slower.
        for key, test in self.tests:
            if not test(facts[key]):
                return False
        return True


LARGE = ("mid_size", "enterprise")
SMALL = ("startup", "scaleup")
SELLS_TECH = ("tech_product", "tech_enabled")


# 1. The role model: first match wins. Ordered from the most specific situation.
MODEL_RULES: tuple[Rule, ...] = (
    # 000 (one executive in both roles at a large company), 001 (one person, both hats)
    Rule(
        "model.single-leader",
        when(single_leader=True, stage=("scaleup", "mid_size", "enterprise")),
        "combined",
        "You want one accountable technology executive. Some large companies do give one "
        "person both remits; it works when that person has strong deputies for the product "
        "and for internal IT.",
        "000, 001",
    ),
    # 001 (large enterprises need both), 003 (CTO under the CIO in the traditional model)
    Rule(
        "model.enterprise-internal",
        when(stage="enterprise", product_focus="internal"),
        "both",
        "At enterprise size both remits are full-time jobs. Because technology here mainly "
        "runs the business, the CIO leads, with a CTO for architecture and technology choices.",
        "001, 003",
    ),
    # 001 (in large enterprises both roles are crucial)
    Rule(
        "model.enterprise",
        when(stage="enterprise"),
        "both",
        "At enterprise size both roles are essential: a CIO runs internal operations and a "
        "CTO drives the product and technology innovation.",
        "001",
    ),
    # 001 (a product-driven mid-sized firm benefits from having both)
    Rule(
        "model.midsize-product",
        when(stage="mid_size", product_focus=SELLS_TECH),
        "both",
        "A mid-sized company whose offering depends on technology gains from both roles: the "
        "CTO keeps the product moving while a CIO takes on internal systems that have "
        "outgrown a side job.",
        "001",
    ),
    # 001 (mid-sized internal IT justifies a full-time CIO), 000 (non-software: only a CIO)
    Rule(
        "model.midsize-internal",
        when(stage="mid_size", product_focus="internal"),
        "cio",
        "At a few hundred people internal IT is a full-time executive job. Technology runs "
        "the business rather than being sold, so a CIO is the seat to fill; a CTO would have "
        "no product to lead.",
        "000, 001",
    ),
    # 000 (a company that is not a software company often has only a CIO)
    Rule(
        "model.scaleup-internal",
        when(stage="scaleup", product_focus="internal"),
        "cio",
        "When technology mainly runs internal operations, the lead role is the operations "
        "one: a CIO who owns systems, security and support. Companies that do not sell "
        "technology often need only this seat.",
        "000, 001",
    ),
    # 001 (the need for a CIO appears as internal IT and scaling demand it; regulation
    # makes the CIO even more critical)
    Rule(
        "model.scaleup-internal-demand",
        when(stage="scaleup", product_focus=SELLS_TECH, internal_demand=True),
        "both",
        "Growth has brought internal demands (regulated data, heavy internal IT or in-house "
        "business applications) that a product-minded CTO should not carry alone. This is the "
        "point where companies add a CIO beside the CTO.",
        "001",
    ),
    # 000 (a software company has to have a CTO driving the product), 001
    Rule(
        "model.scaleup-product",
        when(stage="scaleup", product_focus="tech_product"),
        "cto",
        "Technology is what you sell, so the CTO is the key technology seat and leads the "
        "product. Internal IT is still small enough to sit under the CTO.",
        "000, 001",
    ),
    # 001 (smaller companies: one person often wears both hats)
    Rule(
        "model.scaleup-enabled",
        when(stage="scaleup", product_focus="tech_enabled"),
        "combined",
        "At this size one leader can cover both the customer-facing platform and the internal "
        "systems. Splitting the job now would create two half-time executives.",
        "001",
    ),
    # 001 (regulated industries make the CIO side critical; small: one person, both hats)
    Rule(
        "model.startup-regulated",
        when(stage="startup", product_focus=SELLS_TECH, regulated=True),
        "combined",
        "Regulated or sensitive data makes security and compliance a day-one duty, so your "
        "first technology leader must own them alongside the product: one person, both hats.",
        "001",
    ),
    # 001 (startups begin with a CTO who builds the product from the ground up)
    Rule(
        "model.startup-product",
        when(stage="startup", product_focus="tech_product"),
        "cto",
        "Young technology companies start with a CTO who builds the product from the ground "
        "up. A CIO comes later, once internal IT needs one.",
        "001",
    ),
    # 001 (in smaller companies one person often holds both roles)
    Rule(
        "model.startup-enabled",
        when(stage="startup", product_focus="tech_enabled"),
        "combined",
        "In a small company one person usually wears both hats: building the customer-facing "
        "technology and keeping the internal tools running.",
        "001",
    ),
    # 000 (not a software company: a CIO), 001 (the CIO need grows with internal IT)
    Rule(
        "model.startup-internal",
        when(stage="startup", product_focus="internal"),
        "cio",
        "Technology here runs the business rather than being sold, so the lead role is an "
        "operations one: a head of IT who grows into the CIO seat.",
        "000, 001",
    ),
)

# 2. Structure: every match applies.
STRUCTURE_RULES: tuple[Rule, ...] = (
    # 000 (large technology companies: one CIO and one CTO per product line)
    Rule(
        "structure.cto-per-line",
        when(model="both", stage=LARGE, product_focus=SELLS_TECH, product_lines=AtLeast(3)),
        "per_line",
        "With three or more product lines, each with its own technology, large technology "
        "companies give every line its own CTO, while one CIO serves the whole company.",
        "000",
    ),
)

# 3. Reporting lines: for each seat code, the first match wins. `then` = (seat, boss).
REPORTING_RULES: tuple[Rule, ...] = (
    # 001 (smaller companies: the combined leader reports directly to the CEO)
    Rule(
        "reports.combined-ceo",
        when(model="combined"),
        ("combined", "ceo"),
        "The combined technology leader reports straight to the CEO, as is usual when one "
        "person holds both remits.",
        "001",
    ),
    # 000 (several CTOs report into their product lines), 001 (dedicated product division)
    Rule(
        "reports.cto-product-line",
        when(per_line=True),
        ("cto", "product_line"),
        "Each product-line CTO reports into the line or division they serve.",
        "000, 001",
    ),
    # 003 (traditional model: the CTO reports to the CIO)
    Rule(
        "reports.cto-under-cio",
        when(model="both", product_focus="internal"),
        ("cto", "cio"),
        "Where technology mainly serves internal operations, the traditional model puts the "
        "CTO under the CIO.",
        "003",
    ),
    # 001 (the CTO typically reports to the CEO; a direct line when products rely on tech)
    Rule(
        "reports.cto-ceo",
        when(model=("cto", "both")),
        ("cto", "ceo"),
        "The CTO reports to the CEO: the offering depends on technology, so its leader needs "
        "the direct line.",
        "000, 001",
    ),
    # 000 (one CIO serves the whole company)
    Rule(
        "reports.cio-serves-lines",
        when(per_line=True),
        ("cio", "ceo"),
        "One CIO serves every product line, so the seat reports to the CEO rather than to any "
        "single line.",
        "000",
    ),
    # 001 (smaller companies: the technology leader reports to the CEO)
    Rule(
        "reports.cio-small-ceo",
        when(model="cio", stage=SMALL),
        ("cio", "ceo"),
        "In a smaller company the technology leader reports directly to the CEO.",
        "001",
    ),
    # 001 (regulation makes the CIO even more critical), 003
    Rule(
        "reports.cio-regulated-ceo",
        when(regulated=True),
        ("cio", "ceo"),
        "With regulated or sensitive data the CIO carries risks the CEO must see first-hand, "
        "so the seat reports to the CEO.",
        "001, 003",
    ),
    # 003 (in a software company the CIO reports to the CTO)
    Rule(
        "reports.cio-under-cto",
        when(model="both", product_focus="tech_product"),
        ("cio", "cto"),
        "In a company that sells technology the usual order is reversed: the CIO supports the "
        "product organisation and reports to the CTO.",
        "003",
    ),
    # 001 (CIO to the COO when IT mainly drives operational efficiency)
    Rule(
        "reports.cio-coo",
        when(ops_heavy=True),
        ("cio", "coo"),
        "Internal IT here mainly drives operational efficiency, so the CIO sits with "
        "operations, under the COO.",
        "001",
    ),
    # 001 (CIO to the CFO when IT is judged on cost and efficiency)
    Rule(
        "reports.cio-cfo",
        when(),
        ("cio", "cfo"),
        "Internal IT here is mainly judged on cost and efficiency, so the CIO reports to the CFO.",
        "001",
    ),
)

# 4. Focus of each seat: for each seat code, the first match wins. `then` = (seat, focus).
FOCUS_RULES: tuple[Rule, ...] = (
    # 000 (one CTO per product line)
    Rule(
        "focus.cto-line",
        when(per_line=True),
        ("cto", "Technology, engineering and roadmap of one product line"),
        "A product-line CTO owns the technology of that line end to end.",
        "000",
    ),
    # 003 (alternative model: CTO for architecture, infrastructure and operations)
    Rule(
        "focus.cto-architecture",
        when(model="both", product_focus="internal"),
        ("cto", "Architecture, infrastructure and technology choices across the company"),
        "Under a CIO, the CTO looks after architecture and infrastructure.",
        "003",
    ),
    # 001 (retail: the CTO leads the customer-facing e-commerce platform)
    Rule(
        "focus.cto-ecommerce",
        when(model="both", industry="retail"),
        ("cto", "The customer-facing e-commerce platform: storefront, apps and digital channels"),
        "In retail the CTO leads the online platform.",
        "001",
    ),
    # 001 (startup CTO builds the product from the ground up)
    Rule(
        "focus.cto-startup",
        when(stage="startup"),
        ("cto", "Building the product and the first engineering team"),
        "A startup CTO builds the product from the ground up.",
        "001",
    ),
    # 001 (as the company grows, internal IT still sits with the CTO until a CIO comes)
    Rule(
        "focus.cto-alone",
        when(model="cto"),
        ("cto", "Product and engineering, plus internal IT through an IT lead"),
        "Without a CIO, the CTO also answers for internal IT.",
        "001",
    ),
    # 001, 002 (the CTO owns product development, engineering and technical vision)
    Rule(
        "focus.cto-default",
        when(),
        ("cto", "Product development, engineering teams and the long-term technical vision"),
        "The CTO faces outward: product, customers and the market.",
        "001, 002",
    ),
    # 003 (alternative model: the CIO leads application-development VPs per business area)
    Rule(
        "focus.cio-appdev",
        when(internal_app_dev=True, stage=LARGE),
        ("cio", "Internal systems and the business applications built in house"),
        "With much in-house application development, the CIO leads it by business area.",
        "003",
    ),
    # 001 (retail: the CIO runs back-end systems such as inventory and supply chain)
    Rule(
        "focus.cio-retail",
        when(model="both", industry="retail"),
        ("cio", "Back-end systems (inventory, supply chain, stores) and IT security"),
        "In retail the CIO runs the back end.",
        "001",
    ),
    # 001 (regulated industries: sensitive data, compliance and security)
    Rule(
        "focus.cio-regulated",
        when(regulated=True),
        ("cio", "Internal systems, information security, data governance and compliance"),
        "Regulated data puts security and compliance at the centre of the CIO's job.",
        "001",
    ),
    # 001, 002, 003 (the CIO owns infrastructure, security, operations and vendors)
    Rule(
        "focus.cio-default",
        when(),
        ("cio", "Internal systems, IT operations and support, security and vendors"),
        "The CIO faces inward: the business and its people.",
        "001, 002, 003",
    ),
    # 001 (regulated: security and compliance from the start)
    Rule(
        "focus.combined-regulated",
        when(regulated=True),
        ("combined", "The product and internal IT, with security and compliance from day one"),
        "A combined leader with regulated data owns compliance from the start.",
        "001",
    ),
    # 001 (one person wears both hats)
    Rule(
        "focus.combined-default",
        when(),
        ("combined", "The product and the company's own systems, until each needs its own head"),
        "One person covers both remits.",
        "001",
    ),
)

# 5. Teams under the seats: every match applies. `then` = (seat, direct report).
TEAM_RULES: tuple[Rule, ...] = (
    # 003 (a CISO often sits beside or under the CIO)
    Rule(
        "team.ciso-regulated",
        when(regulated=True, model=("cio", "both"), stage=("scaleup", "mid_size", "enterprise")),
        ("cio", "Chief Information Security Officer (CISO)"),
        "Regulated data warrants a dedicated security executive; a CISO usually sits under "
        "the CIO.",
        "003",
    ),
    # 003 (CISO beside or under the CIO in larger companies)
    Rule(
        "team.security-head-large",
        when(regulated=False, model=("cio", "both"), stage=LARGE),
        ("cio", "Head of information security"),
        "At this size information security needs its own head, usually in the CIO's team.",
        "003",
    ),
    # 001 (regulated: compliance and security)
    Rule(
        "team.security-lead-combined",
        when(regulated=True, model="combined"),
        ("combined", "Security and compliance lead"),
        "With regulated data, the combined leader needs a named security and compliance lead.",
        "001",
    ),
    # 003 (alternative model: application-development VPs aligned to business areas)
    Rule(
        "team.appdev-vps",
        when(internal_app_dev=True, model=("cio", "both"), stage=LARGE),
        ("cio", "VPs of application development, one per business area"),
        "Heavy in-house application development is best led by VPs aligned to business "
        "areas, reporting to the CIO.",
        "003",
    ),
    # 001 (before a CIO, internal IT sits under the CTO)
    Rule(
        "team.it-lead-under-cto",
        when(model="cto", stage="scaleup"),
        ("cto", "Head of IT (internal systems and support)"),
        "Until a CIO is needed, a head of IT under the CTO keeps internal systems running.",
        "001",
    ),
    # 001 (one person both hats: internal IT delegated day to day)
    Rule(
        "team.it-lead-under-combined",
        when(model="combined", stage=("scaleup", "mid_size", "enterprise")),
        ("combined", "Head of IT operations"),
        "A combined leader at this size delegates day-to-day internal IT to a head of IT "
        "operations.",
        "001",
    ),
    # 001, 002 (the CTO leads the engineering teams)
    Rule(
        "team.engineering",
        when(model=("cto", "both"), product_focus=SELLS_TECH, stage=("scaleup", *LARGE)),
        ("cto", "VP Engineering"),
        "The CTO leads engineering through a VP Engineering once the team has several leads.",
        "001, 002",
    ),
    # 001, 002 (engineering teams under whoever holds the product remit)
    Rule(
        "team.engineering-combined",
        when(model="combined", product_focus=SELLS_TECH, stage=("scaleup", *LARGE)),
        ("combined", "VP Engineering"),
        "A combined leader hands day-to-day engineering to a VP Engineering.",
        "001, 002",
    ),
)

# 6. Context: every match adds a reason.
CONTEXT_RULES: tuple[Rule, ...] = (
    # 000, 001 (where technology is the product the CTO takes centre stage)
    Rule(
        "context.cto-centre-stage",
        when(product_focus="tech_product", model="both"),
        None,
        "Where technology is the product, the CTO takes centre stage with the direct line "
        "to the CEO; the CIO works more behind the scenes.",
        "000, 001",
    ),
    # 001 (regulated industries make the CIO more critical; the CTO builds to the rules)
    Rule(
        "context.regulated",
        when(regulated=True),
        None,
        "Regulated or sensitive data raises the stakes on security, privacy and compliance, "
        "so that work needs an executive owner. Whoever builds the product must meet the "
        "same rules.",
        "001",
    ),
    # 001 (retail: CTO on e-commerce, CIO on inventory and supply chain)
    Rule(
        "context.retail-split",
        when(industry="retail", model="both"),
        None,
        "In retail the usual split is the CTO on the online storefront and apps, and the CIO "
        "on inventory, supply chain and stores.",
        "001",
    ),
    # 000 (a bank typically has a CIO who builds up its internal systems)
    Rule(
        "context.bank-cio",
        when(industry="finance", product_focus="internal"),
        None,
        "Banks and insurers usually rely on a CIO who builds and runs their core internal systems.",
        "000",
    ),
    # 001 (startups: CIO added as internal IT and scaling need it)
    Rule(
        "context.cio-later",
        when(model="cto"),
        None,
        "Plan for a CIO once internal systems, compliance or headcount outgrow what the CTO "
        "can cover alongside the product.",
        "001",
    ),
    # 001, 003 (cybersecurity: both build one security front)
    Rule(
        "context.one-security-front",
        when(model="both"),
        None,
        "Security is shared: the CIO protects internal systems, the CTO secures the product, "
        "and the two run it as one programme.",
        "001, 003",
    ),
)

# 7. Skills to hire for: every match applies. `then` = (seat, skill).
SKILL_RULES: tuple[Rule, ...] = (
    # 001 (CIO skills)
    Rule("skill.cio-alignment", when(), ("cio", "Aligning IT with business goals"), "", "001"),
    Rule("skill.cio-budget", when(), ("cio", "Budgeting and financial management"), "", "001"),
    Rule("skill.cio-teams", when(), ("cio", "Leading IT teams and vendors"), "", "001"),
    Rule(
        "skill.cio-risk",
        when(),
        ("cio", "Risk management across data, systems and suppliers"),
        "",
        "001",
    ),
    Rule(
        "skill.cio-regulation",
        when(regulated=True),
        ("cio", "Regulatory and data-governance expertise"),
        "",
        "001",
    ),
    Rule(
        "skill.cio-appdev",
        when(internal_app_dev=True),
        ("cio", "Running a portfolio of in-house business applications"),
        "",
        "003",
    ),
    # 001 (CTO skills)
    Rule(
        "skill.cto-depth",
        when(),
        ("cto", "Deep technical knowledge: software, cloud, data and AI"),
        "",
        "001",
    ),
    Rule("skill.cto-vision", when(), ("cto", "Innovation and technical vision"), "", "001"),
    Rule("skill.cto-product", when(), ("cto", "Product management"), "", "001"),
    Rule(
        "skill.cto-crossfunctional",
        when(),
        ("cto", "Working with marketing, design and sales"),
        "",
        "001",
    ),
    Rule("skill.cto-scale", when(), ("cto", "Designing platforms that scale"), "", "001"),
    Rule(
        "skill.cto-hands-on",
        when(stage="startup"),
        ("cto", "Hands-on building and hiring the first engineers"),
        "",
        "001",
    ),
    Rule(
        "skill.cto-line",
        when(per_line=True),
        ("cto", "Running a product line's technology with its general manager"),
        "",
        "000",
    ),
    # 001 (one person, both hats: the two skill sets in one)
    Rule(
        "skill.combined-breadth",
        when(),
        ("combined", "Product engineering and internal IT in one pair of hands"),
        "",
        "001",
    ),
    Rule(
        "skill.combined-depth",
        when(),
        ("combined", "Technical depth: software, cloud and data"),
        "",
        "001",
    ),
    Rule(
        "skill.combined-budget",
        when(),
        ("combined", "Budgeting and vendor management"),
        "",
        "001",
    ),
    Rule(
        "skill.combined-delegation",
        when(),
        ("combined", "Knowing what to delegate as the company grows"),
        "",
        "001",
    ),
    Rule(
        "skill.combined-regulation",
        when(regulated=True),
        ("combined", "Security, privacy and compliance"),
        "",
        "001",
    ),
)

# 8. Beyond the seats: every match adds a consideration.
CONSIDER_RULES: tuple[Rule, ...] = (
    # 003 (a chief digital officer is increasingly a third technology executive)
    Rule(
        "consider.cdo",
        when(stage="enterprise", product_focus="tech_enabled"),
        "A chief digital officer (CDO) is increasingly a third technology executive in large "
        "companies that sell through digital channels; consider one if digital sales and "
        "marketing need a single owner.",
        "",
        "003",
    ),
    # 003 (technical debt), 001 (keeping up, cost vs innovation, scarce talent)
    Rule(
        "consider.challenges",
        when(),
        "Whoever holds these seats will face the same pressures: keeping up with fast-moving "
        "technology, balancing cost against innovation, scarce talent and technical debt.",
        "",
        "001, 003",
    ),
)

ALL_TABLES: dict[str, tuple[Rule, ...]] = {
    "model": MODEL_RULES,
    "structure": STRUCTURE_RULES,
    "reporting": REPORTING_RULES,
    "focus": FOCUS_RULES,
    "team": TEAM_RULES,
    "context": CONTEXT_RULES,
    "skill": SKILL_RULES,
    "consider": CONSIDER_RULES,
}

OPS_HEAVY_INDUSTRIES = frozenset({"manufacturing", "retail", "energy"})

# The answers each derived fact is computed from (facts not listed are answers).
FACT_SOURCES: dict[str, tuple[str, ...]] = {
    "internal_demand": ("regulated", "internal_app_dev", "internal_it"),
    "ops_heavy": ("industry",),
    "model": (),
    "per_line": (),
}


def answers_read_by(rules: tuple[Rule, ...]) -> frozenset[str]:
    """The answers a group of rules depends on, through the facts they read."""
    keys: set[str] = set()
    for rule in rules:
        for fact, _ in rule.when:
            keys.update(FACT_SOURCES.get(fact, (fact,)))
    return frozenset(keys)


def derive_facts(
    *,
    stage: str,
    industry: str,
    product_focus: str,
    product_lines: int,
    regulated: bool,
    internal_app_dev: bool,
    internal_it: str,
    single_leader: bool,
) -> dict[str, Any]:
    """The facts the rules read: the answers plus the derived facts described above."""
    return {
        "stage": stage,
        "industry": industry,
        "product_focus": product_focus,
        "product_lines": product_lines,
        "regulated": regulated,
        "internal_app_dev": internal_app_dev,
        "internal_it": internal_it,
        "single_leader": single_leader,
        "internal_demand": regulated or internal_app_dev or internal_it == "heavy",
        "ops_heavy": industry in OPS_HEAVY_INDUSTRIES,
    }
