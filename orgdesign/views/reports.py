"""PDF downloads: the founder's result, a saved scenario, a shared scenario, a comparison.

Each view fetches its objects through the ownership-checking selectors (or the wizard
session), asks `orgdesign.report_inputs` for what the report shows and its cache key, and
only sets the headers. The response carries an ETag derived from that key, so a browser
that already has this version gets 304 without any rendering.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseNotModified
from django.shortcuts import redirect
from django.utils.cache import patch_vary_headers
from django.utils.http import parse_etags
from django.views.decorators.http import require_GET

from orgdesign import selectors
from orgdesign.flow import wizard_answers, wizard_target
from orgdesign.http import query_ids
from orgdesign.pdf import cached_report, report_etag
from orgdesign.ratelimit import limit_share_guesses, rate_limit
from orgdesign.report_inputs import (
    ReportInputs,
    report_for_answers,
    report_for_comparison,
    report_for_scenario,
)
from orgdesign.selectors import COMPARE_MAX


def pdf_response(request: HttpRequest, report: ReportInputs) -> HttpResponse:
    """The cached PDF as a download, or 304 when the browser's copy is current."""
    etag = report_etag(report.key)
    if etag in parse_etags(request.headers.get("If-None-Match", "")):
        response: HttpResponse = HttpResponseNotModified()
    else:
        response = HttpResponse(
            cached_report(report.key, report.build), content_type="application/pdf"
        )
        response["Content-Disposition"] = f'attachment; filename="{report.filename}"'
    response["ETag"] = etag
    # Private: reports are personal. no-cache: the browser revalidates (cheap, via ETag).
    response["Cache-Control"] = "private, no-cache"
    patch_vary_headers(response, ("Cookie",))
    return response


@require_GET
@rate_limit("pdf")
def report_result(request: HttpRequest) -> HttpResponse:
    """The founder's report, from the answers in the wizard session."""
    answers = wizard_answers(request)
    if answers is None:
        return redirect("orgdesign:wizard")
    label = str((wizard_target(request) or {}).get("label", ""))[:200]
    return pdf_response(
        request, report_for_answers(user=request.user, answers=answers, label=label)
    )


@require_GET
@login_required
def report_scenario(request: HttpRequest, scenario_id: int) -> HttpResponse:
    """The report of one of the user's saved scenarios."""
    scenario = selectors.scenario_get_for_user(user=request.user, scenario_id=scenario_id)
    return pdf_response(request, report_for_scenario(scenario=scenario, kind="scenario"))


@require_GET
@limit_share_guesses
@rate_limit("pdf")
def report_shared(request: HttpRequest, token: str) -> HttpResponse:
    """The report behind an active share link (no login; the owner's branding)."""
    link = selectors.share_link_get_active(token=token)
    return pdf_response(request, report_for_scenario(scenario=link.scenario, kind="shared"))


@require_GET
@login_required
def report_compare(request: HttpRequest, client_id: int) -> HttpResponse:
    """A comparison report of two to four scenarios of one client (`?s=<id>&s=<id>`)."""
    ids = query_ids(request, "s", limit=COMPARE_MAX * 2)
    scenarios = selectors.scenarios_for_compare(
        user=request.user, client_id=client_id, scenario_ids=ids
    )
    return pdf_response(request, report_for_comparison(user=request.user, scenarios=scenarios))
