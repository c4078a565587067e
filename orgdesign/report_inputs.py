"""What each PDF report shows: its scenarios, cover details and branding, with the cache key
and file name that follow from them.

The report views ask for a `ReportInputs` (the founder's result, a saved or shared
scenario, a comparison) and hand it to `orgdesign.pdf.report_pdf`; they build nothing
themselves. Reads go through the selectors, so ownership is checked there.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from orgdesign import selectors
from orgdesign.models import Client, Scenario
from orgdesign.pdf import (
    ReportBranding,
    ReportMeta,
    ReportScenario,
    report_cache_key,
    report_filename,
    report_pdf,
)
from orgdesign.rules import RULESET_VERSION, parse_answers, recommend


@dataclass(frozen=True)
class ReportInputs:
    key: str  # the cache key: kind and everything the report shows
    filename: str
    scenarios: tuple[ReportScenario, ...]
    meta: ReportMeta
    branding: ReportBranding

    def build(self) -> bytes:
        """The PDF itself (the expensive part: only on a cache miss)."""
        return report_pdf(scenarios=list(self.scenarios), meta=self.meta, branding=self.branding)


def _prepared_by(user, branding: ReportBranding) -> str:
    """The person's full name and firm, either alone, or nothing: never the sign-in name,
    which is a credential, not something to print on a shared report."""
    return ", ".join(part for part in (user.get_full_name(), branding.firm_name) if part)


def _owner_branding(user) -> tuple[ReportBranding, list]:
    """The user's report branding, and what identifies its version in a cache key."""
    row = selectors.branding_get_for_user(user=user)
    branding = ReportBranding.from_model(row)
    return branding, [row.pk if row else None, branding.stamp]


def _report_scenario(scenario: Scenario) -> ReportScenario:
    return ReportScenario(
        name=scenario.name,
        recommendation=scenario.recommendation,
        version=scenario.version,
        saved_at=scenario.updated_at,
    )


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
    meta = ReportMeta(prepared_by=prepared_by, prepared_for=label)
    return ReportInputs(
        key=report_cache_key("result", answers, RULESET_VERSION, branding_id, meta),
        filename=report_filename(label or "org-design-recommendation", on=meta.on),
        scenarios=(ReportScenario(name=label, recommendation=rec),),
        meta=meta,
        branding=branding,
    )


def report_for_scenario(*, scenario: Scenario, kind: str) -> ReportInputs:
    """The report of one saved scenario, branded by its owner (`kind`: "scenario" for the
    owner's download, "shared" for a share link's)."""
    owner = scenario.client.owner
    branding, branding_id = _owner_branding(owner)
    meta = _client_meta(scenario.client, owner, branding)
    return ReportInputs(
        key=report_cache_key(kind, _scenario_identity(scenario), branding_id, meta),
        filename=report_filename(scenario.client.name, scenario.name, on=meta.on),
        scenarios=(_report_scenario(scenario),),
        meta=meta,
        branding=branding,
    )


def report_for_comparison(*, user, scenarios: list[Scenario]) -> ReportInputs:
    """A comparison report of two to four scenarios of one client of `user`."""
    client = scenarios[0].client
    branding, branding_id = _owner_branding(user)
    meta = _client_meta(client, user, branding)
    identity = [_scenario_identity(s) for s in scenarios]
    return ReportInputs(
        key=report_cache_key("compare", identity, branding_id, meta),
        filename=report_filename(client.name, "comparison", on=meta.on),
        scenarios=tuple(_report_scenario(s) for s in scenarios),
        meta=meta,
        branding=branding,
    )
