"""PDF downloads: the founder's result, a saved scenario, a shared scenario, a comparison.

Each view fetches its data through the ownership-checking selectors (or the wizard
session), builds the report's cache key from everything the report shows, and hands
`orgdesign.pdf` plain data. The response carries an ETag derived from that key, so a
browser that already has this version gets 304 without any rendering.
"""

from __future__ import annotations

from collections.abc import Callable

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseNotModified
from django.shortcuts import redirect
from django.utils.cache import patch_vary_headers
from django.utils.http import parse_etags
from django.views.decorators.http import require_GET

from orgdesign import selectors
from orgdesign.branding import branding_get_for_user
from orgdesign.http import query_ids
from orgdesign.models import Scenario
from orgdesign.pdf import (
    ReportBranding,
    ReportMeta,
    ReportScenario,
    cached_report,
    report_cache_key,
    report_etag,
    report_filename,
    report_pdf,
)
from orgdesign.ratelimit import limit_share_guesses, rate_limit
from orgdesign.rules import RULESET_VERSION, parse_answers, recommend
from orgdesign.selectors import COMPARE_MAX
from orgdesign.wizard import wizard_answers, wizard_target


def pdf_response(
    request: HttpRequest, *, key: str, filename: str, build: Callable[[], bytes]
) -> HttpResponse:
    """The cached PDF as a download, or 304 when the browser's copy is current."""
    etag = report_etag(key)
    if etag in parse_etags(request.headers.get("If-None-Match", "")):
        response: HttpResponse = HttpResponseNotModified()
    else:
        response = HttpResponse(cached_report(key, build), content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["ETag"] = etag
    # Private: reports are personal. no-cache: the browser revalidates (cheap, via ETag).
    response["Cache-Control"] = "private, no-cache"
    patch_vary_headers(response, ("Cookie",))
    return response


def _prepared_by(user, branding: ReportBranding) -> str:
    """The person's full name and firm, either alone, or nothing: never the sign-in name,
    which is a credential, not something to print on a shared report."""
    return ", ".join(part for part in (user.get_full_name(), branding.firm_name) if part)


def _owner_branding(user) -> tuple[ReportBranding, list]:
    """The user's report branding, and what identifies its version in a cache key."""
    row = branding_get_for_user(user=user)
    branding = ReportBranding.from_model(row)
    return branding, [row.pk if row else None, branding.stamp]


def _report_scenario(scenario: Scenario) -> ReportScenario:
    return ReportScenario(
        name=scenario.name,
        recommendation=scenario.recommendation,
        version=scenario.version,
        saved_at=scenario.updated_at,
    )


def _scenario_identity(scenario: Scenario) -> list:
    return [scenario.pk, scenario.version, scenario.ruleset_version, scenario.updated_at]


def _scenario_download(request: HttpRequest, scenario: Scenario, *, kind: str) -> HttpResponse:
    owner = scenario.client.owner
    branding, branding_id = _owner_branding(owner)
    meta = ReportMeta(
        client_name=scenario.client.name,
        prepared_by=_prepared_by(owner, branding),
        prepared_for=scenario.client.name,
    )
    key = report_cache_key(kind, _scenario_identity(scenario), branding_id, meta)
    return pdf_response(
        request,
        key=key,
        filename=report_filename(scenario.client.name, scenario.name, on=meta.on),
        build=lambda: report_pdf(
            scenarios=[_report_scenario(scenario)], meta=meta, branding=branding
        ),
    )


@require_GET
@rate_limit("pdf")
def report_result(request: HttpRequest) -> HttpResponse:
    """The founder's report, from the answers in the wizard session."""
    answers = wizard_answers(request)
    if answers is None:
        return redirect("orgdesign:wizard")
    target = wizard_target(request) or {}
    label = str(target.get("label", ""))[:200]
    rec = recommend(parse_answers(answers)).to_dict()
    if request.user.is_authenticated:
        branding, branding_id = _owner_branding(request.user)
        prepared_by = _prepared_by(request.user, branding)
    else:
        branding, branding_id, prepared_by = ReportBranding(), [None, ""], ""
    meta = ReportMeta(prepared_by=prepared_by, prepared_for=label)
    key = report_cache_key("result", answers, RULESET_VERSION, branding_id, meta)
    return pdf_response(
        request,
        key=key,
        filename=report_filename(label or "org-design-recommendation", on=meta.on),
        build=lambda: report_pdf(
            scenarios=[ReportScenario(name=label, recommendation=rec)],
            meta=meta,
            branding=branding,
        ),
    )


@require_GET
@login_required
def report_scenario(request: HttpRequest, scenario_id: int) -> HttpResponse:
    """The report of one of the user's saved scenarios."""
    scenario = selectors.scenario_get_for_user(user=request.user, scenario_id=scenario_id)
    return _scenario_download(request, scenario, kind="scenario")


@require_GET
@limit_share_guesses
@rate_limit("pdf")
def report_shared(request: HttpRequest, token: str) -> HttpResponse:
    """The report behind an active share link (no login; the owner's branding)."""
    link = selectors.share_link_get_active(token=token)
    return _scenario_download(request, link.scenario, kind="shared")


@require_GET
@login_required
def report_compare(request: HttpRequest, client_id: int) -> HttpResponse:
    """A comparison report of two to four scenarios of one client (`?s=<id>&s=<id>`)."""
    ids = query_ids(request, "s", limit=COMPARE_MAX * 2)
    scenarios = selectors.scenarios_for_compare(
        user=request.user, client_id=client_id, scenario_ids=ids
    )
    client = scenarios[0].client
    branding, branding_id = _owner_branding(request.user)
    meta = ReportMeta(
        client_name=client.name,
        prepared_by=_prepared_by(request.user, branding),
        prepared_for=client.name,
    )
    key = report_cache_key("compare", [_scenario_identity(s) for s in scenarios], branding_id, meta)
    return pdf_response(
        request,
        key=key,
        filename=report_filename(client.name, "comparison", on=meta.on),
        build=lambda: report_pdf(
            scenarios=[_report_scenario(s) for s in scenarios], meta=meta, branding=branding
        ),
    )
