"""The firm's trash: deleted clients and scenarios for TRASH_DAYS days, with Restore (owner
and consultants) and "Delete now" (the owner, after a confirmation page)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from orgdesign import selectors, services
from orgdesign.models import TRASH_DAYS
from orgdesign.presenter import trash_entries
from orgdesign.views.common import confirm_page


@require_GET
@login_required
def trash(request: HttpRequest) -> HttpResponse:
    """What the firm deleted: who, when, the days left; Restore and Delete now."""
    membership = selectors.membership_require(user=request.user)
    entries = trash_entries(
        selectors.trashed_clients_for_user(user=request.user),
        selectors.trashed_scenarios_for_user(user=request.user),
        now=timezone.now(),
        days=TRASH_DAYS,
    )
    return render(
        request,
        "orgdesign/trash/list.html",
        {"entries": entries, "days": TRASH_DAYS, "me": membership},
    )


@require_POST
@login_required
def client_restore(request: HttpRequest, trashed_client_id: int) -> HttpResponse:
    """Bring a client back from the trash, with the scenarios that went with it."""
    client = selectors.trashed_client_get_for_user(
        user=request.user, client_id=trashed_client_id, write=True
    )
    services.client_restore_from_trash(client=client)
    messages.success(request, f"Client “{client.name}” restored with its scenarios.")
    if selectors.client_name_taken(firm_id=client.firm_id, name=client.name, exclude_id=client.pk):
        messages.warning(
            request,
            f"Another client is also named “{client.name}”: rename one of them to tell them apart.",
        )
    return redirect("orgdesign:client-detail", client_id=client.pk)


@require_POST
@login_required
def scenario_restore(request: HttpRequest, trashed_scenario_id: int) -> HttpResponse:
    """Bring a scenario back from the trash (not while its client is in the trash)."""
    scenario = selectors.trashed_scenario_get_for_user(
        user=request.user, scenario_id=trashed_scenario_id, write=True
    )
    try:
        services.scenario_restore_from_trash(scenario=scenario)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("orgdesign:trash")
    messages.success(request, f"Scenario “{scenario.name}” restored.")
    return redirect("orgdesign:scenario-detail", scenario_id=scenario.pk)


@require_http_methods(["GET", "POST"])
@login_required
def client_purge(request: HttpRequest, trashed_client_id: int) -> HttpResponse:
    """Ask first, then delete a client in the trash for good (the owner only)."""
    client = selectors.trashed_client_get_for_user(
        user=request.user, client_id=trashed_client_id, owner_only=True
    )
    if request.method == "POST":
        count = services.client_delete(client=client)
        messages.success(
            request,
            f"Client “{client.name}” and {count} scenario{'s' if count != 1 else ''} "
            "deleted for good.",
        )
        return redirect("orgdesign:trash")
    return confirm_page(
        request,
        title=f"Delete “{client.name}” for good?",
        text="The client, its scenarios with their whole history and every share link to "
        "them are deleted now. This cannot be undone.",
        button="Delete for good",
        danger=True,
        cancel_url=reverse("orgdesign:trash"),
    )


@require_http_methods(["GET", "POST"])
@login_required
def scenario_purge(request: HttpRequest, trashed_scenario_id: int) -> HttpResponse:
    """Ask first, then delete a scenario in the trash for good (the owner only)."""
    scenario = selectors.trashed_scenario_get_for_user(
        user=request.user, scenario_id=trashed_scenario_id, owner_only=True
    )
    if request.method == "POST":
        services.scenario_delete(scenario=scenario)
        messages.success(request, f"Scenario “{scenario.name}” deleted for good.")
        return redirect("orgdesign:trash")
    return confirm_page(
        request,
        title=f"Delete “{scenario.name}” for good?",
        text="The scenario, its whole history and every share link to it are deleted now. "
        "This cannot be undone.",
        button="Delete for good",
        danger=True,
        cancel_url=reverse("orgdesign:trash"),
    )
