"""Reads of the consultant's saved work. Ownership is enforced here, not in the views.

Every selector that takes a `user` filters by owner and raises Http404 for anything the
user does not own (or when the user is anonymous), so a view cannot forget the check and
another consultant cannot even learn that an object exists.
"""

from __future__ import annotations

from django.db.models import Count, QuerySet
from django.http import Http404

from orgdesign.dbfunctions import Folded
from orgdesign.models import Branding, Client, Scenario, ScenarioVersion, ShareLink

COMPARE_MIN = 2
COMPARE_MAX = 4


def _require_user(user) -> None:
    if user is None or not user.is_authenticated:
        raise Http404("Not found.")


# --- Clients ------------------------------------------------------------------------------


def client_list_for_user(*, user, search: str = "") -> QuerySet[Client]:
    """The user's clients by name (ignoring case), each with `scenario_count`; `search`
    matches any part of the name, ignoring case and accents' case, on every database."""
    _require_user(user)
    clients = Client.objects.filter(owner=user).annotate(
        scenario_count=Count("scenarios"), folded_name=Folded("name")
    )
    search = search.strip()
    if search:
        clients = clients.filter(folded_name__contains=search.lower())
    return clients.order_by("folded_name", "name", "id")


def client_choices_for_user(*, user) -> QuerySet[Client]:
    """The user's clients by name (case-folded alike on every database), for a form's
    choice of client."""
    _require_user(user)
    return Client.objects.filter(owner=user).order_by(Folded("name"), "name", "id")


def client_get_for_user(*, user, client_id: int) -> Client:
    """One of the user's clients, or Http404."""
    _require_user(user)
    try:
        return Client.objects.get(owner=user, pk=client_id)
    except Client.DoesNotExist:
        raise Http404("No such client.") from None


# --- Scenarios ----------------------------------------------------------------------------


def scenario_list_for_client(*, client: Client) -> QuerySet[Scenario]:
    """The scenarios of a client the caller already got through `client_get_for_user`."""
    return client.scenarios.order_by(Folded("name"), "name", "id")


def scenario_get_for_user(*, user, scenario_id: int) -> Scenario:
    """One of the user's scenarios (with its client loaded), or Http404."""
    _require_user(user)
    try:
        return Scenario.objects.select_related("client").get(client__owner=user, pk=scenario_id)
    except Scenario.DoesNotExist:
        raise Http404("No such scenario.") from None


def scenario_find_for_user(*, user, scenario_id: int) -> Scenario | None:
    """One of the user's scenarios, or None (a page that shows it only when it exists)."""
    try:
        return scenario_get_for_user(user=user, scenario_id=scenario_id)
    except Http404:
        return None


def scenario_versions(*, scenario: Scenario) -> QuerySet[ScenarioVersion]:
    """Every saved version of a scenario, newest first, with who saved it."""
    return scenario.versions.select_related("changed_by").order_by("-number")


def scenario_version_get(*, scenario: Scenario, number: int) -> ScenarioVersion:
    """One version of a scenario the caller already owns, or Http404."""
    try:
        return scenario.versions.select_related("changed_by").get(number=number)
    except ScenarioVersion.DoesNotExist:
        raise Http404("No such version.") from None


def scenarios_for_compare(*, user, client_id: int, scenario_ids: list[int]) -> list[Scenario]:
    """Two to four of the user's scenarios of one client, in the order asked.

    Raises Http404 when the client is not the user's, when the count is outside 2-4, or
    when any id is not a scenario of that client (duplicates count once).
    """
    client = client_get_for_user(user=user, client_id=client_id)
    wanted = list(dict.fromkeys(scenario_ids))
    if not COMPARE_MIN <= len(wanted) <= COMPARE_MAX:
        raise Http404("Pick two to four scenarios to compare.")
    found = {s.pk: s for s in Scenario.objects.filter(client=client, pk__in=wanted)}
    if len(found) != len(wanted):
        raise Http404("No such scenario.")
    for scenario in found.values():
        scenario.client = client
    return [found[pk] for pk in wanted]


# --- Share links --------------------------------------------------------------------------


def share_links_for_scenario(*, scenario: Scenario) -> QuerySet[ShareLink]:
    """The share links of a scenario the caller already owns, newest first."""
    return scenario.share_links.order_by("-created_at", "-id")


def share_link_get_for_user(*, user, link_id: int) -> ShareLink:
    """One of the user's share links (with scenario and client), or Http404."""
    _require_user(user)
    try:
        return ShareLink.objects.select_related("scenario__client").get(
            scenario__client__owner=user, pk=link_id
        )
    except ShareLink.DoesNotExist:
        raise Http404("No such link.") from None


def share_link_get_active(*, token: str) -> ShareLink:
    """The share link with this token if it is neither revoked nor expired, or Http404."""
    if not token or len(token) > ShareLink._meta.get_field("token").max_length:
        raise Http404("This link is not valid.")
    try:
        link = ShareLink.objects.select_related("scenario__client").get(token=token)
    except ShareLink.DoesNotExist:
        raise Http404("This link is not valid.") from None
    if not link.is_active:  # revoked or expired: decided by the link alone
        raise Http404("This link is not valid any more.")
    return link


# --- Branding -----------------------------------------------------------------------------


def branding_get_for_user(*, user) -> Branding | None:
    """The user's branding row, or None (anonymous users and users who never set one)."""
    if user is None or not user.is_authenticated:
        return None
    return Branding.objects.filter(owner=user).first()
