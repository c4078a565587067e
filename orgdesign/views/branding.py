"""The consultant's branding page and their logo image (owner only)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from orgdesign.branding import (
    branding_get_for_user,
    branding_remove_logo,
    branding_update,
    report_branding_from_row,
)
from orgdesign.forms.branding import BrandingForm
from orgdesign.pdf import DEFAULT_ACCENT


@require_http_methods(["GET", "POST"])
@login_required
def branding(request: HttpRequest) -> HttpResponse:
    """Firm name, accent colour and logo for the user's reports; a separate button removes
    the logo. A refused upload re-shows the form with its message and saves nothing."""
    current = branding_get_for_user(user=request.user)
    if request.method == "POST" and request.POST.get("action") == "remove-logo":
        branding_remove_logo(user=request.user)
        messages.success(request, "Your logo was removed from your reports.")
        return redirect("orgdesign:branding")
    if request.method == "POST":
        form = BrandingForm(request.POST, request.FILES)
        if form.is_valid():
            logo = form.cleaned_data["logo"]
            branding_update(
                user=request.user,
                firm_name=form.cleaned_data["firm_name"],
                accent_colour=form.cleaned_data["accent_colour"],
                logo=logo[0] if logo else None,
                logo_content_type=logo[1] if logo else "",
            )
            messages.success(request, "Your branding was saved; new reports will use it.")
            return redirect("orgdesign:branding")
    else:
        form = BrandingForm(
            initial={
                "firm_name": current.firm_name if current else "",
                "accent_colour": current.accent_colour if current else DEFAULT_ACCENT,
            }
        )
    # A logo stored before today's checks that fails them is left out of reports: say so.
    logo_refused = bool(current and current.logo and not report_branding_from_row(current).logo)
    return render(
        request,
        "orgdesign/branding.html",
        {"form": form, "branding": current, "logo_refused": logo_refused},
    )


@require_GET
@login_required
def branding_logo(request: HttpRequest) -> HttpResponse:
    """The user's own logo as reports use it (checked again, an SVG rebuilt); nobody else's."""
    logo = report_branding_from_row(branding_get_for_user(user=request.user))
    if not logo.logo:
        raise Http404("No logo.")
    response = HttpResponse(logo.logo, content_type=logo.logo_content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-cache"
    response["Content-Disposition"] = "inline"
    if logo.logo_content_type == "image/svg+xml":
        # Opened on its own, an SVG is a document: give it no right to run or load anything.
        response["Content-Security-Policy"] = "default-src 'none'"
    return response
