"""The wizard's Python interface used by the other areas (orgdesign.flow)."""

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.test import RequestFactory
from django.urls import reverse

from orgdesign.flow import (
    SESSION_KEY,
    QuestionnaireFlow,
    wizard_answers,
    wizard_begin,
    wizard_reset,
    wizard_target,
)

pytestmark = pytest.mark.django_db

ANSWERS = {"stage": "enterprise", "industry": "software", "product_focus": "internal"}


def make_request():
    request = RequestFactory().get("/")
    request.session = SessionStore()
    return request


def test_wizard_begin_with_answers_prefills_every_applicable_step():
    request = make_request()
    wizard_begin(request, answers={**ANSWERS, "product_lines": 4})

    answers = wizard_answers(request)
    assert answers["stage"] == "enterprise"
    assert answers["product_lines"] == 1  # not asked when technology only runs operations
    assert answers["regulated"] is False


def test_wizard_begin_remembers_the_target_and_reset_forgets_it():
    request = make_request()
    target = {"client_id": 3, "scenario_id": 9, "label": "Acme: after Series B"}
    wizard_begin(request, target=target)

    assert wizard_target(request) == target
    assert wizard_answers(request) is None
    wizard_reset(request)
    assert wizard_target(request) is None


def test_prefilled_wizard_lands_on_the_review_with_the_target_banner(client, prime_wizard):
    prime_wizard(client, answers=ANSWERS, target={"label": "Acme: after Series B"})

    response = client.get(reverse("orgdesign:wizard"))
    assert response["Location"] == reverse("orgdesign:wizard-review")
    html = client.get(response["Location"]).content.decode()
    assert "Working on:</strong> Acme: after Series B" in html


def flow_with(steps: dict) -> QuestionnaireFlow:
    request = make_request()
    request.session[SESSION_KEY] = {"steps": steps}
    return QuestionnaireFlow(request)


COMPANY = {"stage": "scaleup", "industry": "finance"}


def test_next_skips_a_question_that_does_not_apply_and_ends_on_the_review():
    internal = flow_with({"company": COMPANY, "product": {"product_focus": "internal"}})
    selling = flow_with({"company": COMPANY, "product": {"product_focus": "tech_product"}})

    assert internal.next_url("product", back_to_review=False) == "/wizard/operations/"
    assert selling.next_url("product", back_to_review=False) == "/wizard/product-lines/"
    assert [s.slug for s in internal.applicable()] == [
        "company",
        "product",
        "operations",
        "leadership",
    ]


def test_back_leads_to_the_step_before_home_before_the_first_and_the_review_when_editing():
    flow = flow_with({"company": COMPANY, "product": {"product_focus": "internal"}})

    assert flow.back_url("operations", back_to_review=False) == "/wizard/product/"
    assert flow.back_url("company", back_to_review=False) == reverse("orgdesign:home")
    assert flow.back_url("product", back_to_review=True) == reverse("orgdesign:wizard-review")


def test_return_to_review_goes_to_a_missing_answer_first():
    flow = flow_with({"company": COMPANY, "product": {"product_focus": "tech_product"}})

    # The new product focus made the product-lines question apply: it is asked first.
    assert flow.next_url("product", back_to_review=True) == "/wizard/product-lines/"
    assert flow.resume_url() == "/wizard/product-lines/"
    assert flow.step_url(flow.applicable()[0], back_to_review=True) == (
        "/wizard/company/?return_to=review"
    )
