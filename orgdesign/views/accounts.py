"""Account pages beyond Django's own auth views: sign-up."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from orgdesign.forms.workspace import SignupForm
from orgdesign.ratelimit import rate_limit


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
