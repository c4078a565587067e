"""Reads of the firm's saved work. Access is enforced here, not in the views.

Every selector that takes a `user` resolves the user's membership of a firm and filters by
that firm: anything of another firm (or anything at all for an anonymous visitor or a user
without a firm) raises Http404, so a view cannot forget the check and another firm cannot
even learn that an object exists. `write=True` (a view about to change something) also
requires a role that may write: a viewer gets PermissionDenied (403); `owner_only=True`
(members, branding) requires the firm's owner role.
"""

from __future__ import annotations

from django.core import signing
from django.core.exceptions import PermissionDenied
from django.db.models import (
    Case,
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone

from orgdesign.dbfunctions import Folded, SearchFolded, search_fold
from orgdesign.models import (
    Branding,
    Client,
    Firm,
    Invitation,
    Membership,
    ReviewComment,
    ReviewReply,
    Role,
    Scenario,
    ScenarioVersion,
    ShareLink,
    SignOff,
)
from orgdesign.rules import RULESET_VERSION

COMPARE_MIN = 2
COMPARE_MAX = 4
INVITATION_SALT = "orgdesign.invitation"
INVITATION_MAX_AGE = 7 * 24 * 3600  # seconds an invitation link stays valid

# The membership read once per user object, i.e. once per request (the request's user is
# loaded afresh for every request); services that change a membership drop it.
_MEMBERSHIP_ATTR = "_orgdesign_membership"


# --- Firms and access --------------------------------------------------------------------


class RoleDenied(PermissionDenied):
    """The member's role does not allow the action; its message is shown on the 403 page."""


def membership_for_user(*, user) -> Membership | None:
    """The user's membership (with its firm), or None (anonymous, or no firm yet)."""
    if user is None or not user.is_authenticated:
        return None
    if not hasattr(user, _MEMBERSHIP_ATTR):
        membership = Membership.objects.select_related("firm").filter(user=user).first()
        setattr(user, _MEMBERSHIP_ATTR, membership)
    return getattr(user, _MEMBERSHIP_ATTR)


def forget_membership(user) -> None:
    """Drop the membership read for this user object (after it changed)."""
    if user is not None and hasattr(user, _MEMBERSHIP_ATTR):
        delattr(user, _MEMBERSHIP_ATTR)


def check_role(membership: Membership, *, write: bool = False, owner_only: bool = False) -> None:
    """PermissionDenied unless the member's role allows the action: `write` needs an owner
    or a consultant, `owner_only` the owner."""
    if owner_only and not membership.is_owner:
        raise RoleDenied("Only the firm's owner can do this.")
    if write and not membership.can_write:
        raise RoleDenied("As a viewer you can read and export the firm's work, not change it.")


def membership_require(*, user, write: bool = False, owner_only: bool = False) -> Membership:
    """The user's membership, checked for the action: Http404 without a firm,
    PermissionDenied when the role does not allow it. The one check every view that
    changes something goes through (directly or through a selector below)."""
    membership = membership_check(user=user, write=write, owner_only=owner_only)
    if membership is None:
        raise Http404("Not found.")
    return membership


def membership_check(*, user, write: bool = False, owner_only: bool = False) -> Membership | None:
    """Like `membership_require`, but a signed-in user without a firm yet passes (None):
    their first client or branding gives them a firm of their own, as its owner."""
    _require_user(user)
    membership = membership_for_user(user=user)
    if membership is not None:
        check_role(membership, write=write, owner_only=owner_only)
    return membership


def firm_for_user(*, user, write: bool = False, owner_only: bool = False) -> Firm:
    """The user's firm, checked for the action (see `membership_require`)."""
    return membership_require(user=user, write=write, owner_only=owner_only).firm


def firm_id_for_user(user) -> int | None:
    """The id of the user's firm, or None (anonymous, or no firm yet)."""
    membership = membership_for_user(user=user)
    return membership.firm_id if membership is not None else None


def _require_user(user) -> None:
    if user is None or not user.is_authenticated:
        raise Http404("Not found.")


def members_of_firm(*, firm: Firm) -> QuerySet[Membership]:
    """The firm's members with their accounts, owners first, then by joining date."""
    rank = Case(
        When(role=Role.OWNER, then=Value(0)),
        When(role=Role.CONSULTANT, then=Value(1)),
        default=Value(2),
    )
    return firm.memberships.select_related("user").order_by(rank, "joined_at", "id")


def member_get_for_user(*, user, member_id: int) -> Membership:
    """A membership of the user's firm (the user must be its owner), or Http404/403."""
    owner = membership_require(user=user)
    try:
        member = Membership.objects.select_related("user", "firm").get(
            firm_id=owner.firm_id, pk=member_id
        )
    except Membership.DoesNotExist:
        raise Http404("No such member.") from None
    check_role(owner, owner_only=True)
    return member


def invitations_pending(*, firm: Firm) -> QuerySet[Invitation]:
    """The firm's invitations not yet accepted, newest first."""
    return firm.invitations.filter(accepted_at__isnull=True).select_related("invited_by")


def invitation_from_token(*, token: str) -> Invitation:
    """The invitation a link's signed token names, if the signature holds, it is younger
    than INVITATION_MAX_AGE and not yet accepted; Http404 otherwise."""
    if not token or len(token) > 200:
        raise Http404("This invitation link is not valid.")
    try:
        payload = signing.loads(token, salt=INVITATION_SALT, max_age=INVITATION_MAX_AGE)
    except signing.SignatureExpired:
        raise Http404("This invitation has expired: ask for a new one.") from None
    except signing.BadSignature:
        raise Http404("This invitation link is not valid.") from None
    invitation_id = payload.get("invitation") if isinstance(payload, dict) else None
    if not isinstance(invitation_id, int):
        raise Http404("This invitation link is not valid.")
    try:
        return Invitation.objects.select_related("firm", "invited_by").get(
            pk=invitation_id, accepted_at__isnull=True
        )
    except Invitation.DoesNotExist:
        raise Http404("This invitation was used already or withdrawn.") from None


# --- Clients ------------------------------------------------------------------------------

# Counting across a relation bypasses the managers: leave out scenarios in the trash.
LIVE_SCENARIOS = Q(scenarios__deleted_at__isnull=True)


def active_links_filter(prefix: str = "share_links__") -> Q:
    """The share links that still open their scenario (ShareLink.is_active), as a filter
    on ShareLink (`prefix=""`) or across a scenario's `share_links`."""
    return Q(**{f"{prefix}revoked_at__isnull": True}) & (
        Q(**{f"{prefix}expires_at__isnull": True})
        | Q(**{f"{prefix}expires_at__gt": timezone.now()})
    )


def client_list_for_user(*, user, search: str = "", advice: str = "") -> QuerySet[Client]:
    """The user's clients by name (ignoring case), each with `scenario_count`,
    `older_rules_count` (scenarios saved under earlier rules) and `latest_role_model` /
    `latest_scenario` (the role model and name of the scenario changed last; None without
    scenarios). `search` matches any part of the client's name or notes or of one of its
    scenarios' names, ignoring case and accents alike on every database; `advice` (a role
    model code) keeps the clients whose latest scenario gives that advice. One query per
    page, whatever the number of clients and scenarios."""
    _require_user(user)
    # Subqueries, not a join with GROUP BY: the page's query computes them for its rows
    # and the paginator's count leaves them out (docs/benchmarks.md, the client list).
    scenarios = Scenario.objects.filter(client=OuterRef("pk"))
    latest = scenarios.order_by("-updated_at", "-id")
    clients = Client.objects.filter(firm_id=firm_id_for_user(user)).annotate(
        scenario_count=_count_of(scenarios),
        older_rules_count=_count_of(scenarios.exclude(ruleset_version=RULESET_VERSION)),
        latest_role_model=Subquery(latest.values("role_model")[:1]),
        latest_scenario=Subquery(latest.values("name")[:1]),
        folded_name=Folded("name"),
    )
    search = search_fold(search.strip())
    if search:
        scenario_named = Scenario.objects.alias(folded=SearchFolded("name")).filter(
            client=OuterRef("pk"), folded__contains=search
        )
        clients = clients.alias(
            search_name=SearchFolded("name"), search_notes=SearchFolded("notes")
        ).filter(
            Q(search_name__contains=search)
            | Q(search_notes__contains=search)
            | Exists(scenario_named)
        )
    if advice:
        clients = clients.filter(latest_role_model=advice)
    return clients.order_by("folded_name", "name", "id")


def _count_of(scenarios: QuerySet[Scenario]) -> Coalesce:
    """How many rows the correlated `scenarios` query has, as an annotation."""
    counted = scenarios.order_by().values("client").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def client_choices_for_user(*, user) -> QuerySet[Client]:
    """The firm's clients by name (case-folded alike on every database), for a form's
    choice of client (none for a user without a firm)."""
    _require_user(user)
    return Client.objects.filter(firm_id=firm_id_for_user(user)).order_by(
        Folded("name"), "name", "id"
    )


def client_get_for_user(*, user, client_id: int, write: bool = False) -> Client:
    """One of the firm's clients, or Http404; PermissionDenied when `write` and the user's
    role may not change it."""
    membership = membership_require(user=user)
    try:
        client = Client.objects.get(firm_id=membership.firm_id, pk=client_id)
    except Client.DoesNotExist:
        raise Http404("No such client.") from None
    check_role(membership, write=write)
    return client


# --- Scenarios ----------------------------------------------------------------------------


def scenario_list_for_client(*, client: Client) -> QuerySet[Scenario]:
    """The scenarios of a client the caller already got through `client_get_for_user`,
    each with `active_links`: how many of its share links still open it."""
    return client.scenarios.annotate(
        active_links=Count("share_links", filter=active_links_filter())
    ).order_by(Folded("name"), "name", "id")


def scenario_get_for_user(*, user, scenario_id: int, write: bool = False) -> Scenario:
    """One of the firm's scenarios (with its client loaded), or Http404; PermissionDenied
    when `write` and the user's role may not change it."""
    membership = membership_require(user=user)
    try:
        scenario = Scenario.objects.select_related("client").get(
            client__firm_id=membership.firm_id, pk=scenario_id
        )
    except Scenario.DoesNotExist:
        raise Http404("No such scenario.") from None
    check_role(membership, write=write)
    return scenario


def scenario_find_for_user(*, user, scenario_id: int, write: bool = False) -> Scenario | None:
    """One of the firm's scenarios, or None (a page that shows it only when it exists and,
    with `write`, only when the user may change it)."""
    try:
        return scenario_get_for_user(user=user, scenario_id=scenario_id, write=write)
    except (Http404, PermissionDenied):
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


def share_link_get_for_user(*, user, link_id: int, write: bool = False) -> ShareLink:
    """One of the firm's share links (with scenario and client), or Http404;
    PermissionDenied when `write` and the user's role may not change it."""
    membership = membership_require(user=user)
    try:
        link = ShareLink.objects.select_related("scenario__client").get(
            scenario__client__firm_id=membership.firm_id, pk=link_id
        )
    except ShareLink.DoesNotExist:
        raise Http404("No such link.") from None
    check_role(membership, write=write)
    return link


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
    """The branding of the user's firm, or None (anonymous users, users without a firm,
    firms that never set one)."""
    firm_id = firm_id_for_user(user)
    if firm_id is None:
        return None
    return branding_get_for_firm(firm_id=firm_id)


def branding_get_for_firm(*, firm_id: int) -> Branding | None:
    """A firm's branding row, or None (for its reports, e.g. behind a share link)."""
    return Branding.objects.filter(firm_id=firm_id).first()


# --- Trash ---------------------------------------------------------------------------------
# What the firm deleted in the last TRASH_DAYS days (see Client): the only reads that see
# trashed rows, through `all_objects`.


def trashed_clients_for_user(*, user) -> QuerySet[Client]:
    """The firm's clients in the trash, latest deleted first, each with `scenario_count`
    (its scenarios not trashed on their own, which come back with it)."""
    membership = membership_require(user=user)
    return (
        Client.all_objects.filter(firm_id=membership.firm_id, deleted_at__isnull=False)
        .select_related("deleted_by")
        .annotate(scenario_count=Count("scenarios", filter=LIVE_SCENARIOS))
        .order_by("-deleted_at", "-id")
    )


def trashed_scenarios_for_user(*, user) -> QuerySet[Scenario]:
    """The firm's scenarios deleted on their own, latest first, with their client (which
    may be in the trash too)."""
    membership = membership_require(user=user)
    return (
        Scenario.all_objects.filter(client__firm_id=membership.firm_id, deleted_at__isnull=False)
        .select_related("client", "deleted_by")
        .order_by("-deleted_at", "-id")
    )


def trashed_client_get_for_user(
    *, user, client_id: int, write: bool = False, owner_only: bool = False
) -> Client:
    """One of the firm's clients in the trash, or Http404; PermissionDenied when the
    role does not allow the action (`write`: restore, `owner_only`: delete for good)."""
    membership = membership_require(user=user)
    try:
        client = Client.all_objects.get(
            firm_id=membership.firm_id, pk=client_id, deleted_at__isnull=False
        )
    except Client.DoesNotExist:
        raise Http404("No such client in the trash.") from None
    check_role(membership, write=write, owner_only=owner_only)
    return client


def trashed_scenario_get_for_user(
    *, user, scenario_id: int, write: bool = False, owner_only: bool = False
) -> Scenario:
    """One of the firm's scenarios deleted on its own (its client loaded), or Http404;
    PermissionDenied as `trashed_client_get_for_user`."""
    membership = membership_require(user=user)
    try:
        scenario = Scenario.all_objects.select_related("client").get(
            client__firm_id=membership.firm_id, pk=scenario_id, deleted_at__isnull=False
        )
    except Scenario.DoesNotExist:
        raise Http404("No such scenario in the trash.") from None
    check_role(membership, write=write, owner_only=owner_only)
    return scenario


def client_name_taken(*, firm_id: int, name: str, exclude_id: int) -> bool:
    """Whether another client of the firm (not in the trash) has this name, ignoring case."""
    return Client.objects.filter(firm_id=firm_id, name__iexact=name).exclude(pk=exclude_id).exists()


# --- Share links: what the owner sees of them -----------------------------------------------


def share_links_active_count(*, scenario: Scenario) -> int:
    """How many of the scenario's links still open it: neither revoked nor expired."""
    return scenario.share_links.filter(active_links_filter(prefix="")).count()


# --- Firms: invitations ------------------------------------------------------------------------


def invitation_get_for_user(*, user, invitation_id: int) -> Invitation:
    """A pending invitation of the user's firm (the user must be its owner), or
    Http404/403."""
    owner = membership_require(user=user)
    try:
        invitation = Invitation.objects.get(
            firm_id=owner.firm_id, pk=invitation_id, accepted_at__isnull=True
        )
    except Invitation.DoesNotExist:
        raise Http404("No such invitation.") from None
    check_role(owner, owner_only=True)
    return invitation


# --- The client's review: comments, replies, sign-offs -----------------------------------
# The public page reads only what came through its own link, and only while that link is
# active (`share_link_get_active`); the firm reads everything of its scenario, whichever
# link it came through and whether that link still works.


def _with_replies(comments: QuerySet[ReviewComment]) -> QuerySet[ReviewComment]:
    """Comments with their replies and the replies' authors: two queries, however many."""
    replies = ReviewReply.objects.select_related("author").order_by("created_at", "id")
    return comments.prefetch_related(Prefetch("replies", queryset=replies))


def review_comments_for_link(*, link: ShareLink) -> QuerySet[ReviewComment]:
    """The comments made through an active link (from `share_link_get_active`), oldest
    first, with their replies: what the client sees on the share page."""
    if not link.is_active:
        return ReviewComment.objects.none()
    return _with_replies(link.comments.order_by("created_at", "id"))


def signoffs_for_link(*, link: ShareLink) -> QuerySet[SignOff]:
    """The sign-offs given through an active link, newest version first."""
    if not link.is_active:
        return SignOff.objects.none()
    return link.signoffs.order_by("-version", "created_at", "id")


def public_review_for_token(*, token: str) -> tuple[ShareLink, list[ReviewComment], list[SignOff]]:
    """The active link of `token` (Http404 otherwise), its comments and its sign-offs."""
    link = share_link_get_active(token=token)
    return (
        link,
        list(review_comments_for_link(link=link)),
        list(signoffs_for_link(link=link)),
    )


def review_comments_for_scenario(*, scenario: Scenario) -> QuerySet[ReviewComment]:
    """Every comment on a scenario the caller already got through `scenario_get_for_user`
    (whichever link it came through, revoked or not), oldest first, with replies."""
    return _with_replies(
        scenario.review_comments.select_related("link").order_by("created_at", "id")
    )


def signoffs_for_scenario(*, scenario: Scenario) -> QuerySet[SignOff]:
    """Every sign-off of a scenario the caller already got, newest version first."""
    return scenario.signoffs.select_related("link").order_by("-version", "created_at", "id")


def signoffs_for_scenarios(*, scenarios: list[Scenario]) -> dict[int, list[SignOff]]:
    """The sign-offs of several scenarios the caller already got (one query), by scenario
    id, newest version first."""
    found: dict[int, list[SignOff]] = {s.pk: [] for s in scenarios}
    for signoff in SignOff.objects.filter(scenario__in=[s.pk for s in scenarios]).order_by(
        "-version", "created_at", "id"
    ):
        found[signoff.scenario_id].append(signoff)
    return found


def review_comment_get_for_user(*, user, comment_id: int, write: bool = False) -> ReviewComment:
    """One comment on a scenario of the user's firm (with its scenario, client and link),
    or Http404; PermissionDenied when `write` and the user's role may not answer it."""
    membership = membership_require(user=user)
    try:
        comment = ReviewComment.objects.select_related("scenario__client", "link").get(
            scenario__in=Scenario.objects.filter(client__firm_id=membership.firm_id),
            pk=comment_id,
        )
    except ReviewComment.DoesNotExist:
        raise Http404("No such comment.") from None
    check_role(membership, write=write)
    return comment
