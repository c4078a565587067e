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

from .answers import ANSWER_KEYS

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
    # Seat codes the reason presents as seats of the plan, and the reporting lines
    # (seat, boss) it claims; the whole-answer-space test holds them against the result.
    names: tuple[str, ...] = ()
    claims: tuple[tuple[str, str], ...] = ()
    # Seat codes the reason mentions as a later step, not as a seat of the plan.
    later: tuple[str, ...] = ()
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
NOT_STARTUP = ("scaleup", "mid_size", "enterprise")


# 1. The role model: first match wins. Ordered from the most specific situation.
MODEL_RULES: tuple[Rule, ...] = (
    # 001 (large enterprises need both), 003 (the CIO-led model: a CIO over application
    # development with a CTO for architecture, infrastructure and operations)
    Rule(
        "model.enterprise-internal",
        when(stage="enterprise", product_focus="internal"),
        "both",
        "At enterprise size both remits are full-time jobs. Because technology here mainly "
        "runs the business, the CIO leads, with a CTO for architecture, infrastructure and "
        "operations.",
        "001, 003",
        names=("cio", "cto"),
    ),
    # 001 (in large enterprises both roles are crucial)
    Rule(
        "model.enterprise",
        when(stage="enterprise"),
        "both",
        "At enterprise size both roles are essential: a CIO runs internal operations and a "
        "CTO drives the product and technology innovation.",
        "001",
        names=("cio", "cto"),
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
        names=("cio", "cto"),
    ),
    # 001 (mid-sized internal IT justifies a full-time CIO), 000 (non-software: only a CIO)
    Rule(
        "model.midsize-internal",
        when(stage="mid_size", product_focus="internal"),
        "cio",
        "At a few hundred people internal IT is a full-time executive job. Technology runs "
        "the business rather than being sold, so the CIO is the one technology executive "
        "to appoint.",
        "000, 001",
        names=("cio",),
    ),
    # 000 (a company that is not a software company often has only a CIO)
    Rule(
        "model.scaleup-internal",
        when(stage="scaleup", product_focus="internal"),
        "cio",
        "When technology mainly runs internal operations, the lead technology role is the "
        "operations one, the CIO seat, owning systems, security and support. Companies "
        "that do not sell technology often need only this seat.",
        "000, 001",
        names=("cio",),
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
        names=("cio", "cto"),
    ),
    # 000 (a software company has to have a CTO driving the product), 001
    Rule(
        "model.scaleup-product",
        when(stage="scaleup", product_focus="tech_product"),
        "cto",
        "Technology is what you sell, so the CTO is the key technology seat and leads the "
        "product. Internal IT is still small enough to sit under the CTO.",
        "000, 001",
        names=("cto",),
    ),
    # 001 (smaller companies: one person often wears both hats)
    Rule(
        "model.scaleup-enabled",
        when(stage="scaleup", product_focus="tech_enabled"),
        "combined",
        "At this size one leader can cover both the customer-facing platform and the internal "
        "systems. Splitting the job now would create two half-time executives.",
        "001",
        names=("combined",),
    ),
    # 001 (regulated industries make the CIO side critical; small: one person, both hats)
    Rule(
        "model.startup-regulated",
        when(stage="startup", product_focus=SELLS_TECH, regulated=True),
        "combined",
        "Regulated or sensitive data makes security and compliance a day-one duty, so your "
        "first technology leader must own them alongside the product: one person, both hats.",
        "001",
        names=("combined",),
    ),
    # 001 (startups begin with a CTO who builds the product from the ground up)
    Rule(
        "model.startup-product",
        when(stage="startup", product_focus="tech_product"),
        "cto",
        "Young technology companies start with a CTO who builds the product from the ground "
        "up. A CIO comes later, once internal IT needs one.",
        "001",
        names=("cto",),
        later=("cio",),
    ),
    # 001 (in smaller companies one person often holds both roles)
    Rule(
        "model.startup-enabled",
        when(stage="startup", product_focus="tech_enabled"),
        "combined",
        "In a small company one person usually wears both hats: building the customer-facing "
        "technology and keeping the internal tools running.",
        "001",
        names=("combined",),
    ),
    # 000 (not a software company: a CIO), 001 (the CIO need grows with internal IT)
    Rule(
        "model.startup-internal",
        when(stage="startup", product_focus="internal"),
        "cio",
        "Technology here runs the business rather than being sold, so the lead role is an "
        "operations one: a head of IT who grows into the CIO seat.",
        "000, 001",
        names=("cio",),
    ),
)

# 2. The wish for one accountable executive: the first match changes the role model; no
# match keeps it. Two remits are combined only where both exist, that is where the
# company sells technology and the advice has two executives. A company that sells none
# already has one accountable executive in its CIO (the CTO of the CIO-led model reports
# to the CIO), and a lone CTO or combined leader already is one.
LEADER_RULES: tuple[Rule, ...] = (
    # 000 (one executive in both roles at a large company), 001 (one person, both hats)
    Rule(
        "leader.one-executive",
        when(single_leader=True, model="both", product_focus=SELLS_TECH),
        "combined",
        "You want one accountable technology executive. Some large companies do give one "
        "person both the product and the internal remit; it works when that person has "
        "strong deputies for each side.",
        "000, 001",
        names=("combined",),
    ),
)

# 3. Structure: every match applies.
STRUCTURE_RULES: tuple[Rule, ...] = (
    # 000 (large technology companies: one CIO and one CTO per product line)
    Rule(
        "structure.cto-per-line",
        when(model="both", stage=LARGE, product_focus=SELLS_TECH, product_lines=AtLeast(3)),
        "per_line",
        "With three or more product lines, each with its own technology, large technology "
        "companies give every line its own CTO, while one CIO serves the whole company.",
        "000",
        names=("cio", "cto"),
    ),
)

# 4. Reporting lines: for each seat code, the first match wins. `then` = (seat, boss).
REPORTING_RULES: tuple[Rule, ...] = (
    # 001 (smaller companies: the combined leader reports directly to the CEO)
    Rule(
        "reports.combined-ceo",
        when(model="combined"),
        ("combined", "ceo"),
        "The combined technology leader reports straight to the CEO, as is usual when one "
        "person holds both remits.",
        "001",
        names=("combined",),
        claims=(("combined", "ceo"),),
    ),
    # 000 (several CTOs report into their product lines), 001 (dedicated product division)
    Rule(
        "reports.cto-product-line",
        when(per_line=True),
        ("cto", "product_line"),
        "Each product-line CTO reports into the line or division they serve.",
        "000, 001",
        names=("cto",),
        claims=(("cto", "product_line"),),
    ),
    # 003 (traditional model: the CTO reports to the CIO)
    Rule(
        "reports.cto-under-cio",
        when(model="both", product_focus="internal"),
        ("cto", "cio"),
        "Where technology mainly serves internal operations, the traditional model puts the "
        "CTO under the CIO.",
        "003",
        names=("cio", "cto"),
        claims=(("cto", "cio"),),
    ),
    # 001 (the CTO typically reports to the CEO; a direct line when products rely on tech)
    Rule(
        "reports.cto-ceo",
        when(model=("cto", "both")),
        ("cto", "ceo"),
        "The CTO reports to the CEO: the offering depends on technology, so its leader needs "
        "the direct line.",
        "000, 001",
        names=("cto",),
        claims=(("cto", "ceo"),),
    ),
    # 000 (one CIO serves the whole company)
    Rule(
        "reports.cio-serves-lines",
        when(per_line=True),
        ("cio", "ceo"),
        "One CIO serves every product line, so the seat reports to the CEO rather than to any "
        "single line.",
        "000",
        names=("cio",),
        claims=(("cio", "ceo"),),
    ),
    # 001 (smaller companies: the technology leader reports to the CEO)
    Rule(
        "reports.cio-small-ceo",
        when(model="cio", stage=SMALL),
        ("cio", "ceo"),
        "In a smaller company the technology leader reports directly to the CEO.",
        "001",
        claims=(("cio", "ceo"),),
    ),
    # 001 (regulation makes the CIO even more critical), 003
    Rule(
        "reports.cio-regulated-ceo",
        when(regulated=True),
        ("cio", "ceo"),
        "With regulated or sensitive data the CIO carries risks the CEO must see first-hand, "
        "so the seat reports to the CEO.",
        "001, 003",
        names=("cio",),
        claims=(("cio", "ceo"),),
    ),
    # 003 (in a software company the CIO reports to the CTO)
    Rule(
        "reports.cio-under-cto",
        when(model="both", product_focus="tech_product"),
        ("cio", "cto"),
        "In a company that sells technology the usual order is reversed: the CIO supports the "
        "product organisation and reports to the CTO.",
        "003",
        names=("cio", "cto"),
        claims=(("cio", "cto"),),
    ),
    # 001 (CIO to the COO when IT mainly drives operational efficiency)
    Rule(
        "reports.cio-coo",
        when(ops_heavy=True),
        ("cio", "coo"),
        "Internal IT here mainly drives operational efficiency, so the CIO sits with "
        "operations, under the COO.",
        "001",
        names=("cio",),
        claims=(("cio", "coo"),),
    ),
    # 001 (CIO to the CFO when IT is judged on cost and efficiency)
    Rule(
        "reports.cio-cfo",
        when(),
        ("cio", "cfo"),
        "Internal IT here is mainly judged on cost and efficiency, so the CIO reports to the CFO.",
        "001",
        names=("cio",),
        claims=(("cio", "cfo"),),
    ),
)

# 5. Titles: for each seat code, the first match gives the seat's variant (its words are
# in vocabulary.SEATS). A row with an empty reason adds no reason.
TITLE_RULES: tuple[Rule, ...] = (
    # 000 (one CTO per product line)
    Rule("title.cto-line", when(per_line=True), ("cto", "line"), "", "000"),
    # 001 (the CIO need grows with internal IT: a small company starts with a head of IT)
    Rule(
        "title.cio-startup",
        when(stage="startup"),
        ("cio", "lead"),
        "A company this small needs a hands-on head of IT who can grow into the CIO seat, "
        "not yet a full executive.",
        "001",
        names=("cio",),
    ),
    # 001 (the CIO need grows as internal IT and scaling demand it)
    Rule(
        "title.cio-light",
        when(stage="scaleup", internal_it="light"),
        ("cio", "lead"),
        "With light internal IT, a head of IT who grows into the CIO seat is enough for now.",
        "001",
        names=("cio",),
    ),
    # 001 (in smaller companies one person wears both hats)
    Rule(
        "title.combined-startup",
        when(stage="startup"),
        ("combined", "lead"),
        "At startup size the combined seat is a hands-on head of technology rather than a "
        "full executive title.",
        "001",
        names=("combined",),
    ),
    Rule("title.full", when(), ("*", "full"), "", "001"),
)

# 6. Focus of each seat: for each seat code, the first match wins. `then` = (seat, focus).
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
        ("cto", "Architecture, infrastructure and technology operations across the company"),
        "Under a CIO, the CTO looks after architecture, infrastructure and operations.",
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

# 7. Teams under the seats: every match applies. `then` = (seat, direct report).
TEAM_RULES: tuple[Rule, ...] = (
    # 003 (a CISO often sits beside or under the CIO)
    Rule(
        "team.ciso-regulated",
        when(regulated=True, model=("cio", "both"), stage=NOT_STARTUP),
        ("cio", "Chief Information Security Officer (CISO)"),
        "Regulated data warrants a dedicated security executive; a CISO usually sits under "
        "the CIO.",
        "003",
        names=("cio",),
    ),
    # 003 (CISO beside or under the CIO in larger companies)
    Rule(
        "team.security-head-large",
        when(regulated=False, model=("cio", "both"), stage=LARGE),
        ("cio", "Head of information security"),
        "At this size information security needs its own head, usually in the CIO's team.",
        "003",
        names=("cio",),
    ),
    # 001 (regulated: compliance and security)
    Rule(
        "team.security-lead-combined",
        when(regulated=True, model="combined"),
        ("combined", "Security and compliance lead"),
        "With regulated data, the combined leader needs a named security and compliance lead.",
        "001",
        names=("combined",),
    ),
    # 003 (alternative model: application-development VPs aligned to business areas)
    Rule(
        "team.appdev-vps",
        when(internal_app_dev=True, model=("cio", "both"), stage=LARGE),
        ("cio", "VPs of application development, one per business area"),
        "Heavy in-house application development is best led by VPs aligned to business "
        "areas, reporting to the CIO.",
        "003",
        names=("cio",),
    ),
    # 001 (before a CIO, internal IT sits under the CTO)
    Rule(
        "team.it-lead-under-cto",
        when(model="cto", stage="scaleup"),
        ("cto", "Head of IT (internal systems and support)"),
        "Until a CIO is needed, a head of IT under the CTO keeps internal systems running.",
        "001",
        names=("cto",),
        later=("cio",),
    ),
    # 001 (one person both hats: internal IT delegated day to day)
    Rule(
        "team.it-lead-under-combined",
        when(model="combined", stage=NOT_STARTUP),
        ("combined", "Head of IT operations"),
        "A combined leader at this size delegates day-to-day internal IT to a head of IT "
        "operations.",
        "001",
        names=("combined",),
    ),
    # 001, 002 (the CTO leads the engineering teams)
    Rule(
        "team.engineering",
        when(model=("cto", "both"), product_focus=SELLS_TECH, stage=NOT_STARTUP),
        ("cto", "VP Engineering"),
        "The CTO leads engineering through a VP Engineering once the team has several leads.",
        "001, 002",
        names=("cto",),
    ),
    # 001, 002 (engineering teams under whoever holds the product remit)
    Rule(
        "team.engineering-combined",
        when(model="combined", product_focus=SELLS_TECH, stage=NOT_STARTUP),
        ("combined", "VP Engineering"),
        "A combined leader hands day-to-day engineering to a VP Engineering.",
        "001, 002",
        names=("combined",),
    ),
)

# 8. Context: every match adds a reason.
CONTEXT_RULES: tuple[Rule, ...] = (
    # 000, 001 (where technology is the product the CTO takes centre stage)
    Rule(
        "context.cto-centre-stage",
        when(product_focus="tech_product", model="both", per_line=False),
        None,
        "Where technology is the product, the CTO takes centre stage with the direct line "
        "to the CEO; the CIO works more behind the scenes.",
        "000, 001",
        names=("cio", "cto"),
        claims=(("cto", "ceo"),),
    ),
    # 000 (several CTOs, one per product line, one CIO for the company)
    Rule(
        "context.lines-centre-stage",
        when(per_line=True),
        None,
        "With a CTO in each product line, product technology is led close to each line's "
        "business, and the CIO keeps the company's shared systems together.",
        "000",
        names=("cio", "cto"),
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
        when(industry="retail", model="both", per_line=False),
        None,
        "In retail the usual split is the CTO on the online storefront and apps, and the CIO "
        "on inventory, supply chain and stores.",
        "001",
        names=("cio", "cto"),
    ),
    # 000 (a bank typically has a CIO who builds up its internal systems)
    Rule(
        "context.bank-cio",
        when(industry="finance", product_focus="internal", stage=LARGE),
        None,
        "Banks and insurers usually rely on a CIO who builds and runs their core internal systems.",
        "000",
        names=("cio",),
    ),
    # 000 (a company that is not a software company has one executive: the CIO)
    Rule(
        "context.one-executive-cio",
        when(single_leader=True, product_focus="internal"),
        None,
        "You want one accountable technology executive. A company that does not sell "
        "technology already has one in its CIO seat, so the wish changes nothing here.",
        "000",
        names=("cio",),
    ),
    # 000, 001 (one executive: a lone CTO or a combined leader already is one)
    Rule(
        "context.one-executive-met",
        when(single_leader=True, product_focus=SELLS_TECH, model=("cto", "combined")),
        None,
        "You want one accountable technology executive, and this structure has exactly one.",
        "000, 001",
    ),
    # 001 (startups: CIO added as internal IT and scaling need it)
    Rule(
        "context.cio-later",
        when(model="cto"),
        None,
        "Plan for a CIO once internal systems, compliance or headcount outgrow what the CTO "
        "can cover alongside the product.",
        "001",
        names=("cto",),
        later=("cio",),
    ),
    # 001, 003 (cybersecurity: both build one security front)
    Rule(
        "context.one-security-front",
        when(model="both", product_focus=SELLS_TECH),
        None,
        "Security is shared: the CIO protects internal systems, the CTO secures the product, "
        "and the two run it as one programme.",
        "001, 003",
        names=("cio", "cto"),
    ),
    # 003 (the CIO-led model: the CTO keeps architecture and infrastructure sound)
    Rule(
        "context.cio-led-security",
        when(model="both", product_focus="internal"),
        None,
        "Security stays one programme under the CIO; the CTO builds it into the architecture "
        "and infrastructure.",
        "003",
        names=("cio", "cto"),
    ),
)

# 9. Skills to hire for: every match applies. `then` = (seat, skill).
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
    Rule(
        "skill.cto-product",
        when(product_focus=SELLS_TECH),
        ("cto", "Product management"),
        "",
        "001",
    ),
    Rule(
        "skill.cto-crossfunctional",
        when(product_focus=SELLS_TECH),
        ("cto", "Working with marketing, design and sales"),
        "",
        "001",
    ),
    Rule(
        "skill.cto-scale",
        when(product_focus=SELLS_TECH),
        ("cto", "Designing platforms that scale"),
        "",
        "001",
    ),
    # 003 (the CIO-led model's CTO: architecture, infrastructure and operations)
    Rule(
        "skill.cto-architecture",
        when(product_focus="internal"),
        ("cto", "Enterprise architecture and technology standards"),
        "",
        "003",
    ),
    Rule(
        "skill.cto-infrastructure",
        when(product_focus="internal"),
        ("cto", "Running infrastructure and operations at scale"),
        "",
        "003",
    ),
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

# 10. Beyond the seats: every match adds a consideration.
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

# 11. Getting there, one step per seat of the plan: for each seat, the first match. Facts
# besides the answers: `seat` (the seat's code), `holds` (today's leadership already
# fills it). `then` is the step, with placeholders the engine fills from the vocabulary:
# {seat_a} / {seat_the} / {Seat_the} (the seat), {boss} (whom it reports to), {today}
# (today's leaders, as "your CTO").
STEP_RULES: tuple[Rule, ...] = (
    # 000 (a CTO per product line)
    Rule(
        "step.keep-line-cto",
        when(seat="cto", holds=True, per_line=True),
        "Keep {today_seat} as the CTO of one product line and appoint one for each other line; "
        "each reports into their line.",
        "Your CTO can lead one of the product lines.",
        "000",
    ),
    # 001 (both roles once internal IT needs its own executive)
    Rule(
        "step.fold-into-one",
        when(current="both", model=("cto", "cio"), holds=True),
        "Keep {seat_the}, reporting to {boss}; fold the other executive's remit into that "
        "team under a head who reports to them.",
        "Two executives are more than this company needs now.",
        "001",
    ),
    Rule(
        "step.keep",
        when(holds=True),
        "Keep {today_seat}; confirm the seat reports to {boss}.",
        "Today's leader already fills this seat.",
        "001",
    ),
    # 000 (one CTO per product line)
    Rule(
        "step.appoint-line-ctos",
        when(seat="cto", per_line=True),
        "Appoint {seat_a}, reporting into that line.",
        "Each product line gets its own CTO.",
        "000",
    ),
    # 001 (a CTO first; the CIO comes with internal IT)
    Rule(
        "step.rescope",
        when(current=("cto", "cio"), model=("cto", "cio")),
        "Re-scope {today} as {seat_the}, reporting to {boss}, or hire {seat_a} and wind "
        "today's remit down.",
        "Today's single executive holds the other remit.",
        "001",
    ),
    # 001 (one person, both hats, until each side needs its own head)
    Rule(
        "step.split-combined",
        when(current="combined", model="both"),
        "Fill {seat_the} seat, reporting to {boss}: your combined leader takes the half they "
        "are strongest in, and you recruit for the other.",
        "The combined role splits in two.",
        "001",
    ),
    Rule(
        "step.narrow-combined",
        when(current="combined", model=("cto", "cio")),
        "Narrow {today}'s remit to {seat_the} seat, reporting to {boss}; the rest of the "
        "remit goes to a head in their team.",
        "Only one of the two remits needs an executive.",
        "001",
    ),
    # 000, 001 (one executive in both roles)
    Rule(
        "step.merge-both",
        when(current="both", seat="combined"),
        "Merge the two remits under {seat_a}, reporting to {boss}; decide who leads and give "
        "the other a clear deputy role.",
        "Two executives become one.",
        "000, 001",
    ),
    Rule(
        "step.widen-cto",
        when(current="cto", seat="combined"),
        "Widen {today}'s remit to cover internal IT, security and compliance as {seat_the}, "
        "reporting to {boss}, with a deputy for the side they know less.",
        "Your CTO takes on the internal remit.",
        "001",
    ),
    Rule(
        "step.widen-cio",
        when(current="cio", seat="combined"),
        "Widen {today}'s remit to cover the technology of the product as {seat_the}, "
        "reporting to {boss}, with a deputy for the side they know less.",
        "Your CIO takes on the product remit.",
        "001",
    ),
    # 001 (startups begin with the person who builds the product)
    Rule(
        "step.founder-decides",
        when(current="founder", seat=("cto", "combined")),
        "Decide whether the founder who leads technology today takes {seat_the} seat "
        "full-time or hires for it; either way, one named executive reporting to {boss}.",
        "A founder leads technology today.",
        "001",
    ),
    # 001 (the CIO need grows with internal IT)
    Rule(
        "step.grow-it-manager",
        when(current="it_manager", seat="cio"),
        "Grow {today} into {seat_the} seat, or hire {seat_a} above them; the seat reports "
        "to {boss}.",
        "An IT manager runs internal IT today.",
        "001",
    ),
    Rule(
        "step.hire",
        when(),
        "Hire {seat_a}, reporting to {boss}.",
        "Nobody fills this seat today.",
        "001",
    ),
)

# 12. Getting there, after the seats: every match adds a step ({lead_the}: the first seat).
EXTRA_STEP_RULES: tuple[Rule, ...] = (
    # 001 (before a CIO, internal IT sits under the technology leader)
    Rule(
        "step.it-manager-stays",
        when(current="it_manager", has_cio=False),
        "Your IT manager reports to {lead_the} and keeps internal systems running.",
        "The IT manager stays, under the new leader.",
        "001",
    ),
    # 001 (the CIO takes internal IT over as the company grows)
    Rule(
        "step.founder-hands-over",
        when(current="founder", model="cio"),
        "The founder hands internal IT over to {lead_the}.",
        "A founder runs internal IT today.",
        "001",
    ),
)

# 13. What to watch for on the way, about today's structure: every match adds a conflict.
# `then` = (what is wrong today, how the plan resolves it). The plan's words name
# {security_owner} (the seat that owns internal security in the plan), {product_owner}
# (the seat that leads the product's technology), {seat_the} (the first seat) or {seats}
# (every seat of the plan, as "the CTO or the CIO").
CONFLICT_RULES: tuple[Rule, ...] = (
    # 001 (regulated data and heavy IT need an owner for security)
    Rule(
        "conflict.security-unowned",
        when(current=("none", "founder"), security_pressure=True),
        (
            "Today nobody at executive level owns information security, although your data "
            "or internal IT call for it.",
            "The plan gives it to {security_owner}; name an interim owner until the seat is "
            "filled.",
        ),
        "Security needs an owner from the start.",
        "001",
    ),
    # 001, 003 (both sides of security make one front)
    Rule(
        "conflict.security-product-only",
        when(current="cto", security_pressure=True),
        (
            "Today information security sits with the product side only: internal systems, "
            "staff devices and suppliers' access have no owner.",
            "In the plan {security_owner} owns internal security; name who does that work "
            "until then.",
        ),
        "Internal security needs its own owner.",
        "001, 003",
    ),
    # 000 (a software company has to have a CTO driving the product)
    Rule(
        "conflict.product-unled",
        when(current=("cio", "it_manager"), product_focus="tech_product"),
        (
            "Today nobody at executive level leads the product's technology; for a company "
            "that sells technology this is the most urgent gap.",
            "In the plan {product_owner} leads it: fill that seat first.",
        ),
        "A company that sells technology needs a product-side executive.",
        "000",
    ),
    # 000 (one executive in both roles)
    Rule(
        "conflict.two-heads",
        when(current="both", model="combined"),
        (
            "Today two executives hold the remits that the plan gives to one seat.",
            "Settle who takes {seat_the} seat before you announce the change.",
        ),
        "Two executives, one seat.",
        "000",
    ),
    # 001 (one person both hats until each side needs its own head)
    Rule(
        "conflict.split-role",
        when(current="combined", model="both"),
        (
            "Today one person holds both remits, and the plan splits them.",
            "Agree with your current leader which seat they take, {seats}, before you "
            "recruit for the other.",
        ),
        "Splitting a role changes someone's job.",
        "001",
    ),
)

ALL_TABLES: dict[str, tuple[Rule, ...]] = {
    "model": MODEL_RULES,
    "leader": LEADER_RULES,
    "structure": STRUCTURE_RULES,
    "reporting": REPORTING_RULES,
    "title": TITLE_RULES,
    "focus": FOCUS_RULES,
    "team": TEAM_RULES,
    "context": CONTEXT_RULES,
    "skill": SKILL_RULES,
    "consider": CONSIDER_RULES,
    "step": STEP_RULES,
    "extra_step": EXTRA_STEP_RULES,
    "conflict": CONFLICT_RULES,
}

# How each table is read: "first" (the first match decides), "first_per_seat" (for each
# seat of the plan, the first match whose seat is that seat), or "every" (every match).
TABLE_MODES: dict[str, str] = {
    "model": "first",
    "leader": "first",
    "structure": "every",
    "reporting": "first_per_seat",
    "title": "first_per_seat",
    "focus": "first_per_seat",
    "team": "every",
    "context": "every",
    "skill": "every",
    "consider": "every",
    "step": "first_per_seat",
    "extra_step": "every",
    "conflict": "every",
}

# --- Facts --------------------------------------------------------------------------------

OPS_HEAVY_INDUSTRIES = frozenset({"manufacturing", "retail", "energy"})


@dataclass(frozen=True, slots=True)
class Derived:
    """A fact computed from answers: the answers it reads, how, and which of them explain
    its value (`because` returns the answer keys to name in "because: ...")."""

    sources: tuple[str, ...]
    compute: Callable[..., Any]
    because: Callable[..., tuple[str, ...]]


def _pressures(**values: Any) -> tuple[str, ...]:
    """The answers that create an internal pressure, or every source when none does."""
    on = tuple(
        key
        for key, value in values.items()
        if value is True or (key == "internal_it" and value == "heavy")
    )
    return on or tuple(values)


# Every derived fact, with the answers it reads: the one place that says so. The engine's
# memo keys and the audit read this; `check_facts` proves at import that every fact a rule
# reads is an answer, a derived fact or one the engine sets.
DERIVED: dict[str, Derived] = {
    # Regulated data, heavy internal IT or many in-house applications: the internal
    # pressures that call for a CIO.
    "internal_demand": Derived(
        ("regulated", "internal_app_dev", "internal_it"),
        lambda regulated, internal_app_dev, internal_it: (
            regulated or internal_app_dev or internal_it == "heavy"
        ),
        lambda **values: _pressures(**values),
    ),
    # An industry where IT mainly drives operational efficiency.
    "ops_heavy": Derived(
        ("industry",),
        lambda industry: industry in OPS_HEAVY_INDUSTRIES,
        lambda **values: ("industry",),
    ),
    # Regulated data or heavy internal IT: security needs an owner.
    "security_pressure": Derived(
        ("regulated", "internal_it"),
        lambda regulated, internal_it: regulated or internal_it == "heavy",
        lambda **values: _pressures(**values),
    ),
}

ANSWER_FACTS: tuple[str, ...] = ANSWER_KEYS
# Facts the engine sets as it reads the tables (not answers, not derived from answers).
ENGINE_FACTS: frozenset[str] = frozenset(
    {"model", "per_line", "seat", "holds", "has_cio", "current"}
)


def facts_read(rules: tuple[Rule, ...]) -> frozenset[str]:
    """The facts a group of rules reads in its conditions."""
    return frozenset(fact for rule in rules for fact, _ in rule.when)


def answers_read_by(rules: tuple[Rule, ...]) -> frozenset[str]:
    """The answers a group of rules depends on, through the facts they read."""
    keys: set[str] = set()
    for fact in facts_read(rules):
        if fact in DERIVED:
            keys.update(DERIVED[fact].sources)
        elif fact == "current":
            keys.add("current_leadership")
        elif fact not in ENGINE_FACTS:
            keys.add(fact)
    return frozenset(keys)


def check_facts() -> None:
    """Every fact a rule reads is known, and every derived fact reads only answers."""
    for name, derived in DERIVED.items():
        unknown = set(derived.sources) - set(ANSWER_FACTS)
        if unknown:
            raise ValueError(f"derived fact {name} reads {sorted(unknown)}, which are not answers")
    for table, rules in ALL_TABLES.items():
        for fact in facts_read(rules):
            if fact not in ANSWER_FACTS and fact not in DERIVED and fact not in ENGINE_FACTS:
                raise ValueError(f"a rule of table {table} reads unknown fact {fact!r}")


def derive_facts(answers: Mapping[str, Any]) -> dict[str, Any]:
    """The facts the rules read: the given answers plus every derived fact whose answers
    are all given. A rule that reads a fact not computed here fails loudly (KeyError)."""
    facts = dict(answers)
    for name, derived in DERIVED.items():
        if all(source in answers for source in derived.sources):
            facts[name] = derived.compute(*(answers[source] for source in derived.sources))
    return facts


check_facts()
