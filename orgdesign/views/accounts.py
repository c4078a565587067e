"""Account pages beyond Django's own auth views: sign-up, the account page, the download of
all of a consultant's data, and their branding (firm name, accent colour and logo on their
reports) with their logo image."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.text import slugify
from django.views.decorators.http import require_GET, require_http_methods

from orgdesign import selectors, services
from orgdesign.forms.branding import BrandingForm
from orgdesign.forms.workspace import SignupForm
from orgdesign.ratelimit import rate_limit
from orgdesign.report_inputs import report_branding_from_row
from orgdesign.validators import DEFAULT_ACCENT
from orgdesign.workspace_io import workspace_export_json


@require_http_methods(["GET", "POST"])
@rate_limit("signup", methods=("POST",))
def signup(request: HttpRequest) -> HttpResponse:
    """Create a consultant account and sign it in (404 when sign-up is switched off)."""
    if not settings.ORGDESIGN_SIGNUP_ENABLED:
        raise Http404("Sign-up is closed.")
    # `next`: where to go afterwards, e.g. back to an invitation link: a path of this site
    # only (anything else, "0000" too, which `redirect` would take for a view name, is
    # dropped).
    after = request.POST.get("next") or request.GET.get("next") or ""
    if not after.startswith("/") or not url_has_allowed_host_and_scheme(
        after, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        after = ""
    if request.user.is_authenticated:
        return redirect(after or "orgdesign:client-list")
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        services.membership_ensure(user=user)
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, f"Welcome, {user.username}. Your account is ready.")
        return redirect(after or "orgdesign:client-list")
    return render(request, "registration/signup.html", {"form": form, "next": after})


@require_GET
@login_required
def account(request: HttpRequest) -> HttpResponse:
    """The account page: the firm and the user's role in it, branding (owners), password,
    and a copy of all the firm's data."""
    return render(
        request,
        "orgdesign/account.html",
        {"membership": selectors.membership_for_user(user=request.user)},
    )


@require_GET
@login_required
def account_export(request: HttpRequest) -> HttpResponse:
    """All of the signed-in consultant's clients, scenarios, history and branding as a
    JSON download (their own data only; see orgdesign/workspace_io.py)."""
    user = request.user
    name = slugify(user.get_username())[:40] or "account"
    filename = f"orgdesign-workspace-{name}-{timezone.localdate().isoformat()}.json"
    response = HttpResponse(
        workspace_export_json(user=user), content_type="application/json; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


@require_http_methods(["GET", "POST"])
@login_required
def branding(request: HttpRequest) -> HttpResponse:
    """Firm name, accent colour and logo for the user's reports; a separate button removes
    the logo. A refused upload re-shows the form with its message and saves nothing.
    The firm's owner changes it (a user without a firm yet gets one on saving); the other
    members see it read-only, without a form."""
    membership = selectors.membership_check(user=request.user, owner_only=request.method == "POST")
    current = selectors.branding_get_for_user(user=request.user)
    if membership is not None and not membership.is_owner:
        return render(
            request,
            "orgdesign/branding.html",
            {"branding": current, "read_only": True, "default_accent": DEFAULT_ACCENT},
        )
    if request.method == "POST" and request.POST.get("action") == "remove-logo":
        services.branding_remove_logo(user=request.user)
        messages.success(request, "Your logo was removed from your reports.")
        return redirect("orgdesign:branding")
    if request.method == "POST":
        form = BrandingForm(request.POST, request.FILES)
        if form.is_valid():
            logo = form.cleaned_data["logo"]
            services.branding_update(
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
    logo = report_branding_from_row(selectors.branding_get_for_user(user=request.user))
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
