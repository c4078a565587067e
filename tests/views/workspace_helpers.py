"""Helpers for the workspace view tests."""

from django.test import RequestFactory

from orgdesign.wizard import wizard_begin


def prime_wizard(client, *, answers=None, target=None) -> None:
    """Put a finished (or, without answers, empty) questionnaire in the test client's session."""
    request = RequestFactory().get("/")
    request.session = client.session
    wizard_begin(request, answers=answers, target=target)
    request.session.save()
    client.cookies["sessionid"] = request.session.session_key
