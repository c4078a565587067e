"""The questionnaire for a client: it starts from the client record, speaks to the consultant
about the client, and its banner leads back to the client or cancels; the founder's
questionnaire keeps speaking to the founder."""

import ast
from pathlib import Path

import pytest
from django.urls import reverse

from orgdesign.flow import SESSION_KEY, STEPS, QuestionnaireFlow
from orgdesign.rules.vocabulary import ASKED, CONSULTANT, FOUNDER
from tests.factories import SOFTWARE_STARTUP, make_client, make_scenario

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
COMPANY_URL = reverse("orgdesign:wizard-step", kwargs={"step": "company"})
COMPLETE = {**SOFTWARE_STARTUP, "current_leadership": "founder"}


def start_for(client, acme):
    """Press "New scenario" on the client's page, as the consultant does."""
    return client.post(reverse("orgdesign:scenario-create", args=[acme.pk]), follow=True)


def test_the_company_step_shows_the_clients_industry_as_known_and_speaks_of_them(
    client, consultant
):
    acme = make_client(owner=consultant, name="Acme", industry="software")

    html = start_for(client, acme).content.decode()

    assert '<h1 class="h3" id="step-title" tabindex="-1">Their company</h1>' in html
    assert "How large is their company?" in html
    assert (
        '<span class="fw-semibold">Industry:</span> Software and technology '
        '<span class="text-body-secondary">(from the client record of Acme)</span>'
    ) in html
    assert '<summary>Change<span class="visually-hidden"> the industry</span></summary>' in html
    assert '<option value="software" selected>' in html
    assert "Which industry is their company in?" in html
    assert "you in?" not in html and "Your company" not in html


def test_a_known_industry_is_kept_or_changed_for_this_scenario_only(client, consultant):
    acme = make_client(owner=consultant, name="Acme", industry="software")
    start_for(client, acme)

    client.post(COMPANY_URL, {"stage": "scaleup", "industry": "finance"})
    html = client.get(COMPANY_URL).content.decode()

    assert client.session[SESSION_KEY]["steps"]["company"]["industry"] == "finance"
    assert "from the client record" not in html  # no longer the record's answer
    assert '<option value="finance" selected>' in html
    acme.refresh_from_db()
    assert acme.industry == "software"


def test_a_client_without_an_industry_is_asked_for_it(client, consultant):
    acme = make_client(owner=consultant, name="Acme")

    html = start_for(client, acme).content.decode()
    response = client.post(COMPANY_URL, {"stage": "scaleup"})

    assert "from the client record" not in html
    assert "Please choose their industry." in response.content.decode()


def test_review_and_result_speak_to_the_consultant_about_the_client(
    client, consultant, prime_wizard
):
    acme = make_client(owner=consultant, name="Acme")
    target = {"client_id": acme.pk, "client_name": "Acme", "label": "Acme"}
    prime_wizard(client, answers=COMPLETE, target=target)

    review = client.get(reverse("orgdesign:wizard-review")).content.decode()
    result = client.get(reverse("orgdesign:result")).content.decode()

    assert '<h1 class="h3" id="step-title" tabindex="-1">Review the answers for Acme</h1>' in review
    assert f'href="{reverse("orgdesign:result")}">See the recommendation for Acme</a>' in review
    assert 'Edit<span class="visually-hidden"> their company</span>' in review
    assert "<summary>Keep a link to these answers</summary>" in review
    assert '<h1 class="h2 mb-3">The recommendation for Acme</h1>' in result
    for page in (review, result):
        assert "co-founder" not in page
        assert "See my recommendation" not in page and "Your recommendation" not in page


def test_the_founders_questionnaire_keeps_speaking_to_the_founder(client, prime_wizard):
    step = client.get(COMPANY_URL).content.decode()
    prime_wizard(client, answers=COMPLETE)
    review = client.get(reverse("orgdesign:wizard-review")).content.decode()
    result = client.get(reverse("orgdesign:result")).content.decode()

    assert "Your company" in step and "Which industry are you in?" in step
    assert "from the client record" not in step and "Working on" not in step
    assert "See my recommendation" in review and "send these answers to a co-founder" in review
    assert '<h1 class="h2 mb-3">Your recommendation</h1>' in result


def test_the_banner_links_back_to_the_client_and_the_scenario(client, consultant):
    acme = make_client(owner=consultant, name="Acme")
    today = make_scenario(client=acme, name="Today")
    client.post(reverse("orgdesign:scenario-edit", args=[today.pk]))

    html = client.get(reverse("orgdesign:wizard-review")).content.decode()

    client_url = reverse("orgdesign:client-detail", args=[acme.pk])
    scenario_url = reverse("orgdesign:scenario-detail", args=[today.pk])
    assert (
        f'<strong>Working on:</strong> <a href="{client_url}">Acme</a>: '
        f'<a href="{scenario_url}">Today</a>'
    ) in html
    assert f'action="{reverse("orgdesign:wizard-cancel")}"' in html


def test_cancel_forgets_the_questionnaire_and_returns_to_the_client(client, consultant):
    acme = make_client(owner=consultant, name="Acme", industry="software")
    start_for(client, acme)
    client.post(COMPANY_URL, {"stage": "scaleup", "industry": "software"})

    response = client.post(reverse("orgdesign:wizard-cancel"), follow=True)

    assert response.redirect_chain == [(reverse("orgdesign:client-detail", args=[acme.pk]), 302)]
    assert "The questionnaire for Acme was cancelled; nothing was saved." in (
        response.content.decode()
    )
    assert SESSION_KEY not in client.session
    assert not acme.scenarios.exists()


def test_cancel_while_changing_a_scenario_returns_to_the_scenario_unchanged(client, consultant):
    today = make_scenario(client=make_client(owner=consultant, name="Acme"), name="Today")
    client.post(reverse("orgdesign:scenario-edit", args=[today.pk]))

    response = client.post(reverse("orgdesign:wizard-cancel"))

    assert response["Location"] == reverse("orgdesign:scenario-detail", args=[today.pk])
    today.refresh_from_db()
    assert today.version == 1


def test_cancel_without_a_client_changes_nothing(client, prime_wizard):
    prime_wizard(client, answers=COMPLETE)

    response = client.post(reverse("orgdesign:wizard-cancel"))

    assert response["Location"] == reverse("orgdesign:wizard-review")
    assert client.session[SESSION_KEY]["steps"]["company"]["industry"] == "software"
    assert client.get(reverse("orgdesign:wizard-cancel")).status_code == 405


def test_start_over_keeps_the_client(client, consultant, prime_wizard):
    acme = make_client(owner=consultant, name="Acme")
    prime_wizard(client, answers=COMPLETE, target={"client_id": acme.pk, "client_name": "Acme"})

    response = client.post(reverse("orgdesign:wizard-restart"), follow=True)

    html = response.content.decode()
    assert "The answers for Acme have been cleared. You can start again." in html
    assert client.session[SESSION_KEY]["steps"] == {}
    assert client.session[SESSION_KEY]["target"]["client_id"] == acme.pk


def test_a_tampered_target_in_the_session_is_cleaned(client, prime_wizard):
    prime_wizard(
        client,
        target={"client_id": "1; drop", "scenario_id": True, "label": 5, "known": {"x": 1}},
    )
    session = client.session
    flow = QuestionnaireFlow(type("R", (), {"session": session})())

    assert flow.target is None
    assert flow.voice == FOUNDER
    assert client.get(COMPANY_URL).status_code == 200


@pytest.mark.parametrize("voice", [FOUNDER, CONSULTANT])
def test_every_question_is_asked_in_the_words_of_the_vocabulary(voice):
    for step in STEPS:
        form = step.form_class(voice=voice)
        for name, field in form.fields.items():
            assert field.label == ASKED[name].question.say(voice)


def test_no_question_is_worded_outside_the_vocabulary():
    """The questions' texts are written once: no string in the forms, flow or templates
    repeats one of them."""
    texts = {t for a in ASKED.values() for t in (a.question.founder, a.question.consultant)}
    sources = [ROOT / "orgdesign/forms/wizard.py", ROOT / "orgdesign/flow.py"]
    strings = {
        node.value
        for path in sources
        for node in ast.walk(ast.parse(path.read_text()))
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
    }
    templates = "".join(p.read_text() for p in (ROOT / "templates").rglob("*.html"))

    assert not texts & strings
    assert not [text for text in texts if text in templates]
