"""The review services: who is told, a mail server that fails, and what a service refuses
whatever view calls it."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from orgdesign import services
from orgdesign.models import ReviewComment, SignOff
from orgdesign.services import review_recipients, scenario_update, share_link_revoke
from tests.factories import (
    add_member,
    make_client,
    make_review_comment,
    make_scenario,
    make_share_link,
    make_signoff,
    make_user,
)

pytestmark = pytest.mark.django_db


def test_the_clients_creator_and_the_last_editor_are_told_once_each():
    owner = make_user()
    scenario = make_scenario(client=make_client(owner=owner))
    assert review_recipients(scenario) == [owner.email]

    editor = add_member(firm=scenario.client.firm).user
    scenario_update(
        scenario=scenario, user=editor, answers={**scenario.answers, "stage": "scaleup"}
    )
    assert review_recipients(scenario) == [owner.email, editor.email]

    type(owner).objects.filter(pk=owner.pk).update(email="")
    scenario.client.owner.refresh_from_db()
    assert review_recipients(scenario) == [editor.email]


def test_a_mail_server_that_fails_loses_no_comment(
    monkeypatch, caplog, django_capture_on_commit_callbacks
):
    def refuse(**_mail):
        raise ConnectionRefusedError("no mail server")

    monkeypatch.setattr(services, "send_mail", refuse)

    with django_capture_on_commit_callbacks(execute=True):
        comment = make_review_comment(text="Still here")

    assert ReviewComment.objects.get().text == "Still here"
    assert f"Review notification not sent: New comment on “{comment.scenario.name}”" in caplog.text
    assert mail.outbox == []


def test_a_revoked_link_takes_no_comment_or_signoff_even_past_the_view():
    link = make_share_link()
    share_link_revoke(link=link)

    with pytest.raises(ValidationError, match="This link no longer works"):
        make_review_comment(link=link)
    with pytest.raises(ValidationError, match="This link no longer works"):
        make_signoff(link=link)
    assert not ReviewComment.objects.exists() and not SignOff.objects.exists()


def test_a_comment_about_a_reason_or_seat_the_version_lacks_is_refused():
    link = make_share_link()

    for about in (("reason", "no.such-rule"), ("seat", "cio")):
        with pytest.raises(ValidationError, match="this version has no such reason or seat"):
            make_review_comment(link=link, about=about)
    assert not ReviewComment.objects.exists()


def test_a_signoff_counts_for_its_version_only():
    link = make_share_link()
    make_signoff(link=link)
    scenario = link.scenario
    scenario_update(
        scenario=scenario,
        user=scenario.client.owner,
        answers={**scenario.answers, "stage": "scaleup"},
    )

    second = make_signoff(link=link, name="Bob", role="CEO")

    assert second.version == 2
    assert list(SignOff.objects.order_by("version").values_list("version", "name")) == [
        (1, "Ada Board"),
        (2, "Bob"),
    ]
