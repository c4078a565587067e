"""The founder's questionnaire, walked through Django's test client (full pages and htmx)."""

import re

import pytest
from django.core import signing
from django.urls import reverse

from orgdesign.flow import RESUME_SALT, SESSION_KEY, wizard_answers

pytestmark = pytest.mark.django_db

COMPANY = {"stage": "scaleup", "industry": "finance"}
PRODUCT = {"product_focus": "tech_enabled"}
LINES = {"product_lines": "2"}
OPERATIONS = {
    "regulated": "yes",
    "internal_app_dev": "no",
    "internal_it": "moderate",
    "single_leader": "no",
}
LEADERSHIP = {"current_leadership": "cto"}
WALK = [
    ("company", COMPANY),
    ("product", PRODUCT),
    ("product-lines", LINES),
    ("operations", OPERATIONS),
    ("leadership", LEADERSHIP),
]


def step_url(slug):
    return reverse("orgdesign:wizard-step", kwargs={"step": slug})


def walk(client, steps=WALK, **headers):
    response = None
    for slug, data in steps:
        response = client.post(step_url(slug), data, **headers)
    return response


def stored(client):
    return client.session[SESSION_KEY]["steps"]


def test_landing_page_explains_the_advisor_and_offers_start(client):
    html = client.get("/").content.decode()

    assert "Who should lead your technology?" in html
    assert f'href="{reverse("orgdesign:wizard")}">Start</a>' in html
    assert "Your clients" not in html


def test_landing_page_links_signed_in_consultants_to_their_clients(client, django_user_model):
    user = django_user_model.objects.create_user("ada", password="a-long-passphrase-1")
    client.force_login(user)

    assert 'href="/clients/"' in client.get("/").content.decode()


def test_wizard_entry_sends_a_new_visitor_to_the_first_step(client):
    response = client.get(reverse("orgdesign:wizard"))

    assert response.status_code == 302
    assert response["Location"] == step_url("company")


def test_first_step_shows_progress_and_labelled_radio_groups(client):
    html = client.get(step_url("company")).content.decode()

    assert "Step 1 of 5" in html
    assert 'role="progressbar"' in html and "progress-w-0" in html
    assert "<legend" in html and "Scale-up (about 50 to 250 people)" in html
    assert '<label class="form-label fw-semibold" for="id_industry">' in html
    assert 'style="' not in html


def test_a_founder_walks_every_step_to_the_review_and_the_result(client):
    locations = [client.post(step_url(slug), data)["Location"] for slug, data in WALK]

    assert locations == [
        step_url("product"),
        step_url("product-lines"),
        step_url("operations"),
        step_url("leadership"),
        reverse("orgdesign:wizard-review"),
    ]
    review = client.get(reverse("orgdesign:wizard-review")).content.decode()
    assert "Banking, insurance and finance" in review
    assert review.count("?return_to=review") == 5
    result = client.get(reverse("orgdesign:result")).content.decode()
    assert "Have both a CTO" in result
    assert "<svg" in result and 'class="orgchart"' in result
    # Reasons read in words in the body; rule ids wait in the collapsed audit trail.
    assert "Because: " in result
    body, audit = result.split('<details class="rec-section rec-audit">')
    assert "model.scaleup-internal-demand" not in body
    assert '<td class="rule-id">model.scaleup-internal-demand</td>' in audit
    # What a founder clicks next: each link and form points at its page.
    assert f'href="{reverse("orgdesign:wizard-review")}">Edit answers</a>' in result
    assert f'href="{reverse("orgdesign:report-result")}">Download PDF</a>' in result
    assert f'action="{reverse("orgdesign:wizard-restart")}"' in result
    sign_in = (
        reverse("orgdesign:login") + "?next=" + reverse("orgdesign:result").replace("/", "%2F")
    )
    assert f'href="{sign_in}">Sign in to save this result</a>' in result


def test_htmx_post_follows_to_the_next_step_fragment_with_pushed_url(client):
    client.post(step_url("company"), COMPANY, headers={"HX-Request": "true"})
    response = client.get(step_url("product"), headers={"HX-Request": "true"})
    html = response.content.decode()

    assert html.lstrip().startswith('<div id="wizard-panel"')
    assert "<html" not in html and "<title>" not in html
    assert response["HX-Push-Url"] == step_url("product")
    assert "HX-Request" in response["Vary"]
    # The fragment's title can take focus; the page's own script moves focus to it.
    assert '<h1 class="h3" id="step-title" tabindex="-1">' in html
    assert "js/wizard.js" not in html  # the script comes with the full page, once


def test_the_full_step_page_loads_the_focus_script_with_the_csp_nonce(client):
    response = client.get(step_url("company"))
    html = response.content.decode()
    nonce = response["Content-Security-Policy"].split("'nonce-")[1].split("'")[0]
    assert f'<script src="/static/js/wizard.js" nonce="{nonce}"></script>' in html


def test_htmx_history_restore_gets_the_whole_page(client):
    response = client.get(
        step_url("company"),
        headers={"HX-Request": "true", "HX-History-Restore-Request": "true"},
    )

    assert "<html" in response.content.decode()


def test_every_htmx_post_also_has_a_real_action(client):
    html = client.get(step_url("company")).content.decode()

    for form in re.findall(r"<form\b[^>]*>", html):
        if "data-hx-post" in form:
            hx = re.search(r'data-hx-post="([^"]+)"', form).group(1)
            assert f'action="{hx}"' in form


def test_product_lines_are_not_asked_when_technology_only_runs_internal_operations(client):
    client.post(step_url("company"), COMPANY)
    response = client.post(step_url("product"), {"product_focus": "internal"})

    assert response["Location"] == step_url("operations")
    assert "Step 3 of 4" in client.get(step_url("operations")).content.decode()
    assert client.get(step_url("product-lines"))["Location"] == step_url("operations")


def test_regulated_is_preselected_from_the_industry(client):
    walk(client, WALK[:3])
    html = client.get(step_url("operations")).content.decode()

    assert re.search(r'name="regulated" id="id_regulated_0" value="yes" checked', html)
    client.post(step_url("company"), {"stage": "scaleup", "industry": "retail"})
    html = client.get(step_url("operations")).content.decode()
    assert re.search(r'name="regulated" id="id_regulated_1" value="no" checked', html)


def test_an_invalid_choice_is_explained_next_to_its_field_and_keeps_other_answers(client):
    response = client.post(step_url("company"), {"stage": "galactic", "industry": "finance"})
    html = response.content.decode()

    assert response.status_code == 200
    assert 'id="id_stage_error"' in html
    assert "Please choose one of the options listed." in html
    assert '<option value="finance" selected>' in html
    assert SESSION_KEY not in client.session or not stored(client)


def test_an_invalid_htmx_post_returns_the_fragment_with_errors(client):
    response = client.post(step_url("company"), {}, headers={"HX-Request": "true"})
    html = response.content.decode()

    assert "<html" not in html
    assert "Please choose one of the options." in html
    assert "Please choose your industry." in html


def test_product_lines_out_of_range_is_explained_in_plain_words(client):
    walk(client, WALK[:2])
    html = client.post(step_url("product-lines"), {"product_lines": "500"}).content.decode()

    assert "Please enter 50 or fewer" in html


def test_a_deep_link_to_a_later_step_goes_to_the_first_unanswered_one(client):
    client.post(step_url("company"), COMPANY)
    response = client.get(step_url("leadership"))

    assert response["Location"] == step_url("product")
    assert client.get(reverse("orgdesign:result"))["Location"] == step_url("product")
    assert client.get(reverse("orgdesign:wizard-review"))["Location"] == step_url("product")


def test_posting_to_a_skipped_step_is_refused_and_stores_nothing(client):
    response = client.post(step_url("leadership"), LEADERSHIP)

    assert response["Location"] == step_url("company")
    assert "leadership" not in client.session.get(SESSION_KEY, {}).get("steps", {})


def test_an_unknown_step_answers_404_with_a_message(client):
    response = client.post("/wizard/no-such-step/", {"x": "1"})

    assert response.status_code == 404
    assert "We could not find that question" in response.content.decode()


def test_replaying_an_earlier_step_updates_answers_and_drops_what_no_longer_applies(client):
    walk(client)
    response = client.post(step_url("product"), {"product_focus": "internal"})

    assert response["Location"] == step_url("operations")
    assert "product-lines" not in stored(client)
    answers = client.get(reverse("orgdesign:result")).context["p"].raw["answers"]
    assert answers["product_focus"] == "internal"
    assert answers["product_lines"] == 1


def test_editing_from_the_review_returns_to_the_review(client):
    walk(client)
    html = client.get(step_url("company") + "?return_to=review").content.decode()
    assert 'name="return_to" value="review"' in html

    response = client.post(
        step_url("company"), {**COMPANY, "return_to": "review", "stage": "startup"}
    )

    assert response["Location"] == reverse("orgdesign:wizard-review")
    assert "Startup" in client.get(reverse("orgdesign:wizard-review")).content.decode()


def test_editing_that_makes_a_new_step_apply_asks_it_before_the_review(client):
    steps = [("company", COMPANY), ("product", {"product_focus": "internal"}), *WALK[3:]]
    walk(client, steps)
    response = client.post(
        step_url("product"), {"product_focus": "tech_product", "return_to": "review"}
    )

    assert response["Location"] == step_url("product-lines")


def test_back_keeps_the_unvalidated_draft_of_the_current_step(client):
    walk(client, WALK[:3])
    response = client.post(step_url("operations"), {"regulated": "no", "nav": "back"})

    assert response["Location"] == step_url("product-lines")
    html = client.get(step_url("operations")).content.decode()
    assert re.search(r'name="regulated" id="id_regulated_1" value="no" checked', html)
    assert "operations" not in stored(client)


def test_a_plain_get_never_wipes_answers(client):
    walk(client)
    before = dict(stored(client))
    for url in ["/", reverse("orgdesign:wizard"), step_url("company"), reverse("orgdesign:result")]:
        client.get(url)

    assert stored(client) == before


def test_start_over_clears_every_answer(client):
    walk(client)
    response = client.post(reverse("orgdesign:wizard-restart"), follow=True)

    assert response.redirect_chain[-1][0] == step_url("company")
    assert "Your answers have been cleared" in response.content.decode()
    assert client.get(reverse("orgdesign:result"))["Location"] == step_url("company")


def test_restart_refuses_get(client):
    assert client.get(reverse("orgdesign:wizard-restart")).status_code == 405


@pytest.mark.parametrize(
    "garbage",
    [
        "not a dict",
        {"steps": "nope"},
        {"steps": {"company": {"stage": 12}, "evil": {"x": "y"}}, "drafts": [1]},
        {"steps": {"company": {"stage": "moon", "industry": "finance"}}},
    ],
)
def test_a_forged_session_is_treated_as_unanswered_never_a_500(client, garbage):
    session = client.session
    session[SESSION_KEY] = garbage
    session.save()

    assert client.get(reverse("orgdesign:wizard"))["Location"] == step_url("company")
    assert client.get(reverse("orgdesign:result")).status_code == 302
    assert client.get(step_url("company")).status_code == 200


def test_a_missing_session_cookie_starts_afresh(client):
    walk(client)
    client.cookies.clear()

    assert client.get(reverse("orgdesign:result"))["Location"] == step_url("company")


def test_result_what_if_shows_the_changed_advice_with_a_way_back(client):
    walk(client)
    response = client.get(reverse("orgdesign:result"), {"what_if": "stage:startup"})
    html = response.content.decode()

    assert "What if:" in html
    assert response.context["p"].raw["answers"]["stage"] == "startup"
    assert "Back to the advice for my answers" in html
    assert 'name="what_if" value="stage:startup"' in html
    assert stored(client)["company"]["stage"] == "scaleup"


def test_result_offers_one_click_what_if_links_from_the_sensitivity(client):
    walk(client)
    html = client.get(reverse("orgdesign:result")).content.decode()

    assert "/result/?what_if=stage%3Astartup" in html


@pytest.mark.parametrize(
    "param", ["stage:moon", "nothing", "ruleset:x", "regulated:maybe", "product_lines:99", ":"]
)
def test_a_bad_what_if_is_refused_with_a_clear_message(client, param):
    walk(client)
    response = client.get(reverse("orgdesign:result"), {"what_if": param})

    assert response.status_code == 400
    assert "We could not run that what-if." in response.content.decode()
    assert response.context["p"].raw["answers"]["stage"] == "scaleup"


def test_use_these_answers_adopts_the_what_if(client):
    walk(client)
    response = client.post(reverse("orgdesign:result"), {"what_if": "regulated:false"})

    assert response["Location"] == reverse("orgdesign:result")
    assert stored(client)["operations"]["regulated"] == "no"


def test_resume_link_restores_the_answers_in_another_browser(client, django_user_model):
    walk(client)
    token = client.get(reverse("orgdesign:wizard-review")).context["resume_url"].split("/")[-2]
    from django.test import Client

    other = Client()
    response = other.get(reverse("orgdesign:wizard-resume", kwargs={"token": token}))

    assert response["Location"] == reverse("orgdesign:wizard-review")
    assert other.session[SESSION_KEY]["steps"] == stored(client)


def test_resume_link_asks_before_replacing_existing_answers(client):
    walk(client)
    token = signing.dumps({"company": {"stage": "startup", "industry": "other"}}, salt=RESUME_SALT)
    url = reverse("orgdesign:wizard-resume", kwargs={"token": token})

    assert "Replace your current answers?" in client.get(url).content.decode()
    assert stored(client)["company"] == COMPANY
    assert client.post(url)["Location"] == step_url("product")
    assert stored(client) == {"company": {"stage": "startup", "industry": "other"}}


@pytest.mark.parametrize("token", ["garbage", "eyJhIjoxfQ:1abc:xyz", "a" * 300])
def test_a_tampered_resume_link_is_refused_clearly(client, token):
    response = client.get(reverse("orgdesign:wizard-resume", kwargs={"token": token}))

    assert response.status_code == 400
    assert "This link does not work" in response.content.decode()
    assert SESSION_KEY not in client.session


def test_a_resume_token_with_an_edited_payload_is_refused(client):
    walk(client)
    token = signing.dumps({"company": COMPANY}, salt=RESUME_SALT)
    forged = token.replace(token.split(":")[0], signing.b64_encode(b'{"company":{}}').decode())

    response = client.get(reverse("orgdesign:wizard-resume", kwargs={"token": forged}))

    assert response.status_code == 400


def test_wizard_answers_returns_complete_engine_answers_only(rf, client):
    walk(client, WALK[:2])
    request = rf.get("/")
    request.session = client.session
    assert wizard_answers(request) is None

    walk(client, WALK[2:])
    request.session = client.session
    assert wizard_answers(request)["product_lines"] == 2
