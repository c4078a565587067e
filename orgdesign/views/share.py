"""Read-only share links: create and revoke them, and the public page they open."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from orgdesign import selectors, services
from orgdesign.forms.workspace import ShareLinkForm
from orgdesign.ratelimit import limit_share_guesses
from orgdesign.views.common import confirm_page, recommendation_context, voice_context


@require_http_methods(["GET", "POST"])
@login_required
def scenario_share(request: HttpRequest, scenario_id: int) -> HttpResponse:
    """The scenario's share links, and a form to make a new one (optional expiry)."""
    scenario = selectors.scenario_get_for_user(
        user=request.user, scenario_id=scenario_id, write=True
    )
    form = ShareLinkForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        link = services.share_link_create(scenario=scenario, expires_at=form.expires_at())
        messages.success(request, "Share link created. Anyone with the link can read this result.")
        return redirect(
            reverse("orgdesign:scenario-share", args=[scenario.pk]) + f"#link-{link.pk}"
        )
    links = [
        {
            "link": link,
            "url": request.build_absolute_uri(
                reverse("orgdesign:shared-scenario", args=[link.token])
            ),
        }
        for link in selectors.share_links_for_scenario(scenario=scenario)
    ]
    return render(
        request,
        "orgdesign/share/manage.html",
        {"scenario": scenario, "client": scenario.client, "form": form, "links": links},
    )


@require_http_methods(["GET", "POST"])
@login_required
def share_revoke(request: HttpRequest, link_id: int) -> HttpResponse:
    link = selectors.share_link_get_for_user(user=request.user, link_id=link_id, write=True)
    back = reverse("orgdesign:scenario-share", args=[link.scenario_id])
    if request.method == "POST":
        services.share_link_revoke(link=link)
        messages.success(request, "Share link revoked: it no longer opens the result.")
        return redirect(back)
    return confirm_page(
        request,
        title="Revoke this share link?",
        text="Anyone who has it will see a “link not valid” page instead of the result.",
        button="Revoke the link",
        danger=True,
        cancel_url=back,
        scenario=link.scenario,
    )


@require_GET
@limit_share_guesses
def shared_scenario(request: HttpRequest, token: str) -> HttpResponse:
    """The public, read-only result: the scenario's recommendation and answers only."""
    try:
        link = selectors.share_link_get_active(token=token)
    except Http404:
        return render(request, "orgdesign/share/invalid.html", status=404)
    scenario = link.scenario
    response = render(
        request,
        "orgdesign/share/public.html",
        {
            "link": link,
            "shared_scenario": scenario,
            "client_name": scenario.client.name,
            **recommendation_context(scenario.recommendation),
            **voice_context(scenario.voice, scenario.recommendation),
            "token": token,
        },
    )
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "no-referrer"
    return response
