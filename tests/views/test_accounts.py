"""Accounts: sign-up, sign-in with brute-force lockout, sign-out, password change and reset."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

from tests.factories import TEST_PASSWORD, make_user

pytestmark = pytest.mark.django_db


def test_signup_creates_the_account_signs_it_in_and_opens_the_client_list(client):
    response = client.post(
        reverse("orgdesign:signup"),
        {
            "username": "newconsultant",
            "email": "New@Example.com",
            "password1": "a-long-test-passphrase-42",
            "password2": "a-long-test-passphrase-42",
        },
        follow=True,
    )

    user = get_user_model().objects.get(username="newconsultant")
    assert user.email == "new@example.com"
    assert response.redirect_chain[-1][0] == reverse("orgdesign:client-list")
    assert response.context["user"] == user
    assert "Your account is ready" in response.content.decode()


@pytest.mark.parametrize(
    "after", ["0000", "client-list", "orgdesign:account", "https://evil.example/"]
)
def test_signup_goes_to_the_client_list_when_next_is_no_path_of_this_site(client, after):
    response = client.post(
        reverse("orgdesign:signup"),
        {
            "username": "newconsultant",
            "email": "new@example.com",
            "password1": TEST_PASSWORD,
            "password2": TEST_PASSWORD,
            "next": after,
        },
    )

    assert response["Location"] == reverse("orgdesign:client-list")
    # Signed in already: the same.
    assert client.get(reverse("orgdesign:signup"), {"next": after})["Location"] == reverse(
        "orgdesign:client-list"
    )


def test_signup_returns_to_the_page_it_was_asked_from(client):
    back = reverse("orgdesign:client-list") + "?q=acme"
    response = client.post(
        reverse("orgdesign:signup"),
        {
            "username": "newconsultant",
            "email": "new@example.com",
            "password1": TEST_PASSWORD,
            "password2": TEST_PASSWORD,
            "next": back,
        },
    )

    assert response["Location"] == back


def test_signup_refuses_an_email_already_in_use(client):
    make_user(username="first")
    response = client.post(
        reverse("orgdesign:signup"),
        {
            "username": "second",
            "email": "first@example.com",
            "password1": "a-long-test-passphrase-42",
            "password2": "a-long-test-passphrase-42",
        },
    )

    assert "already exists" in response.content.decode()
    assert not get_user_model().objects.filter(username="second").exists()


def test_signup_switched_off_answers_404_and_hides_the_nav_link(client, settings):
    settings.ORGDESIGN_SIGNUP_ENABLED = False

    assert client.get(reverse("orgdesign:signup")).status_code == 404
    html = client.get(reverse("orgdesign:login")).content.decode()
    assert 'href="/accounts/signup/"' not in html
    assert 'href="/accounts/login/"' in html


def test_signin_redirects_to_the_client_list_and_the_nav_offers_sign_out(client):
    make_user(username="ann")

    response = client.post(
        reverse("orgdesign:login"), {"username": "ann", "password": TEST_PASSWORD}, follow=True
    )

    html = response.content.decode()
    assert response.redirect_chain[-1][0] == "/clients/"
    assert ">Clients</a>" in html
    assert 'action="/accounts/logout/"' in html


def test_anonymous_visitors_are_sent_to_sign_in(client):
    response = client.get(reverse("orgdesign:client-list"))

    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/clients/"


def test_sign_out_is_a_post(client):
    client.force_login(make_user())

    assert client.get(reverse("orgdesign:logout")).status_code == 405
    response = client.post(reverse("orgdesign:logout"))
    assert response.status_code == 302
    assert client.get(reverse("orgdesign:client-list")).status_code == 302


def test_five_failed_signins_lock_the_account_with_a_clear_page(client):
    make_user(username="target")
    for _ in range(5):
        client.post(reverse("orgdesign:login"), {"username": "target", "password": "wrong"})

    response = client.post(
        reverse("orgdesign:login"), {"username": "target", "password": TEST_PASSWORD}
    )

    html = response.content.decode()
    assert response.status_code == 429
    assert "Sign-in paused for 15 minutes" in html
    assert "Too many failed attempts" in html
    assert "_auth_user_id" not in client.session


def test_password_change_requires_the_old_password(client):
    user = make_user()
    client.force_login(user)

    response = client.post(
        reverse("orgdesign:password_change"),
        {
            "old_password": TEST_PASSWORD,
            "new_password1": "another-long-passphrase-77",
            "new_password2": "another-long-passphrase-77",
        },
        follow=True,
    )

    user.refresh_from_db()
    assert user.check_password("another-long-passphrase-77")
    assert "Password changed" in response.content.decode()


def test_password_reset_mails_a_link_that_sets_a_new_password(client):
    user = make_user(username="forgetful")

    client.post(reverse("orgdesign:password_reset"), {"email": "forgetful@example.com"})

    assert len(mail.outbox) == 1
    link = re.search(r"https?://[^/]+(/accounts/password/reset/\S+/)", mail.outbox[0].body)[1]
    form_page = client.get(link, follow=True)
    assert "Choose a new password" in form_page.content.decode()
    done = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "fresh-long-passphrase-91", "new_password2": "fresh-long-passphrase-91"},
        follow=True,
    )
    user.refresh_from_db()
    assert user.check_password("fresh-long-passphrase-91")
    assert "Password saved" in done.content.decode()


def test_a_wrong_password_reset_link_shows_no_form(client):
    response = client.get("/accounts/password/reset/MQ/wrong-token/")

    html = response.content.decode()
    assert "This link no longer works" in html
    assert "new_password1" not in html


def test_the_branding_page_s_former_address_sends_to_the_account_pages(client):
    response = client.get("/account/branding/")

    assert response.status_code == 302
    assert response["Location"] == "/accounts/branding/" == reverse("orgdesign:branding")
