"""Account pages beyond Django's own auth views: sign-up, the account page and the
download of all of a consultant's data."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.text import slugify
from django.views.decorators.http import require_GET, require_http_methods

from orgdesign.forms.workspace import SignupForm
from orgdesign.ratelimit import rate_limit
from orgdesign.workspace_io import workspace_export_json


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


@require_GET
@login_required
def account(request: HttpRequest) -> HttpResponse:
    """The consultant's account page: branding, password, and a copy of all their data."""
    return render(request, "orgdesign/account.html")


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
