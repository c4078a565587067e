"""Writes of the consultant's saved work: clients, scenarios with history, share links,
branding.

Each service validates (`full_clean()`) before saving. A scenario's answers always go
through the rule engine here, so the stored recommendation is exactly what the engine
gives for the stored answers under the stored `ruleset_version`.

History: a scenario's state after every change is kept as a ScenarioVersion numbered
1, 2, 3... Every change runs in one transaction that first locks the scenario row
(`select_for_update`) and takes the next number from it, so two concurrent saves are
serialised: both end up in the history with distinct numbers and neither is lost.
"""

from __future__ import annotations

import functools
import logging
import secrets
from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Any

from django.core import signing
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone

from orgdesign import selectors
from orgdesign.models import (
    NAME_MAX,
    TRASH_DAYS,
    Branding,
    Client,
    Firm,
    Invitation,
    Membership,
    ReviewComment,
    ReviewReply,
    ReviewTarget,
    Role,
    Scenario,
    ScenarioVersion,
    ShareLink,
    SignOff,
)
from orgdesign.presenter import review_target_label
from orgdesign.rules import QUESTION_LABELS, parse_answers, recommend
from orgdesign.validators import PlainNameValidator

logger = logging.getLogger(__name__)

# --- Firms, members and invitations -------------------------------------------------------

INVITATION_SALT = selectors.INVITATION_SALT


def firm_default_name(user) -> str:
    """ "Ada Lovelace's firm" (or the username's), the name a new account's firm starts with."""
    return f"{user.get_full_name() or user.get_username()}'s firm"[:NAME_MAX]


@transaction.atomic
def membership_ensure(*, user) -> Membership:
    """The user's membership; a user without a firm gets one of their own, as its owner."""
    membership = selectors.membership_for_user(user=user)
    if membership is not None:
        return membership
    firm = Firm(name=firm_default_name(user))
    firm.full_clean()
    firm.save()
    membership = Membership.objects.create(firm=firm, user=user, role=Role.OWNER)
    selectors.forget_membership(user)
    return membership


def _lock_members(firm_id: int) -> None:
    """Lock the firm's memberships until the transaction ends: two owners stepping down at
    once cannot leave the firm without one."""
    list(Membership.objects.select_for_update().filter(firm_id=firm_id).values_list("pk"))


def _owners_left(firm_id: int, *, without: Membership) -> int:
    return (
        Membership.objects.filter(firm_id=firm_id, role=Role.OWNER).exclude(pk=without.pk).count()
    )


@transaction.atomic
def member_change_role(*, member: Membership, role: str) -> Membership:
    """Give a member another role; a firm always keeps at least one owner."""
    if role not in Role.values:
        raise ValidationError({"role": ["Pick owner, consultant or viewer."]})
    _lock_members(member.firm_id)
    if (
        member.role == Role.OWNER
        and role != Role.OWNER
        and not _owners_left(member.firm_id, without=member)
    ):
        raise ValidationError({"role": ["The firm needs an owner: make someone else owner first."]})
    member.role = role
    member.save(update_fields=["role"])
    selectors.forget_membership(member.user)
    return member


@transaction.atomic
def firm_transfer_ownership(*, owner: Membership, to: Membership) -> Membership:
    """Make `to` an owner and `owner` a consultant (the firm keeps its one owner)."""
    if to.firm_id != owner.firm_id or to.pk == owner.pk:
        raise ValidationError({"member": ["Pick another member of the firm."]})
    member_change_role(member=to, role=Role.OWNER)
    return member_change_role(member=owner, role=Role.CONSULTANT)


@transaction.atomic
def member_remove(*, member: Membership) -> None:
    """Take a member out of the firm (also how a member leaves). The clients they created
    stay with the firm; the last owner cannot go."""
    _lock_members(member.firm_id)
    if member.role == Role.OWNER and not _owners_left(member.firm_id, without=member):
        raise ValidationError(
            {"member": ["The firm's last owner cannot leave: make someone else owner first."]}
        )
    member.delete()
    selectors.forget_membership(member.user)


def invitation_token(invitation: Invitation) -> str:
    """The signed text of an invitation link: it carries the invitation's id only."""
    return signing.dumps({"invitation": invitation.pk}, salt=INVITATION_SALT)


def invitation_create(*, firm: Firm, email: str, role: str, invited_by) -> Invitation:
    """Record an invitation to `firm` for `email` with `role`."""
    invitation = Invitation(
        firm=firm, email=email.strip().lower(), role=role, invited_by=invited_by
    )
    invitation.full_clean()
    invitation.save()
    return invitation


def invitation_send(*, invitation: Invitation, url: str) -> None:
    """Email the invitation link (`url`, absolute) to the invited address."""
    inviter = invitation.invited_by
    who = (inviter.get_full_name() or inviter.get_username()) if inviter else "A colleague"
    send_mail(
        subject=f"Join {invitation.firm.name} on Org Design Advisor",
        message=(
            f"{who} invites you to join {invitation.firm.name} as "
            f"{invitation.get_role_display().lower()}.\n\n"
            f"Open this link within 7 days to accept (it works once):\n{url}\n"
        ),
        from_email=None,
        recipient_list=[invitation.email],
    )


@transaction.atomic
def invitation_accept(*, invitation: Invitation, user) -> Membership:
    """Join the invitation's firm and mark the invitation used (it works once).

    A user whose own firm holds clients, or has other members, is refused (ValidationError):
    firms are not merged. An empty firm of their own (made at sign-up) is given up.
    """
    locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if locked.accepted_at is not None:
        raise ValidationError("This invitation was used already.")
    current = selectors.membership_for_user(user=user)
    if current is not None and current.firm_id == locked.firm_id:
        raise ValidationError(f"You are already a member of {locked.firm.name}.")
    if current is not None:
        firm = current.firm
        # Clients in the trash count: joining would delete them with the old firm.
        if (
            Client.all_objects.filter(firm=firm).exists()
            or firm.memberships.exclude(pk=current.pk).exists()
        ):
            raise ValidationError(
                f"You belong to {firm.name}, which has clients (in its trash too) or other "
                "members. Leave it (or move its clients) first: firms are not merged."
            )
        firm.delete()
    selectors.forget_membership(user)
    membership = Membership.objects.create(firm=locked.firm, user=user, role=locked.role)
    locked.accepted_at = timezone.now()
    locked.save(update_fields=["accepted_at"])
    invitation.accepted_at = locked.accepted_at
    selectors.forget_membership(user)
    return membership


# --- Clients ------------------------------------------------------------------------------


def client_create(
    *, owner, name: str, industry: str = "", notes: str = "", firm: Firm | None = None
) -> Client:
    """Create a client of `firm` (by default the firm of `owner`, who created it)."""
    if firm is None:
        firm = membership_ensure(user=owner).firm
    client = Client(firm=firm, owner=owner, name=name.strip(), industry=industry, notes=notes)
    client.full_clean()
    client.save()
    return client


def client_update(*, client: Client, name: str, industry: str = "", notes: str = "") -> Client:
    """Change a client's name, industry and notes."""
    client.name = name.strip()
    client.industry = industry
    client.notes = notes
    client.full_clean()
    client.save()
    return client


def client_delete(*, client: Client) -> int:
    """Delete a client with all its scenarios, their history and share links.

    Returns how many scenarios went with it (those in the trash too).
    """
    count = Scenario.all_objects.filter(client=client).count()
    client.delete()
    return count


# --- Scenarios ----------------------------------------------------------------------------


def _evaluate(answers: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """Validate answers through the engine: (answers with defaults, recommendation dict).

    Raises ValidationError (keyed by answer) for invalid answers.
    """
    from orgdesign.rules import AnswersError

    try:
        parsed = parse_answers(answers)
    except AnswersError as exc:
        raise ValidationError(
            {
                "answers": [
                    f"{QUESTION_LABELS.get(k, k)}: {m}" for k, ms in exc.errors.items() for m in ms
                ]
            }
        ) from exc
    return parsed.to_dict(), recommend(parsed).to_dict()


def _clean_name(name: str) -> str:
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": ["Give the scenario a name."]})
    return name


def _record_version(
    scenario: Scenario, *, user, changed_keys: list[str], note: str = ""
) -> ScenarioVersion:
    version = ScenarioVersion(
        scenario=scenario,
        number=scenario.version,
        name=scenario.name,
        answers=scenario.answers,
        recommendation=scenario.recommendation,
        role_model=scenario.role_model,
        ruleset_version=scenario.ruleset_version,
        voice=scenario.voice,
        changed_by=user if user is not None and user.is_authenticated else None,
        changed_keys=changed_keys,
        note=note[:200],
    )
    version.full_clean(validate_constraints=False)
    version.save()
    return version


def scenario_create(
    *,
    client: Client,
    name: str,
    answers: dict[str, Any],
    user,
    note: str = "Created",
    voice: dict[str, Any] | None = None,
) -> Scenario:
    """Create a scenario for `client` from raw answers; its first version is number 1.
    `voice`: the consultant's voice, already validated (a copy's, from its original)."""
    clean_answers, rec = _evaluate(answers)
    scenario = Scenario(
        client=client,
        voice=voice or {},
        name=_clean_name(name),
        answers=clean_answers,
        recommendation=rec,
        role_model=rec["role_model"],
        ruleset_version=rec["ruleset_version"],
        version=1,
    )
    with transaction.atomic():
        scenario.full_clean()
        scenario.save()
        _record_version(scenario, user=user, changed_keys=[], note=note)
    return scenario


def _apply_change(
    scenario: Scenario,
    *,
    user,
    answers: dict[str, Any] | None = None,
    name: str | None = None,
    recompute: bool = False,
    note: str = "",
    voice: dict[str, Any] | None = None,
) -> Scenario:
    """Lock the scenario, apply the change and record it as the next version.

    `voice` (already validated) replaces the consultant's voice; None keeps it. Nothing is
    recorded when the change changes nothing. Returns the saved scenario
    (a fresh instance; the one passed in is updated too).
    """
    with transaction.atomic():
        locked = Scenario.objects.select_for_update().get(pk=scenario.pk)
        new_name = locked.name if name is None else _clean_name(name)
        if answers is not None or recompute:
            new_answers, rec = _evaluate(locked.answers if answers is None else answers)
        else:
            new_answers, rec = locked.answers, locked.recommendation
        changed_keys = [k for k in QUESTION_LABELS if locked.answers.get(k) != new_answers.get(k)]
        new_voice = locked.voice if voice is None else voice
        if (
            not changed_keys
            and new_name == locked.name
            and new_voice == locked.voice
            and rec.get("ruleset_version") == locked.ruleset_version
            and rec == locked.recommendation
        ):
            return locked
        locked.name = new_name
        locked.answers = new_answers
        locked.recommendation = rec
        locked.role_model = rec["role_model"]
        locked.ruleset_version = rec["ruleset_version"]
        locked.voice = new_voice
        # The highest number in the history wins over the counter, should they disagree
        # (e.g. demo data loaded again over a scenario changed since).
        latest = locked.versions.aggregate(latest=Max("number"))["latest"] or 0
        locked.version = max(locked.version, latest) + 1
        locked.full_clean()
        locked.save()
        _record_version(locked, user=user, changed_keys=changed_keys, note=note)
    for field in ("name", "answers", "recommendation", "role_model", "ruleset_version", "voice"):
        setattr(scenario, field, getattr(locked, field))
    scenario.version = locked.version
    scenario.updated_at = locked.updated_at
    return locked


def scenario_update(
    *, scenario: Scenario, user, answers: dict[str, Any], name: str | None = None
) -> Scenario:
    """Save new answers (and optionally a new name) as the scenario's next version."""
    return _apply_change(scenario, user=user, answers=answers, name=name, note="Answers changed")


def scenario_rename(*, scenario: Scenario, user, name: str) -> Scenario:
    """Rename a scenario; the rename is kept in its history."""
    old = scenario.name
    return _apply_change(scenario, user=user, name=name, note=f"Renamed from {old}")


def scenario_restore(*, scenario: Scenario, user, number: int) -> Scenario:
    """Make an old version current again, as a new version (nothing is lost).

    The old answers are re-run through today's rules; the consultant's voice of that version
    comes back with them (an adjustment of a seat today's advice lacks is kept, flagged).
    """
    old = scenario.versions.get(number=number)
    return _apply_change(
        scenario,
        user=user,
        answers=old.answers,
        name=old.name,
        recompute=True,
        note=f"Restored version {number}",
        voice=old.voice or {},
    )


def scenario_accept_rules(*, scenario: Scenario, user) -> Scenario:
    """Store the recommendation today's rules give for the saved answers, as a new version."""
    return _apply_change(scenario, user=user, recompute=True, note="Updated to the current rules")


def scenario_save_result(
    *,
    user,
    answers: dict[str, Any],
    name: str,
    client: Client | None = None,
    new_client: str = "",
) -> Scenario:
    """Save a finished questionnaire as a new scenario of `client`, or of a new client named
    `new_client`, in one transaction: a refused scenario leaves no new client behind."""
    with transaction.atomic():
        if client is None:
            client = client_create(owner=user, name=new_client)
        return scenario_create(client=client, name=name, answers=answers, user=user)


def scenario_duplicate(*, scenario: Scenario, user, name: str | None = None) -> Scenario:
    """Copy a scenario (same client, answers and the consultant's voice) to explore a
    "what if"."""
    new_name = name or f"{scenario.name} (copy)"
    return scenario_create(
        client=scenario.client,
        name=new_name[:NAME_MAX],
        answers=scenario.answers,
        user=user,
        note=f"Copied from {scenario.name}",
        voice=scenario.voice,
    )


def scenario_delete(*, scenario: Scenario) -> None:
    """Delete a scenario with its history and share links."""
    scenario.delete()


# --- Share links --------------------------------------------------------------------------


def share_link_create(
    *, scenario: Scenario, expires_at: datetime | None = None, label: str = ""
) -> ShareLink:
    """A new read-only link to the scenario, with an unguessable random token and an
    optional label (who it is for)."""
    if expires_at is not None and expires_at <= timezone.now():
        raise ValidationError({"expires_at": ["Pick a date in the future."]})
    link = ShareLink(
        scenario=scenario,
        token=secrets.token_urlsafe(32),
        expires_at=expires_at,
        label=label.strip(),
    )
    link.full_clean()
    link.save()
    return link


def share_link_revoke(*, link: ShareLink) -> ShareLink:
    """Switch a share link off for good (kept for the record)."""
    if link.revoked_at is None:
        link.revoked_at = timezone.now()
        link.save(update_fields=["revoked_at"])
    return link


# --- Branding -----------------------------------------------------------------------------
# The logo arrives already validated by `orgdesign.forms.branding.validate_logo`.


def branding_update(
    *,
    user,
    firm_name: str,
    accent_colour: str,
    logo: bytes | None = None,
    logo_content_type: str = "",
) -> Branding:
    """Save firm name and accent colour; replace the logo only when a new one is given."""
    firm = membership_ensure(user=user).firm
    branding = selectors.branding_get_for_firm(firm_id=firm.pk) or Branding(firm=firm)
    branding.owner = user
    branding.firm_name = firm_name.strip()
    branding.accent_colour = accent_colour.lower()
    if logo is not None:
        branding.logo = logo
        branding.logo_content_type = logo_content_type
    branding.full_clean()
    branding.save()
    return branding


def branding_remove_logo(*, user) -> Branding | None:
    """Forget the logo of the user's firm (firm name and colour stay)."""
    branding = selectors.branding_get_for_user(user=user)
    if branding is not None and branding.logo:
        branding.logo = b""
        branding.logo_content_type = ""
        branding.full_clean()
        branding.save()
    return branding


# --- Trash ---------------------------------------------------------------------------------
# Deleting a client or a scenario moves it to the firm's trash for TRASH_DAYS days; the
# selectors leave it out everywhere (`objects`), the trash page offers to restore it, and
# `manage.py cleanup` deletes what is older (`trash_purge_expired`). `client_delete` and
# `scenario_delete` above delete for good ("Delete now" in the trash, and the purge).


def _trash(row: Client | Scenario, *, user) -> None:
    row.deleted_at = timezone.now()
    row.deleted_by = user if user is not None and user.is_authenticated else None
    # update_fields: `updated_at` keeps the time of the last real change.
    row.save(update_fields=["deleted_at", "deleted_by"])


def client_trash(*, client: Client, user) -> int:
    """Move a client to the trash, with its scenarios (they come back with it); their
    share links open nothing meanwhile. Returns how many scenarios went with it."""
    count = client.scenarios.count()
    _trash(client, user=user)
    return count


def client_restore_from_trash(*, client: Client) -> Client:
    """Take a client out of the trash, with the scenarios that went with it. Its name is
    kept even when another client now has it (client names are not unique in a firm; the
    page says so)."""
    client.deleted_at = None
    client.deleted_by = None
    client.save(update_fields=["deleted_at", "deleted_by"])
    return client


def scenario_trash(*, scenario: Scenario, user) -> None:
    """Move a scenario to the trash; its share links open nothing until it is restored."""
    _trash(scenario, user=user)


def scenario_restore_from_trash(*, scenario: Scenario) -> Scenario:
    """Take a scenario out of the trash; refused while its client is in the trash (the
    client must come back first)."""
    client = Client.all_objects.get(pk=scenario.client_id)
    if client.deleted_at is not None:
        raise ValidationError(
            f"Its client “{client.name}” is in the trash: restore the client first."
        )
    scenario.deleted_at = None
    scenario.deleted_by = None
    scenario.save(update_fields=["deleted_at", "deleted_by"])
    return scenario


def trash_purge_expired(*, now: datetime | None = None) -> tuple[int, int]:
    """Delete for good the clients and scenarios in the trash for more than TRASH_DAYS
    days (with their scenarios, history and share links). Returns (clients, scenarios)
    deleted from the trash, not counting the scenarios that went with a client."""
    cutoff = (now or timezone.now()) - timedelta(days=TRASH_DAYS)
    with transaction.atomic():
        scenarios = Scenario.all_objects.filter(deleted_at__lt=cutoff)
        scenario_count = scenarios.count()
        scenarios.delete()
        clients = Client.all_objects.filter(deleted_at__lt=cutoff)
        client_count = clients.count()
        clients.delete()
    return client_count, scenario_count


# --- Share links: label and last opened ------------------------------------------------------

SHARE_OPENED_EVERY = timedelta(minutes=1)  # at most one write per link in this time


def share_link_set_label(*, link: ShareLink, label: str) -> ShareLink:
    """Change the label that says who the link was sent to (may be blank)."""
    link.label = label.strip()
    link.full_clean()
    link.save(update_fields=["label"])
    return link


def share_link_mark_opened(*, link: ShareLink, now: datetime | None = None) -> bool:
    """Record that the link's public page opened, at most once a minute per link: no
    query when the loaded link was opened less than a minute ago, and a conditional
    UPDATE so that concurrent opens write once. Returns whether it wrote."""
    now = now or timezone.now()
    since = now - SHARE_OPENED_EVERY
    if link.last_opened_at is not None and link.last_opened_at > since:
        return False
    written = (
        ShareLink.all_objects.filter(pk=link.pk)
        .filter(Q(last_opened_at__isnull=True) | Q(last_opened_at__lte=since))
        .update(last_opened_at=now)
    )
    if written:
        link.last_opened_at = now
    return bool(written)


# --- Firms: name and invitations ---------------------------------------------------------------


def firm_rename(*, firm: Firm, name: str) -> Firm:
    """Change the firm's name (as members see it; the name on reports is the branding's)."""
    firm.name = (name or "").strip()
    firm.full_clean()
    firm.save(update_fields=["name"])
    return firm


def invitation_withdraw(*, invitation: Invitation) -> None:
    """Withdraw a pending invitation: its link then shows the invitation-invalid page."""
    Invitation.objects.filter(pk=invitation.pk, accepted_at__isnull=True).delete()


# --- The client's review: comments, replies, sign-offs -----------------------------------
# A client comments and signs off through an active share link, on the version the page
# showed: each service locks the scenario row (as every change of it does) and refuses a
# version that is no longer the current one, so nobody signs off what they did not read.
# The firm is told by email once the row is committed (`transaction.on_commit`).


def _lock_for_review(link: ShareLink, version: int) -> Scenario:
    """The link's scenario, locked; ValidationError when the link stopped working or the
    version shown is not the current one."""
    locked_link = ShareLink.objects.select_for_update().get(pk=link.pk)
    if not locked_link.is_active:
        raise ValidationError("This link no longer works: ask for a new one.")
    # Only the scenario's row is locked (as every change of it does); its client and the
    # client's creator (a nullable join) are read along for the notice.
    scenario = (
        Scenario.objects.select_for_update(of=("self",))
        .select_related("client__owner")
        .get(pk=link.scenario_id)
    )
    if version != scenario.version:
        raise ValidationError(
            f"The page showed version {version}, but the advice has changed since: version "
            f"{scenario.version} is current. Read it again below, then send once more."
        )
    return scenario


def review_recipients(scenario: Scenario) -> list[str]:
    """Who hears about a client's comment or sign-off: the member who created the client
    and the one who saved the scenario's latest version (each once, if they have an
    address)."""
    latest = scenario.versions.select_related("changed_by").order_by("-number").first()
    people = [scenario.client.owner, latest.changed_by if latest else None]
    return list(dict.fromkeys(p.email for p in people if p is not None and p.email))


def _notify(*, recipients: list[str], subject: str, message: str) -> None:
    """Send a notification; a mail server that refuses it costs a warning, never the
    client's comment (it is committed already)."""
    if not recipients:
        return
    try:
        send_mail(subject=subject, message=message, from_email=None, recipient_list=recipients)
    except Exception:  # noqa: BLE001 - the comment stands; the log says the mail did not go
        logger.warning("Review notification not sent: %s", subject, exc_info=True)


def _check_target(scenario: Scenario, target: str, key: str) -> tuple[str, str]:
    if target == ReviewTarget.REASON:
        keys = {r.get("rule") for r in scenario.recommendation.get("rationale", []) or []}
    elif target == ReviewTarget.SEAT:
        keys = {s.get("code") for s in scenario.recommendation.get("roles", []) or []}
    else:
        return ReviewTarget.RECOMMENDATION, ""
    if key not in keys:
        raise ValidationError({"about": ["About: this version has no such reason or seat."]})
    return target, key


def review_comment_add(
    *,
    link: ShareLink,
    version: int,
    target: str,
    target_key: str,
    author_name: str,
    text: str,
    scenario_url: str,
) -> ReviewComment:
    """A client's comment through `link` on `version` (the current one) of its scenario,
    about the whole advice, one reason (its rule id) or one seat (its code). The firm is
    told by email, with `scenario_url`, once it is saved."""
    with transaction.atomic():
        scenario = _lock_for_review(link, version)
        target, target_key = _check_target(scenario, target, target_key)
        comment = ReviewComment(
            scenario=scenario,
            link=link,
            version=version,
            target=target,
            target_key=target_key,
            author_name=author_name.strip(),
            text=text.strip(),
        )
        comment.full_clean()
        comment.save()
        about = review_target_label(scenario.recommendation, target, target_key)
        transaction.on_commit(
            functools.partial(
                _notify,
                recipients=review_recipients(scenario),
                subject=f"New comment on “{scenario.name}” ({scenario.client.name})",
                message=(
                    f"{comment.author_name} commented on version {version} of "
                    f"“{scenario.name}” for {scenario.client.name}.\n"
                    f"About: {about}\n\n{comment.text}\n\n"
                    f"Read and answer it on the scenario's page:\n{scenario_url}\n"
                ),
            )
        )
    return comment


def review_reply_add(*, comment: ReviewComment, user, text: str) -> ReviewReply:
    """A member's answer to a client's comment (shown to the client on the share page)."""
    reply = ReviewReply(comment=comment, author=user, text=text.strip())
    reply.full_clean()
    reply.save()
    return reply


def signoff_add(
    *, link: ShareLink, version: int, name: str, role: str, scenario_url: str
) -> SignOff:
    """A client's sign-off of `version` (the current one) through `link`: name and role as
    typed, the date recorded now. It counts for this version only. One per link and
    version; the firm is told by email once it is saved."""
    with transaction.atomic():
        scenario = _lock_for_review(link, version)
        earlier = SignOff.objects.filter(link=link, version=version).first()
        if earlier is not None:
            raise ValidationError(
                f"Version {version} is already signed off through this link, by "
                f"{earlier.name} ({earlier.role})."
            )
        signoff = SignOff(
            scenario=scenario, link=link, version=version, name=name.strip(), role=role.strip()
        )
        signoff.full_clean()
        signoff.save()
        transaction.on_commit(
            functools.partial(
                _notify,
                recipients=review_recipients(scenario),
                subject=f"Signed off: “{scenario.name}” ({scenario.client.name})",
                message=(
                    f"{signoff.name} ({signoff.role}) signed off version {version} of "
                    f"“{scenario.name}” for {scenario.client.name}.\n\n"
                    f"The scenario's page:\n{scenario_url}\n"
                ),
            )
        )
    return signoff


# --- The consultant's voice ---------------------------------------------------------------
# A scenario's `voice`: {"our_view": Markdown, "seats": {seat code: {"title", "reports_to",
# "reason"}}}, each part optional. Errors are keyed by the form's field names
# (`voice_field`), so each message shows beside its field.

OUR_VIEW_MAX = 5000
SEAT_TITLE_MAX = 120
REASON_MAX = 500
VOICE_PARTS = ("title", "reports_to", "reason")


def voice_field(part: str, code: str) -> str:
    """The form field (and error key) of one part of a seat's adjustment: "title_cio"."""
    return f"{part}_{code}"


def _check_plain(
    errors: dict[str, list[str]],
    field: str,
    value: str,
    *,
    limit: int,
    label: str,
    plain_label: str = "",
) -> None:
    """Refuse (into `errors[field]`) a text longer than `limit` or with control or
    text-direction characters, as names are checked."""
    if len(value) > limit:
        errors[field] = [f"{label}: at most {limit} characters (it has {len(value)})."]
        return
    try:
        PlainNameValidator(plain_label or label)(value)
    except ValidationError as exc:
        errors[field] = exc.messages


def _voice_seat(
    code: str,
    entry: Mapping[str, Any],
    *,
    rec: Mapping[str, Any],
    errors: dict[str, list[str]],
    stored_boss: str = "",
) -> dict[str, str]:
    """One seat's adjustment, cleaned; its refusals go into `errors`. A line the engine now
    gives too is kept when it was stored before (the rules came round to it)."""
    from orgdesign.presenter import voice_boss_choices, voice_boss_term

    name = voice_boss_term(code).short
    title = str(entry.get("title") or "").strip()
    boss = str(entry.get("reports_to") or "").strip()
    reason = " ".join(str(entry.get("reason") or "").split())
    _check_plain(
        errors,
        voice_field("title", code),
        title,
        limit=SEAT_TITLE_MAX,
        label=f"Our title for the {name}",
    )
    engine = next(
        (s.get("reports_to", "") for s in rec.get("roles", []) or [] if s.get("code") == code), ""
    )
    if boss and boss not in {c for c, _ in voice_boss_choices(rec, code)}:
        errors[voice_field("reports_to", code)] = [
            f"Reports to, for the {name}: pick one of the listed bosses or seats."
        ]
    elif boss and boss == engine and boss != stored_boss:
        errors[voice_field("reports_to", code)] = [
            f"Reports to, for the {name}: that is the engine's advice already; leave it "
            "on the engine's line."
        ]
    if boss and not reason:
        errors[voice_field("reason", code)] = [
            f"Reason for the {name}'s line: say why it reports elsewhere than the engine advises."
        ]
    elif reason and not boss:
        errors[voice_field("reason", code)] = [
            f"Reason for the {name}'s line: a reason goes with an adjusted line; pick whom "
            "the seat reports to, or clear the reason."
        ]
    else:
        _check_plain(
            errors,
            voice_field("reason", code),
            reason,
            limit=REASON_MAX,
            label=f"Reason for the {name}'s line",
            plain_label=f"The reason for the {name}'s line",
        )
    return {k: v for k, v in (("title", title), ("reports_to", boss), ("reason", reason)) if v}


def voice_clean(
    *,
    our_view: str,
    seats: Mapping[str, Mapping[str, Any]],
    rec: Mapping[str, Any],
    stored: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """The consultant's voice, validated against recommendation `rec`; raises
    ValidationError keyed by field.

    A seat code must be a seat of `rec`, except an adjustment kept unchanged from `stored`
    whose seat the advice has lost (after new answers or new rules): it stays, flagged on
    the page, until the consultant clears it.
    """
    errors: dict[str, list[str]] = {}
    text = (our_view or "").replace("\r\n", "\n").strip()
    # Paragraphs and lists need line breaks and tabs; nothing else that is a control.
    flat = text.replace("\n", " ").replace("\t", " ")
    _check_plain(errors, "our_view", flat, limit=OUR_VIEW_MAX, label="Our view")
    in_advice = {s.get("code") for s in rec.get("roles", []) or []}
    kept = (stored or {}).get("seats") or {}
    clean_seats: dict[str, dict[str, str]] = {}
    for code, entry in seats.items():
        if not isinstance(entry, Mapping):
            errors["seats"] = ["Each seat's adjustment is a title, a line and a reason."]
            continue
        if code not in in_advice:
            parts = {k: str(entry.get(k) or "").strip() for k in VOICE_PARTS}
            parts = {k: v for k, v in parts.items() if v}
            if parts and parts != kept.get(code):
                errors[voice_field("title", code)] = [
                    f"The advice has no {code} seat: an adjustment kept from before can only "
                    "be removed (clear its fields)."
                    if code in kept
                    else f"The advice has no {code} seat to adjust."
                ]
            elif parts:
                clean_seats[code] = dict(kept[code])
            continue
        entry = _voice_seat(
            code,
            entry,
            rec=rec,
            errors=errors,
            stored_boss=(kept.get(code) or {}).get("reports_to", ""),
        )
        if entry:
            clean_seats[code] = entry
    if not errors:
        from orgdesign.presenter import reporting_cycle, voice_boss_term, voice_roles

        circle = reporting_cycle(voice_roles({"seats": clean_seats}, rec))
        if circle:
            name = voice_boss_term(circle).short
            errors[voice_field("reports_to", circle)] = [
                f"Reports to, for the {name}: the lines would go round in a circle back to "
                f"the {name}; pick another boss."
            ]
    if errors:
        raise ValidationError(errors)
    voice: dict[str, Any] = {}
    if text:
        voice["our_view"] = text
    if clean_seats:
        voice["seats"] = clean_seats
    return voice


def scenario_set_voice(
    *, scenario: Scenario, user, our_view: str, seats: Mapping[str, Mapping[str, Any]]
) -> Scenario:
    """Save the consultant's voice (our view, own seat titles, adjusted lines with their
    reasons) as the scenario's next version, with a note saying what changed; nothing is
    recorded when nothing changed. Raises ValidationError keyed by field."""
    from orgdesign.presenter import voice_changes

    with transaction.atomic():
        locked = Scenario.objects.select_for_update().get(pk=scenario.pk)
        voice = voice_clean(
            our_view=our_view, seats=seats, rec=locked.recommendation, stored=locked.voice
        )
        changes = voice_changes(locked.voice, voice)
        note = "; ".join(changes)
        note = note[:1].upper() + note[1:]
        return _apply_change(scenario, user=user, voice=voice, note=note)
