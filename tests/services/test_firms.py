"""Firms, members and invitations: the services keep an owner, an invitation works once
and within its time, and firms with data are never merged."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404

from orgdesign import selectors
from orgdesign.models import Client, Firm, Membership, Role
from orgdesign.services import (
    firm_transfer_ownership,
    invitation_accept,
    invitation_create,
    invitation_token,
    member_change_role,
    member_remove,
    membership_ensure,
)
from tests.factories import add_member, make_client, make_user

pytestmark = pytest.mark.django_db


def test_a_new_account_gets_a_firm_of_its_own_named_after_it_as_owner():
    user = make_user(username="ada", first_name="Ada", last_name="Lovelace")

    membership = membership_ensure(user=user)

    assert membership.firm.name == "Ada Lovelace's firm"
    assert membership.role == Role.OWNER
    assert membership_ensure(user=user) == membership
    assert Firm.objects.count() == 1


def test_a_client_belongs_to_the_firm_of_the_member_who_made_it():
    owner = make_user()
    client = make_client(owner=owner, name="Acme")

    assert client.firm == owner.membership.firm
    assert client.owner == owner


def test_the_last_owner_can_neither_step_down_nor_leave():
    owner = make_user()
    membership = membership_ensure(user=owner)

    with pytest.raises(ValidationError, match="needs an owner"):
        member_change_role(member=membership, role=Role.VIEWER)
    with pytest.raises(ValidationError, match="last owner cannot leave"):
        member_remove(member=membership)

    assert Membership.objects.get(pk=membership.pk).role == Role.OWNER


def test_transferring_ownership_makes_the_old_owner_a_consultant():
    owner = membership_ensure(user=make_user())
    colleague = add_member(firm=owner.firm, role=Role.VIEWER)

    firm_transfer_ownership(owner=owner, to=colleague)

    roles = dict(Membership.objects.values_list("pk", "role"))
    assert roles == {owner.pk: Role.CONSULTANT, colleague.pk: Role.OWNER}


def test_a_removed_member_loses_access_but_their_clients_stay_with_the_firm():
    owner = membership_ensure(user=make_user())
    colleague = add_member(firm=owner.firm)
    client = make_client(owner=colleague.user, name="Colleague's client")

    member_remove(member=colleague)

    assert Client.objects.get(pk=client.pk).firm == owner.firm
    with pytest.raises(Http404):
        selectors.client_get_for_user(user=colleague.user, client_id=client.pk)
    assert selectors.client_get_for_user(user=owner.user, client_id=client.pk) == client


def _invitation(role=Role.CONSULTANT):
    owner = membership_ensure(user=make_user(username="boss"))
    return invitation_create(
        firm=owner.firm, email="New@Example.com", role=role, invited_by=owner.user
    )


def test_an_invitation_link_names_its_invitation_and_works_once():
    invitation = _invitation(role=Role.VIEWER)
    token = invitation_token(invitation)
    newcomer = make_user()

    found = selectors.invitation_from_token(token=token)
    membership = invitation_accept(invitation=found, user=newcomer)

    assert invitation.email == "new@example.com"
    assert (membership.firm, membership.role) == (invitation.firm, Role.VIEWER)
    with pytest.raises(Http404, match="used already"):
        selectors.invitation_from_token(token=token)
    with pytest.raises(ValidationError, match="used already"):
        invitation_accept(invitation=found, user=make_user())


def test_an_invitation_link_expires_after_seven_days(monkeypatch):
    invitation = _invitation()
    token = invitation_token(invitation)
    later = __import__("time").time() + timedelta(days=7, seconds=1).total_seconds()
    monkeypatch.setattr("django.core.signing.time.time", lambda: later)

    with pytest.raises(Http404, match="expired"):
        selectors.invitation_from_token(token=token)


@pytest.mark.parametrize("token", ["", "nope", "x" * 500])
def test_a_forged_or_garbled_invitation_link_is_not_found(token):
    _invitation()
    from django.core import signing

    forged = signing.dumps({"invitation": 1}, salt="another-salt")

    for bad in (token, forged, signing.dumps({"invitation": "1"}, salt="orgdesign.invitation")):
        with pytest.raises(Http404):
            selectors.invitation_from_token(token=bad)


def test_accepting_gives_up_an_empty_firm_of_ones_own():
    invitation = _invitation()
    newcomer = make_user()
    own = membership_ensure(user=newcomer).firm

    invitation_accept(invitation=invitation, user=newcomer)

    assert not Firm.objects.filter(pk=own.pk).exists()
    assert Membership.objects.get(user=newcomer).firm == invitation.firm


def test_accepting_is_refused_to_someone_whose_firm_has_clients():
    invitation = _invitation()
    busy = make_user()
    client = make_client(owner=busy, name="Busy's client")

    with pytest.raises(ValidationError, match="firms are not merged"):
        invitation_accept(invitation=invitation, user=busy)

    assert Membership.objects.get(user=busy).firm == client.firm
    invitation.refresh_from_db()
    assert invitation.accepted_at is None
