"""The owner withdraws a pending invitation and renames the firm on the members page; the
other members read the firm's branding without a form."""

import pytest
from django.urls import reverse

from orgdesign.models import Firm, Invitation
from orgdesign.services import (
    branding_update,
    invitation_create,
    invitation_token,
    membership_ensure,
)
from tests.factories import add_member, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def owner(client):
    user = make_user(username="olivia", first_name="Olivia", last_name="Owner")
    membership_ensure(user=user)
    client.force_login(user)
    return user


def test_the_owner_withdraws_an_invitation_and_its_link_stops_working(client, owner):
    invitation = invitation_create(
        firm=owner.membership.firm, email="grace@example.com", role="viewer", invited_by=owner
    )
    link = reverse("orgdesign:invitation-accept", args=[invitation_token(invitation)])
    withdraw = reverse("orgdesign:invitation-withdraw", args=[invitation.pk])
    members = client.get(reverse("orgdesign:firm-members")).content.decode()
    assert f'href="{withdraw}"' in members

    page = client.get(withdraw).content.decode()
    assert "Withdraw the invitation of grace@example.com?" in page
    assert Invitation.objects.exists()  # GET withdraws nothing

    response = client.post(withdraw, follow=True)

    assert "Invitation of grace@example.com withdrawn: its link no longer works." in (
        response.content.decode()
    )
    assert not Invitation.objects.exists()
    client.logout()
    opened = client.get(link)
    assert opened.status_code == 404
    assert "This invitation was used already or withdrawn." in opened.content.decode()


def test_a_consultant_cannot_withdraw_an_invitation(client, owner):
    invitation = invitation_create(
        firm=owner.membership.firm, email="grace@example.com", role="viewer", invited_by=owner
    )
    client.force_login(add_member(firm=owner.membership.firm, role="consultant").user)

    response = client.post(reverse("orgdesign:invitation-withdraw", args=[invitation.pk]))

    assert response.status_code == 403
    assert Invitation.objects.filter(pk=invitation.pk).exists()


def test_the_owner_renames_the_firm(client, owner):
    members = client.get(reverse("orgdesign:firm-members")).content.decode()
    assert f'action="{reverse("orgdesign:firm-rename")}"' in members
    assert 'value="Olivia Owner&#x27;s firm"' in members

    response = client.post(
        reverse("orgdesign:firm-rename"), {"name": "Owner & Partners"}, follow=True
    )

    html = response.content.decode()
    assert "The firm is now called Owner &amp; Partners." in html
    assert "Members of Owner &amp; Partners" in html
    assert Firm.objects.get().name == "Owner & Partners"


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("", "This field is required."),
        ("Bad\u202ename", "The firm name may not contain characters that change the direction"),
        ("x" * 201, "Ensure this value has at most 200 characters"),
    ],
)
def test_a_bad_firm_name_is_refused_with_its_message_and_nothing_changes(
    client, owner, name, message
):
    response = client.post(reverse("orgdesign:firm-rename"), {"name": name})

    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert "Members of Olivia Owner&#x27;s firm" in html
    assert Firm.objects.get().name == "Olivia Owner's firm"


def test_a_consultant_cannot_rename_the_firm(client, owner):
    client.force_login(add_member(firm=owner.membership.firm, role="consultant").user)

    response = client.post(reverse("orgdesign:firm-rename"), {"name": "Taken over"})

    assert response.status_code == 403
    assert Firm.objects.get().name == "Olivia Owner's firm"


@pytest.mark.parametrize("role", ["consultant", "viewer"])
def test_other_members_read_the_branding_without_a_form(client, owner, role):
    branding_update(user=owner, firm_name="Owner & Partners", accent_colour="#225588")
    client.force_login(add_member(firm=owner.membership.firm, role=role).user)

    page = client.get(reverse("orgdesign:branding"))
    refused = client.post(
        reverse("orgdesign:branding"), {"firm_name": "Hijack", "accent_colour": "#000000"}
    )

    html = page.content.decode()
    assert page.status_code == 200
    assert "Owner &amp; Partners" in html
    assert '<rect width="20" height="20" rx="3" fill="#225588"/>' in html
    assert "Only the firm's owner changes the branding." in html
    main = html.split('<main id="main"', 1)[1]
    for control in ("<form", "<input", "<button", "<select", "<textarea"):
        assert control not in main, control
    assert refused.status_code == 403
    assert owner.membership.firm.branding.firm_name == "Owner & Partners"


def test_the_owner_still_gets_the_branding_form(client, owner):
    html = client.get(reverse("orgdesign:branding")).content.decode()

    assert 'enctype="multipart/form-data"' in html
    assert "Save branding" in html
