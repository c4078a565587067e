"""What each report shows: its scenarios, cover details and branding, and what identifies
that content in a cache key and a file name.

The report views ask for a `ReportInputs` (the founder's result, a saved or shared
scenario, a comparison, a client's pack) and serve it in the format asked for; they build
nothing themselves. Reads go through the selectors, so ownership is checked there.
"""

from __future__ import annotations

import dataclasses
import logging
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError

from orgdesign import selectors
from orgdesign.logos import clean_logo
from orgdesign.models import Branding, Client, Scenario, ShareLink, SignOff
from orgdesign.pdf import ReportBranding, ReportMeta, ReportScenario
from orgdesign.presenter import signoff_status
from orgdesign.rules import RULESET_VERSION, parse_answers, recommend

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class ReportInputs:
    kind: str  # "result", "scenario", "shared", "compare" or "pack"
    identity: tuple[Any, ...]  # what identifies the content, for the cache key
    names: tuple[str, ...]  # the parts of the file name
    scenarios: tuple[ReportScenario, ...]
    meta: ReportMeta
    branding: ReportBranding


def report_branding_from_row(row: Branding | None) -> ReportBranding:
    """What reports carry for this branding row: its logo only if it passes today's checks
    (the SVG as rebuilt by them); a refused logo is left out, with a warning in the log."""
    branding = ReportBranding.from_model(row)
    if not branding.logo:
        return branding
    try:
        logo, content_type = clean_logo(branding.logo, convert=False)
    except ValidationError as exc:
        logger.warning(
            "Logo of branding %s left out of reports: %s", row.pk, " ".join(exc.messages)
        )
        return dataclasses.replace(branding, logo=b"", logo_content_type="")
    return dataclasses.replace(branding, logo=logo, logo_content_type=content_type)


def _prepared_by(user, branding: ReportBranding) -> str:
    """The person's full name and firm, either alone, or nothing: never the sign-in name,
    which is a credential, not something to print on a shared report."""
    name = user.get_full_name() if user is not None else ""
    return ", ".join(part for part in (name, branding.firm_name) if part)


def _owner_branding(user=None, *, firm_id: int | None = None) -> tuple[ReportBranding, list[Any]]:
    """The report branding of the user's firm (or of `firm_id`), and what identifies its
    version in a cache key."""
    if firm_id is not None:
        row = selectors.branding_get_for_firm(firm_id=firm_id)
    else:
        row = selectors.branding_get_for_user(user=user)
    branding = report_branding_from_row(row)
    return branding, [row.pk if row else None, branding.stamp]


def _report_scenario(scenario: Scenario, signoffs: list[SignOff] | None = None) -> ReportScenario:
    """A saved scenario for a report; with `signoffs` (its SignOff rows), its sign-off
    status too."""
    return ReportScenario(
        name=scenario.name,
        recommendation=scenario.recommendation,
        version=scenario.version,
        saved_at=scenario.updated_at,
        signoff=None
        if signoffs is None
        else signoff_status(version=scenario.version, signoffs=signoffs),
        voice=scenario.voice,
    )


def _report_scenarios(scenarios: list[Scenario]) -> tuple[ReportScenario, ...]:
    """Several saved scenarios for a report, each with its sign-off status (their
    sign-offs read in one query)."""
    signoffs = selectors.signoffs_for_scenarios(scenarios=scenarios)
    return tuple(_report_scenario(s, signoffs[s.pk]) for s in scenarios)


def _scenario_identity(scenario: Scenario) -> list[Any]:
    return [scenario.pk, scenario.version, scenario.ruleset_version, scenario.updated_at]


def _client_meta(client: Client, owner, branding: ReportBranding) -> ReportMeta:
    return ReportMeta(
        client_name=client.name,
        prepared_by=_prepared_by(owner, branding),
        prepared_for=client.name,
    )


def report_for_answers(*, user, answers: dict[str, Any], label: str) -> ReportInputs:
    """The founder's report of the questionnaire's answers (branded when signed in)."""
    rec = recommend(parse_answers(answers)).to_dict()
    if user.is_authenticated:
        branding, branding_id = _owner_branding(user)
        prepared_by = _prepared_by(user, branding)
    else:
        branding, branding_id, prepared_by = ReportBranding(), [None, ""], ""
    return ReportInputs(
        kind="result",
        identity=(answers, RULESET_VERSION, branding_id),
        names=(label or "org-design-recommendation",),
        scenarios=(ReportScenario(name=label, recommendation=rec),),
        meta=ReportMeta(prepared_by=prepared_by, prepared_for=label),
        branding=branding,
    )


def report_for_scenario(
    *, scenario: Scenario, kind: str, link: ShareLink | None = None
) -> ReportInputs:
    """The report of one saved scenario, branded by its firm and prepared by the member who
    created the client (`kind`: "scenario" for a member's download, "shared" for a share
    link's). Its sign-off status counts every sign-off for a member, and only those given
    through `link` on a share link's report (as its page shows)."""
    owner = scenario.client.owner
    branding, branding_id = _owner_branding(firm_id=scenario.client.firm_id)
    if link is not None:
        signoffs = list(selectors.signoffs_for_link(link=link))
    else:
        signoffs = list(selectors.signoffs_for_scenario(scenario=scenario))
    item = _report_scenario(scenario, signoffs)
    return ReportInputs(
        kind=kind,
        identity=(_scenario_identity(scenario), branding_id, item.signoff),
        names=(scenario.client.name, scenario.name),
        scenarios=(item,),
        meta=_client_meta(scenario.client, owner, branding),
        branding=branding,
    )


def report_for_comparison(*, user, scenarios: list[Scenario]) -> ReportInputs:
    """A comparison of two to four scenarios of one client of `user`, each with its
    sign-off status and the consultant's voice (a change of the voice is a new version,
    so the scenarios' identity covers it; a sign-off is not, so it is in the key)."""
    client = scenarios[0].client
    branding, branding_id = _owner_branding(user)
    items = _report_scenarios(scenarios)
    return ReportInputs(
        kind="compare",
        identity=(
            [_scenario_identity(s) for s in scenarios],
            branding_id,
            [item.signoff for item in items],
        ),
        names=(client.name, "comparison"),
        scenarios=items,
        meta=_client_meta(client, user, branding),
        branding=branding,
    )


def report_for_client(*, user, client: Client, scenarios: list[Scenario]) -> ReportInputs:
    """A client's pack: every scenario of one client of `user`, their comparison and their
    sign-off status."""
    branding, branding_id = _owner_branding(user)
    items = _report_scenarios(scenarios)
    return ReportInputs(
        kind="pack",
        identity=(
            client.pk,
            [_scenario_identity(s) for s in scenarios],
            branding_id,
            [item.signoff for item in items],
        ),
        names=(client.name, "client-pack"),
        scenarios=items,
        meta=_client_meta(client, user, branding),
        branding=branding,
    )
