"""The firm's pages: the owner invites by email, changes roles, removes members; a member
leaves; an invitation link takes a visitor through sign-up and back into the firm."""

import re
from urllib.parse import urlencode

import pytest
from django.core import mail
from django.urls import reverse

from orgdesign.models import Client, Invitation, Membership, Role
from orgdesign.services import membership_ensure
from tests.factories import TEST_PASSWORD, add_member, make_client, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def owner(client):
    user = make_user(username="olivia", first_name="Olivia", last_name="Owner")
    membership_ensure(user=user)
    client.force_login(user)
    return user


def _invite(client, email="new.colleague@example.com", role="viewer"):
    return client.post(reverse("orgdesign:firm-members"), {"email": email, "role": role})


def test_the_owner_sees_the_members_with_their_roles(client, owner):
    colleague = add_member(firm=owner.membership.firm, user=make_user(username="carl"))

    page = client.get(reverse("orgdesign:firm-members")).content.decode()

    assert "Members of Olivia Owner&#x27;s firm" in page
    assert "carl" in page and 'value="consultant" selected' in page
    assert f'action="{reverse("orgdesign:member-role", args=[colleague.pk])}"' in page
    assert f'href="{reverse("orgdesign:member-remove", args=[colleague.pk])}"' in page


def test_an_invitation_is_emailed_with_an_absolute_single_use_link(client, owner):
    response = _invite(client)

    assert response["Location"] == reverse("orgdesign:firm-members")
    invitation = Invitation.objects.get()
    assert (invitation.email, invitation.role, invitation.invited_by) == (
        "new.colleague@example.com",
        Role.VIEWER,
        owner,
    )
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["new.colleague@example.com"]
    assert "Olivia Owner invites you to join Olivia Owner's firm as viewer" in message.body
    assert re.search(r"http://testserver/invitations/[^/\s]+/", message.body)
    page = client.get(reverse("orgdesign:firm-members")).content.decode()
    assert "new.colleague@example.com as viewer" in page


def test_an_invitation_to_a_bad_address_is_refused_and_sends_nothing(client, owner):
    response = _invite(client, email="not-an-address")

    assert response.status_code == 400
    assert "Enter a valid email address" in response.content.decode()
    assert not Invitation.objects.exists() and mail.outbox == []


def test_a_visitor_signs_up_through_the_link_and_joins_the_firm(client, owner):
    _invite(client, role="consultant")
    link = re.search(r"http://testserver(/invitations/\S+/)", mail.outbox[0].body)[1]
    client.logout()

    page = client.get(link).content.decode()
    signup = reverse("orgdesign:signup") + "?" + urlencode({"next": link})
    assert "Join Olivia Owner&#x27;s firm" in page
    assert f'href="{signup}"' in page
    form = client.get(signup).content.decode()
    assert f'name="next" value="{link}"' in form
    created = client.post(
        signup,
        {
            "username": "newbie",
            "email": "new.colleague@example.com",
            "password1": TEST_PASSWORD,
            "password2": TEST_PASSWORD,
            "next": link,
        },
    )
    assert created["Location"] == link
    joined = client.post(link)

    assert joined["Location"] == reverse("orgdesign:client-list")
    membership = Membership.objects.get(user__username="newbie")
    assert (membership.firm, membership.role) == (owner.membership.firm, Role.CONSULTANT)
    again = client.get(link)
    assert again.status_code == 404
    assert "used already" in again.content.decode()


def test_a_user_whose_firm_has_clients_is_refused_with_a_reason(client, owner):
    _invite(client)
    link = re.search(r"http://testserver(/invitations/\S+/)", mail.outbox[0].body)[1]
    busy = make_user(username="busy")
    make_client(owner=busy, name="Busy client")
    client.force_login(busy)

    response = client.post(link)

    assert response.status_code == 409
    assert "firms are not merged" in response.content.decode()
    assert Membership.objects.get(user=busy).firm != owner.membership.firm


def test_the_owner_changes_a_role_and_cannot_leave_the_firm_without_an_owner(client, owner):
    colleague = add_member(firm=owner.membership.firm)
    mine = owner.membership

    client.post(
        reverse("orgdesign:member-role", args=[colleague.pk]), {f"m{colleague.pk}-role": "viewer"}
    )
    refused = client.post(
        reverse("orgdesign:member-role", args=[mine.pk]),
        {f"m{mine.pk}-role": "viewer"},
        follow=True,
    )

    assert Membership.objects.get(pk=colleague.pk).role == Role.VIEWER
    assert Membership.objects.get(pk=mine.pk).role == Role.OWNER
    assert "The firm needs an owner" in refused.content.decode()


def test_the_owner_hands_the_firm_over(client, owner):
    colleague = add_member(firm=owner.membership.firm)

    response = client.post(
        reverse("orgdesign:member-role", args=[colleague.pk]),
        {f"m{colleague.pk}-role": "owner", "transfer": "1"},
    )

    assert response["Location"] == reverse("orgdesign:client-list")
    roles = dict(Membership.objects.values_list("user__username", "role"))
    assert roles == {"olivia": Role.CONSULTANT, colleague.user.username: Role.OWNER}
    assert client.get(reverse("orgdesign:firm-members")).status_code == 403


def test_the_owner_removes_a_member_whose_clients_stay(client, owner):
    colleague = add_member(firm=owner.membership.firm)
    theirs = make_client(owner=colleague.user, name="Made by the colleague")

    ask = client.get(reverse("orgdesign:member-remove", args=[colleague.pk]))
    client.post(reverse("orgdesign:member-remove", args=[colleague.pk]))

    assert f"Remove {colleague.user.username} from" in ask.content.decode()
    assert not Membership.objects.filter(pk=colleague.pk).exists()
    assert Client.objects.get(pk=theirs.pk).firm == owner.membership.firm
    assert client.get(reverse("orgdesign:client-detail", args=[theirs.pk])).status_code == 200


def test_a_member_leaves_and_no_longer_sees_the_firms_clients(client, owner):
    acme = make_client(owner=owner, name="Acme")
    colleague = add_member(firm=owner.membership.firm).user
    client.force_login(colleague)
    assert client.get(reverse("orgdesign:client-detail", args=[acme.pk])).status_code == 200

    client.post(reverse("orgdesign:firm-leave"))

    assert not Membership.objects.filter(user=colleague).exists()
    assert client.get(reverse("orgdesign:client-detail", args=[acme.pk])).status_code == 404
    assert "Acme" not in client.get(reverse("orgdesign:client-list")).content.decode()


def test_the_last_owner_cannot_leave(client, owner):
    response = client.post(reverse("orgdesign:firm-leave"), follow=True)

    assert "last owner cannot leave" in response.content.decode()
    assert Membership.objects.filter(user=owner).exists()


def test_the_account_page_says_the_firm_and_role(client, owner):
    viewer = add_member(firm=owner.membership.firm, role=Role.VIEWER).user
    client.force_login(viewer)

    page = client.get(reverse("orgdesign:account")).content.decode()

    assert "You are a viewer of Olivia Owner&#x27;s firm." in page
    assert reverse("orgdesign:firm-members") not in page
    assert reverse("orgdesign:branding") not in page.split("</nav>", 1)[1]


def test_a_viewer_is_not_offered_to_save_a_result(client, owner, prime_wizard):
    from tests.factories import SOFTWARE_STARTUP

    viewer = add_member(firm=owner.membership.firm, role=Role.VIEWER).user
    client.force_login(viewer)
    prime_wizard(client, answers=dict(SOFTWARE_STARTUP))

    page = client.get(reverse("orgdesign:result")).content.decode()

    assert reverse("orgdesign:report-result") in page
    assert f'action="{reverse("orgdesign:wizard-save")}"' not in page


@pytest.mark.parametrize(("role", "shown"), [("owner", True), ("viewer", True)])
def test_the_navigation_offers_branding_to_every_member(client, owner, role, shown):
    """Every member may read the branding page; only the owner gets its form."""
    if role != "owner":
        client.force_login(add_member(firm=owner.membership.firm, role=role).user)

    page = client.get(reverse("orgdesign:account")).content.decode()
    nav = page.split("</nav>", 1)[0]

    assert (f'href="{reverse("orgdesign:branding")}"' in nav) is shown


@pytest.mark.parametrize(
    ("role", "shown"), [("owner", True), ("consultant", False), ("viewer", False)]
)
def test_the_navigation_offers_the_members_page_to_the_owner_only(client, owner, role, shown):
    if role != "owner":
        client.force_login(add_member(firm=owner.membership.firm, role=role).user)

    page = client.get(reverse("orgdesign:client-list")).content.decode()
    nav = page.split("</nav>", 1)[0]

    assert (f'href="{reverse("orgdesign:firm-members")}">Members</a>' in nav) is shown
