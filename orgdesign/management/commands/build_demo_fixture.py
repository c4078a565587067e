"""Write fixtures/demo.json: a demo firm with three members (owner, consultant, viewer) and
three clients with their scenarios and share links (labelled with who got them); one
scenario is shared with its client, who commented on a reason and a seat (one comment
answered) and signed it off.

    python manage.py build_demo_fixture [--output fixtures/demo.json]

The scenarios are made through the services (so every stored recommendation is what the
engine gives, and every change is a real version), inside a transaction that is rolled
back: the database is left untouched. Primary keys are moved to a high, fixed range and
users and memberships are keyed by username, so `loaddata` can run any number of times.
One scenario is deliberately stored as if saved under earlier rules, to show the
"Rules updated" panel.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core import serializers
from django.core.management.base import BaseCommand
from django.db import transaction

from orgdesign.models import (
    Client,
    Firm,
    Membership,
    ReviewComment,
    ReviewReply,
    Role,
    Scenario,
    ScenarioVersion,
    ShareLink,
    SignOff,
)
from orgdesign.rules import parse_answers, recommend
from orgdesign.services import (
    client_create,
    review_comment_add,
    review_reply_add,
    scenario_create,
    scenario_duplicate,
    scenario_rename,
    scenario_set_voice,
    scenario_update,
    share_link_create,
    share_link_revoke,
    signoff_add,
)

DEMO_USERNAME = "demo"
DEMO_PASSWORD = "demo-advisor-2026"  # noqa: S105 (published demo account)
DEMO_EMAIL = "demo@example.com"
DEMO_FIRM = "Northbridge Advisory"
# The demo firm's other members: (username, password, first name, last name, role).
DEMO_MEMBERS = [
    ("demo-consultant", "demo-consultant-2026", "Casey", "Consultant", Role.CONSULTANT),
    ("demo-viewer", "demo-viewer-2026", "Vic", "Viewer", Role.VIEWER),
]
PREVIOUS_RULES = "demo-previous-rules"
# The demo's share link (Brightwave Software, "Today"): fixed, so the README can name it.
DEMO_SHARE_TOKEN = "demo-brightwave-today"  # noqa: S105 (published demo link)
PK_BASE = {
    "orgdesign.firm": 900_000,
    "orgdesign.client": 910_000,
    "orgdesign.scenario": 920_000,
    "orgdesign.scenarioversion": 930_000,
    "orgdesign.sharelink": 940_000,
    "orgdesign.reviewcomment": 950_000,
    "orgdesign.reviewreply": 960_000,
    "orgdesign.signoff": 970_000,
}
# Foreign keys to follow when primary keys move: model -> {field: model it points to}.
FOLLOW = {
    "orgdesign.client": {"firm": "orgdesign.firm"},
    "orgdesign.membership": {"firm": "orgdesign.firm"},
    "orgdesign.scenario": {"client": "orgdesign.client"},
    "orgdesign.scenarioversion": {"scenario": "orgdesign.scenario"},
    "orgdesign.sharelink": {"scenario": "orgdesign.scenario"},
    "orgdesign.reviewcomment": {"scenario": "orgdesign.scenario", "link": "orgdesign.sharelink"},
    "orgdesign.reviewreply": {"comment": "orgdesign.reviewcomment"},
    "orgdesign.signoff": {"scenario": "orgdesign.scenario", "link": "orgdesign.sharelink"},
}


class Rollback(Exception):
    pass


def build(owner, consultant=None) -> None:
    """The demo firm's clients, scenarios and versions (the last change by `consultant`)."""
    software = client_create(
        owner=owner,
        name="Brightwave Software",
        industry="software",
        notes="Scale-up selling a scheduling platform. Founder-CTO wants to step back from "
        "internal IT. Board meeting in March.",
    )
    today = scenario_create(
        client=software,
        name="Today",
        user=owner,
        answers={
            "stage": "scaleup",
            "industry": "software",
            "product_focus": "tech_product",
            "internal_it": "light",
            "current_leadership": "founder",
        },
    )
    scenario_update(
        scenario=today,
        user=owner,
        answers={**today.answers, "internal_it": "moderate"},
    )
    _client_review(today, consultant or owner)
    growth = scenario_duplicate(scenario=today, user=owner, name="After the Series C")
    scenario_update(
        scenario=growth,
        user=owner,
        answers={**growth.answers, "stage": "mid_size", "product_lines": 3},
    )

    bank = client_create(
        owner=owner,
        name="Northfield Regional Bank",
        industry="finance",
        notes="Regional bank, 600 staff. Regulator review of IT risk next year.",
    )
    bank_today = scenario_create(
        client=bank,
        name="Today",
        user=owner,
        answers={
            "stage": "mid_size",
            "industry": "finance",
            "product_focus": "internal",
            "internal_it": "heavy",
            "current_leadership": "it_manager",
        },
    )
    scenario_set_voice(
        scenario=bank_today,
        user=consultant or owner,
        our_view=(
            "We agree with a **CIO** for the bank, with one change: the regulator's review of "
            "IT risk next year.\n\n"
            "- The CFO already chairs the operational risk committee.\n"
            "- The board wants *one* executive answering for IT risk and cost.\n\n"
            "See the regulator's guidance on "
            "[operational resilience](https://www.bankofengland.co.uk/prudential-regulation)."
        ),
        seats={
            "cio": {
                "title": "Group Technology Director",
                "reports_to": "cfo",
                "reason": "the CFO chairs the operational risk committee the regulator "
                "reviews; the line moves to the CEO after the review.",
            }
        },
    )
    digital = scenario_create(
        client=bank,
        name="Digital bank launch",
        user=owner,
        answers={**bank_today.answers, "product_focus": "tech_enabled"},
    )
    scenario_update(
        scenario=digital,
        user=owner,
        answers={**digital.answers, "stage": "enterprise", "internal_app_dev": True},
    )
    old = scenario_create(
        client=bank,
        name="Board paper, last year",
        user=owner,
        answers=bank_today.answers,
    )
    _as_if_saved_under_previous_rules(old)

    retail = client_create(
        owner=owner,
        name="Harbour & Co. Online",
        industry="retail",
        notes="Online retailer, two warehouses. Replatforming the shop in 2027.",
    )
    shop = scenario_create(
        client=retail,
        name="Now",
        user=owner,
        answers={"stage": "scaleup", "industry": "retail", "product_focus": "tech_enabled"},
    )
    scenario_rename(scenario=shop, user=owner, name="Today")
    peak = scenario_duplicate(scenario=shop, user=owner, name="Two more warehouses")
    scenario_update(
        scenario=peak,
        user=consultant or owner,
        answers={**peak.answers, "stage": "mid_size", "internal_it": "heavy"},
    )

    # Links sent to clients, each labelled with who got it; one revoked since.
    share_link_create(scenario=growth, label="Maria Chen, CEO of Brightwave")
    share_link_create(scenario=digital, label="Northfield's board, March meeting")
    share_link_revoke(link=share_link_create(scenario=bank_today, label="First draft to the CFO"))


def _client_review(scenario: Scenario, consultant) -> None:
    """The scenario shared with its client, who asked about one reason and one seat (the
    consultant answered the first) and signed off the version they read."""
    link = share_link_create(scenario=scenario, label="Priya Shah, chair of the board")
    ShareLink.objects.filter(pk=link.pk).update(token=DEMO_SHARE_TOKEN)
    link.token = DEMO_SHARE_TOKEN
    rules = [r["rule"] for r in scenario.recommendation["rationale"]]
    reason = "team.it-lead-under-cto" if "team.it-lead-under-cto" in rules else rules[0]
    seat = scenario.recommendation["roles"][0]["code"]
    review = {"link": link, "version": scenario.version, "scenario_url": ""}
    question = review_comment_add(
        **review,
        target="reason",
        target_key=reason,
        author_name="Priya Shah",
        text="Would the head of IT not be better placed under the CFO? Finance runs most "
        "of our internal systems today.",
    )
    review_comment_add(
        **review,
        target="seat",
        target_key=seat,
        author_name="Tom Becker",
        text="Can our founder keep this seat for another year, with a VP Engineering under him?",
    )
    review_reply_add(
        comment=question,
        user=consultant,
        text="Under the CFO, IT tends to be run as a cost line. While the product and the "
        "internal systems share engineers, one technology leader keeps them aligned; we "
        "would revisit it once you hire a CIO.",
    )
    signoff_add(
        link=link,
        version=scenario.version,
        name="Priya Shah",
        role="Chair of the board",
        scenario_url="",
    )


def _as_if_saved_under_previous_rules(scenario: Scenario) -> None:
    """Store the advice earlier rules gave (they did not weigh regulated data)."""
    rec = recommend(parse_answers({**scenario.answers, "regulated": False})).to_dict()
    rec["answers"] = scenario.answers
    rec["ruleset_version"] = PREVIOUS_RULES
    fields = {
        "recommendation": rec,
        "role_model": rec["role_model"],
        "ruleset_version": PREVIOUS_RULES,
    }
    Scenario.objects.filter(pk=scenario.pk).update(**fields)
    ScenarioVersion.objects.filter(scenario=scenario).update(**fields)


def renumber(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Move primary keys into the fixed demo range and follow them in foreign keys."""
    mapping: dict[tuple[str, int], int] = {}
    counters = dict(PK_BASE)
    for record in records:
        if record["model"] in counters:
            counters[record["model"]] += 1
            mapping[(record["model"], record["pk"])] = counters[record["model"]]
            record["pk"] = counters[record["model"]]
    for record in records:
        fields = record["fields"]
        for name, target in FOLLOW.get(record["model"], {}).items():
            fields[name] = mapping[(target, fields[name])]
    return records


class Command(BaseCommand):
    help = "Write the demo firm, its members, clients and scenarios to fixtures/demo.json."

    def add_arguments(self, parser):
        parser.add_argument(
            "--output", default=str(Path(settings.BASE_DIR) / "fixtures" / "demo.json")
        )

    def handle(self, *args, output: str, **options):
        records: list[dict[str, Any]] = []
        try:
            with transaction.atomic():
                users = get_user_model().objects
                users.filter(username__in=[DEMO_USERNAME, *(m[0] for m in DEMO_MEMBERS)]).delete()
                owner = users.create(
                    username=DEMO_USERNAME,
                    email=DEMO_EMAIL,
                    first_name="Demo",
                    last_name="Consultant",
                    password=make_password(DEMO_PASSWORD),
                )
                firm = Firm.objects.create(name=DEMO_FIRM)
                Membership.objects.create(firm=firm, user=owner, role=Role.OWNER)
                members = [owner]
                for username, password, first, last, role in DEMO_MEMBERS:
                    member = users.create(
                        username=username,
                        email=f"{username}@example.com",
                        first_name=first,
                        last_name=last,
                        password=make_password(password),
                    )
                    Membership.objects.create(firm=firm, user=member, role=role)
                    members.append(member)
                build(owner, consultant=members[1])
                memberships = list(Membership.objects.filter(firm=firm).order_by("pk"))
                clients = list(Client.objects.filter(firm=firm).order_by("pk"))
                scenarios = list(Scenario.objects.filter(client__firm=firm).order_by("pk"))
                versions = list(
                    ScenarioVersion.objects.filter(scenario__client__firm=firm).order_by("pk")
                )
                of_firm = {"scenario__client__firm": firm}
                review = [
                    *ShareLink.objects.filter(**of_firm).order_by("pk"),
                    *ReviewComment.objects.filter(**of_firm).order_by("pk"),
                    *ReviewReply.objects.filter(comment__scenario__client__firm=firm).order_by(
                        "pk"
                    ),
                    *SignOff.objects.filter(**of_firm).order_by("pk"),
                ]
                text = serializers.serialize(
                    "json",
                    [*members, firm, *memberships, *clients, *scenarios, *versions, *review],
                    use_natural_foreign_keys=True,
                    use_natural_primary_keys=True,
                    fields=None,
                )
                records = json.loads(text)
                raise Rollback
        except Rollback:
            pass
        for record in records:
            if record["model"] == "auth.user":
                user = record["fields"]
                user["groups"], user["user_permissions"], user["last_login"] = [], [], None
        records = renumber(records)
        path = Path(output)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(records, indent=1, ensure_ascii=False) + "\n")
        self.stdout.write(
            f"Wrote {path}: {len(records)} rows for the demo firm {DEMO_FIRM}, whose members "
            f"sign in as {DEMO_USERNAME} / {DEMO_PASSWORD} (owner), "
            + ", ".join(f"{u} / {p} ({r.label.lower()})" for u, p, _, _, r in DEMO_MEMBERS)
            + "."
        )
