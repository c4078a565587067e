"""Report downloads: the founder's result, a saved scenario, a shared scenario, a comparison,
and a client's pack.

Each view serves every format of its report (`fmt`, set by the route: PDF, PowerPoint, Word,
or the org chart alone as SVG or PNG). It fetches its data through the ownership-checking
selectors (or the wizard session), builds the cache key from everything the file shows,
and hands `orgdesign.pdf` / `orgdesign.exports` plain data. The response carries an ETag
derived from that key, so a browser that already has this version gets 304 without any
rendering.

The rendering itself runs within the report time budget (`orgdesign.render_budget`): a
file that fails or takes too long gives a 503 page with a way back, and is not tried again
for a while. Its `build` therefore pickles: a `functools.partial` of a module-level
function with plain data, never a lambda. The logo goes in only if it passes today's logo
checks.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from typing import NamedTuple

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseNotModified
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.http import parse_etags, urlencode
from django.views.decorators.http import require_GET

from orgdesign import report_inputs, selectors
from orgdesign.exports import DOCX_TYPE, PPTX_TYPE, chart_png, chart_svg, report_docx, report_pptx
from orgdesign.flow import wizard_answers, wizard_target
from orgdesign.http import query_ids
from orgdesign.pdf import (
    cached_report,
    client_pack_pdf,
    report_cache_key,
    report_etag,
    report_filename,
    report_pdf,
)
from orgdesign.ratelimit import limit_share_guesses, rate_limit
from orgdesign.render_budget import RenderFailed, budgeted
from orgdesign.selectors import COMPARE_MAX


class Format(NamedTuple):
    content_type: str
    build: Callable[..., bytes]


# The report in each format: `build(scenarios=, meta=, branding=)` gives the file.
REPORT_FORMATS: Mapping[str, Format] = {
    "pdf": Format("application/pdf", report_pdf),
    "pptx": Format(PPTX_TYPE, report_pptx),
    "docx": Format(DOCX_TYPE, report_docx),
}
# The org chart alone: `build(rec, accent=)` gives the file.
CHART_FORMATS: Mapping[str, Format] = {
    "svg": Format("image/svg+xml", chart_svg),
    "png": Format("image/png", chart_png),
}


def report_failed_response(
    request: HttpRequest, failure: RenderFailed, *, back_url: str
) -> HttpResponse:
    """The page shown when a file could not be produced (503, never cached)."""
    response = render(
        request,
        "orgdesign/report_failed.html",
        {"timed_out": failure.timed_out, "back_url": back_url},
        status=503,
    )
    response["Retry-After"] = str(settings.ORGDESIGN_REPORT_FAILURE_TTL)
    response["Cache-Control"] = "private, no-store"
    return response


def download_response(
    request: HttpRequest,
    *,
    key: str,
    filename: str,
    build: Callable[[], bytes],
    back_url: str,
    content_type: str = "application/pdf",
) -> HttpResponse:
    """The cached file as a download, or 304 when the browser's copy is current.

    `build` runs in a render process within the time budget (it must pickle)."""
    etag = report_etag(key)
    if etag in parse_etags(request.headers.get("If-None-Match", "")):
        response: HttpResponse = HttpResponseNotModified()
    else:
        try:
            body = cached_report(key, budgeted(key, build))
        except RenderFailed as failure:
            return report_failed_response(request, failure, back_url=back_url)
        response = HttpResponse(body, content_type=content_type)
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["ETag"] = etag
    # Private: reports are personal. no-cache: the browser revalidates (cheap, via ETag).
    response["Cache-Control"] = "private, no-cache"
    patch_vary_headers(response, ("Cookie",))
    return response


def report_download(
    request: HttpRequest, inputs: report_inputs.ReportInputs, *, fmt: str, back_url: str
) -> HttpResponse:
    """One report in the format `fmt` (a report format, or a chart format for the chart of
    the first scenario), cached under its kind, format and everything it shows."""
    kind = inputs.kind if fmt == "pdf" else f"{inputs.kind}.{fmt}"
    key = report_cache_key(kind, *inputs.identity, inputs.meta)
    if fmt in CHART_FORMATS:
        chart = CHART_FORMATS[fmt]
        return download_response(
            request,
            key=key,
            filename=report_filename(*inputs.names, "org-chart", on=inputs.meta.on, ext=fmt),
            build=functools.partial(
                chart.build,
                inputs.scenarios[0].recommendation,
                accent=inputs.branding.safe_accent,
            ),
            back_url=back_url,
            content_type=chart.content_type,
        )
    report = REPORT_FORMATS[fmt]
    return download_response(
        request,
        key=key,
        filename=report_filename(*inputs.names, on=inputs.meta.on, ext=fmt),
        build=functools.partial(
            report.build,
            scenarios=list(inputs.scenarios),
            meta=inputs.meta,
            branding=inputs.branding,
        ),
        back_url=back_url,
        content_type=report.content_type,
    )


@require_GET
@rate_limit("pdf")
def report_result(request: HttpRequest, fmt: str = "pdf") -> HttpResponse:
    """The founder's report, from the answers in the questionnaire's session."""
    answers = wizard_answers(request)
    if answers is None:
        return redirect("orgdesign:wizard")
    label = str((wizard_target(request) or {}).get("label", ""))[:200]
    inputs = report_inputs.report_for_answers(user=request.user, answers=answers, label=label)
    return report_download(request, inputs, fmt=fmt, back_url=reverse("orgdesign:result"))


@require_GET
@login_required
def report_scenario(request: HttpRequest, scenario_id: int, fmt: str = "pdf") -> HttpResponse:
    """The report of one of the user's saved scenarios."""
    scenario = selectors.scenario_get_for_user(user=request.user, scenario_id=scenario_id)
    inputs = report_inputs.report_for_scenario(scenario=scenario, kind="scenario")
    back_url = reverse("orgdesign:scenario-detail", args=[scenario.pk])
    return report_download(request, inputs, fmt=fmt, back_url=back_url)


@require_GET
@limit_share_guesses
@rate_limit("pdf")
def report_shared(request: HttpRequest, token: str, fmt: str = "pdf") -> HttpResponse:
    """The report behind an active share link (no login; the owner's branding)."""
    link = selectors.share_link_get_active(token=token)
    inputs = report_inputs.report_for_scenario(scenario=link.scenario, kind="shared", link=link)
    back_url = reverse("orgdesign:shared-scenario", args=[token])
    return report_download(request, inputs, fmt=fmt, back_url=back_url)


@require_GET
@login_required
def report_compare(request: HttpRequest, client_id: int, fmt: str = "pdf") -> HttpResponse:
    """A comparison report of two to four scenarios of one client (`?s=<id>&s=<id>`)."""
    ids = query_ids(request, "s", limit=COMPARE_MAX * 2)
    scenarios = selectors.scenarios_for_compare(
        user=request.user, client_id=client_id, scenario_ids=ids
    )
    inputs = report_inputs.report_for_comparison(user=request.user, scenarios=scenarios)
    back_url = (
        reverse("orgdesign:scenario-compare", args=[scenarios[0].client_id])
        + "?"
        + urlencode([("s", s.pk) for s in scenarios])
    )
    return report_download(request, inputs, fmt=fmt, back_url=back_url)


@require_GET
@login_required
def report_client_pack(request: HttpRequest, client_id: int) -> HttpResponse:
    """Every scenario of one of the user's clients in one PDF, with their comparison."""
    client = selectors.client_get_for_user(user=request.user, client_id=client_id)
    scenarios = list(selectors.scenario_list_for_client(client=client))
    if not scenarios:
        messages.info(request, "Save a scenario for this client first: the pack has none yet.")
        return redirect("orgdesign:client-detail", client_id=client.pk)
    inputs = report_inputs.report_for_client(user=request.user, client=client, scenarios=scenarios)
    return download_response(
        request,
        key=report_cache_key(inputs.kind, *inputs.identity, inputs.meta),
        filename=report_filename(*inputs.names, on=inputs.meta.on),
        build=functools.partial(
            client_pack_pdf,
            scenarios=list(inputs.scenarios),
            meta=inputs.meta,
            branding=inputs.branding,
        ),
        back_url=reverse("orgdesign:client-detail", args=[client.pk]),
    )
