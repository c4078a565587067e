"""Account pages beyond Django's own auth views: sign-up, and the consultant's branding
(firm name, accent colour and logo on their reports) with their logo image."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from orgdesign import selectors, services
from orgdesign.forms.branding import BrandingForm
from orgdesign.forms.workspace import SignupForm
from orgdesign.ratelimit import rate_limit
from orgdesign.validators import DEFAULT_ACCENT


@require_http_methods(["GET", "POST"])
@rate_limit("signup", methods=("POST",))
def signup(request: HttpRequest) -> HttpResponse:
    """Create a consultant account and sign it in (404 when sign-up is switched off)."""
    if not settings.ORGDESIGN_SIGNUP_ENABLED:
        raise Http404("Sign-up is closed.")
    if request.user.is_authenticated:
        return redirect("orgdesign:client-list")
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, f"Welcome, {user.username}. Your account is ready.")
        return redirect("orgdesign:client-list")
    return render(request, "registration/signup.html", {"form": form})


@require_http_methods(["GET", "POST"])
@login_required
def branding(request: HttpRequest) -> HttpResponse:
    """Firm name, accent colour and logo for the user's reports; a separate button removes
    the logo. A refused upload re-shows the form with its message and saves nothing."""
    current = selectors.branding_get_for_user(user=request.user)
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
    return render(request, "orgdesign/branding.html", {"form": form, "branding": current})


@require_GET
@login_required
def branding_logo(request: HttpRequest) -> HttpResponse:
    """The user's own logo, with its validated content type; nobody else's."""
    current = selectors.branding_get_for_user(user=request.user)
    if current is None or not current.logo:
        raise Http404("No logo.")
    response = HttpResponse(bytes(current.logo), content_type=current.logo_content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-cache"
    response["Content-Disposition"] = "inline"
    if current.logo_content_type == "image/svg+xml":
        # Opened on its own, an SVG is a document: give it no right to run or load anything.
        response["Content-Security-Policy"] = "default-src 'none'"
    return response
