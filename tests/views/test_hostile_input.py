"""Hostile input never crashes a page: each parser is bounded and says what it refused.

The JSON API, the result page's what-if, form bodies in other charsets and ids in URLs and
query strings. Every request here goes through a client that reports a crash as a 500
response instead of raising, so a test reads what a visitor would get.
"""

import pytest
from django.test import Client
from django.urls import reverse

from orgdesign.api import MAX_INT_DIGITS, MAX_JSON_DEPTH
from orgdesign.models import Client as ClientRow
from tests.factories import SOFTWARE_STARTUP, make_client, make_scenario, make_user

pytestmark = pytest.mark.django_db

API = "/api/v1/recommendation"


@pytest.fixture
def strict():
    """A browser-like client: CSRF is checked, crashes come back as responses."""
    return Client(enforce_csrf_checks=True, raise_request_exception=False)


# --- The JSON API --------------------------------------------------------------------------


@pytest.mark.parametrize("opening", ["[", '{"a":'])
def test_the_api_refuses_deeply_nested_json_naming_the_depth(visitor, opening):
    closing = "]" if opening == "[" else "}"
    levels = 2000  # past Python's recursion limit, within the 16 KB body limit
    body = opening * levels + "1" + closing * levels

    response = visitor.post(API, body, content_type="application/json")

    assert response.status_code == 400
    assert response.json() == {
        "errors": {"body": [f"The JSON is nested more than {MAX_JSON_DEPTH} levels deep."]}
    }


def test_the_api_accepts_nesting_up_to_the_bound_and_brackets_inside_strings(visitor):
    body = '{"stage": "startup", "industry": "software", "product_focus": "tech_product", '
    body += '"note": "[[[[[[[[[[[[[[[[[[[[[[[[\\"[[", "extra": ' + "[" * (MAX_JSON_DEPTH - 1)
    body += "]" * (MAX_JSON_DEPTH - 1) + "}"

    response = visitor.post(API, body, content_type="application/json")

    # The engine ignores keys it does not know: the body was parsed and answered.
    assert response.status_code == 200
    assert response.json()["role_model"] == "cto"


@pytest.mark.parametrize("digits", [MAX_INT_DIGITS + 1, 5000, 10_000])
def test_the_api_refuses_integers_too_long_to_convert(visitor, digits):
    body = '{"stage": "startup", "industry": "software", "product_focus": "tech_product", '
    body += '"product_lines": ' + "7" * digits + "}"

    response = visitor.post(API, body, content_type="application/json")

    assert response.status_code == 400
    assert response.json() == {
        "errors": {"body": [f"A number in the body has more than {MAX_INT_DIGITS} digits."]}
    }


def test_the_api_still_names_an_out_of_range_number_of_ordinary_length(visitor):
    body = {**SOFTWARE_STARTUP, "product_lines": 10**18}

    response = visitor.post(API, body, content_type="application/json")

    assert response.status_code == 400
    assert "out of range" in response.json()["errors"]["product_lines"][0]


# --- The result page's what-if -------------------------------------------------------------


@pytest.mark.parametrize(
    "number",
    ["٣", "３", "²", "߃", "+3", " 3", "3_0", "9" * 30, "9" * 5000],
    ids=[
        "arabic-indic",
        "fullwidth",
        "superscript",
        "nko",
        "sign",
        "space",
        "underscore",
        "long",
        "over-int-limit",
    ],
)
def test_a_what_if_number_must_be_ascii_digits_of_sane_length(visitor, number, prime_wizard):
    prime_wizard(visitor, answers=dict(SOFTWARE_STARTUP))

    shown = visitor.get(reverse("orgdesign:result"), {"what_if": f"product_lines:{number}"})
    adopted = visitor.post(reverse("orgdesign:result"), {"what_if": f"product_lines:{number}"})

    assert shown.status_code == 400
    assert "written with the digits 0-9" in shown.content.decode()
    assert shown.context["p"].raw["answers"]["product_lines"] == 1
    assert adopted.status_code == 302
    followed = visitor.get(adopted["Location"])
    assert "written with the digits 0-9" in followed.content.decode()
    assert followed.context["p"].raw["answers"]["product_lines"] == 1


def test_a_what_if_with_ascii_digits_still_works(visitor, prime_wizard):
    prime_wizard(visitor, answers=dict(SOFTWARE_STARTUP))

    response = visitor.get(reverse("orgdesign:result"), {"what_if": "product_lines:3"})

    assert response.status_code == 200
    assert response.context["p"].raw["answers"]["product_lines"] == 3


# --- Form bodies in another charset ---------------------------------------------------------


def _signed_in_with_csrf(client):
    client.force_login(make_user(username="charset-owner"))
    client.get(reverse("orgdesign:client-create"))
    return client.cookies["csrftoken"].value


@pytest.mark.parametrize(
    ("content_type", "encoding"),
    [
        ("application/x-www-form-urlencoded; charset=utf-16", "utf-16"),
        ("application/x-www-form-urlencoded; charset=latin-1", "latin-1"),
        ("application/x-www-form-urlencoded; charset=no-such-charset", "utf-8"),
        ("multipart/form-data; boundary=XX; charset=utf-16", "utf-8"),
        ("multipart/form-data; boundary=XX; charset=no-such-charset", "utf-8"),
        ("application/x-www-form-urlencoded; charset=utf8", "utf-8"),
    ],
)
def test_a_form_in_another_charset_is_a_bad_request_and_saves_nothing(
    strict, content_type, encoding
):
    token = _signed_in_with_csrf(strict)
    if content_type.startswith("multipart"):
        text = (
            f'--XX\r\nContent-Disposition: form-data; name="csrfmiddlewaretoken"\r\n\r\n{token}'
            '\r\n--XX\r\nContent-Disposition: form-data; name="name"\r\n\r\nAcmé\r\n--XX--\r\n'
        )
    else:
        text = f"csrfmiddlewaretoken={token}&name=Acm%C3%A9"

    response = strict.generic(
        "POST", reverse("orgdesign:client-create"), text.encode(encoding), content_type
    )

    assert response.status_code == 400
    assert not ClientRow.objects.exists()


@pytest.mark.parametrize("path", ["/accounts/login/", "/accounts/signup/", "/wizard/company/"])
def test_a_utf16_form_on_a_public_page_is_a_bad_request(strict, path):
    response = strict.generic(
        "POST",
        path,
        "username=a&password=b".encode("utf-16"),
        "application/x-www-form-urlencoded; charset=utf-16",
    )

    assert response.status_code == 400


def test_a_form_declaring_utf8_is_accepted(strict):
    token = _signed_in_with_csrf(strict)

    response = strict.generic(
        "POST",
        reverse("orgdesign:client-create"),
        f"csrfmiddlewaretoken={token}&name=Acm%C3%A9".encode(),
        "application/x-www-form-urlencoded; charset=UTF-8",
    )

    assert response.status_code == 302
    assert ClientRow.objects.get().name == "Acmé"


# --- Ids in URLs and query strings -----------------------------------------------------------

BAD_IDS = [
    "٣",
    "３",
    "²",
    "+1",
    "-1",
    "0",
    "1.0",
    "1e3",
    " 1",
    "9223372036854775808",
    "99999999999999999999",
    "9" * 5000,
]


@pytest.fixture
def owner_with_two_scenarios(visitor):
    owner = make_user(username="ids-owner")
    first = make_scenario(client=make_client(owner=owner, name="Ids Client"), name="First")
    second = make_scenario(client=first.client, name="Second")
    visitor.force_login(owner)
    return first, second


@pytest.mark.parametrize("bad", BAD_IDS)
@pytest.mark.parametrize("name", ["scenario-compare", "report-compare"])
def test_compare_pages_answer_404_to_an_id_that_is_not_plain_digits_in_range(
    visitor, owner_with_two_scenarios, name, bad
):
    first, second = owner_with_two_scenarios
    url = reverse(f"orgdesign:{name}", args=[first.client_id])

    response = visitor.get(url, {"s": [first.pk, bad]})
    good = visitor.get(url, {"s": [first.pk, second.pk]})

    assert response.status_code == 404
    assert b"Ids Client" not in response.content
    assert good.status_code == 200


@pytest.mark.parametrize("bad", ["9223372036854775808", "99999999999999999999", "9" * 5000])
@pytest.mark.parametrize(
    "template",
    [
        "/clients/{}/",
        "/clients/{}/compare/report.pdf",
        "/scenarios/{}/",
        "/scenarios/{}/report.pdf",
        "/share-links/{}/revoke/",
    ],
)
def test_an_id_past_the_database_range_in_a_path_is_404(
    visitor, owner_with_two_scenarios, template, bad
):
    response = visitor.get(template.format(bad))

    assert response.status_code == 404


def test_the_largest_possible_id_is_read_and_simply_not_found(visitor, owner_with_two_scenarios):
    response = visitor.get(f"/scenarios/{2**63 - 1}/")

    assert response.status_code == 404
    assert reverse("orgdesign:scenario-detail", args=[2**63 - 1]) == f"/scenarios/{2**63 - 1}/"


def test_the_api_quotes_a_refused_value_without_raw_markup(visitor):
    body = {**SOFTWARE_STARTUP, "stage": "<script>x1</script>&"}

    response = visitor.post(API, body, content_type="application/json")

    assert response.status_code == 400
    assert b"<script>" not in response.content
    assert "'<script>x1</script>&' is not allowed" in response.json()["errors"]["stage"][0]


ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
FULLWIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


@pytest.mark.parametrize(
    "spell",
    [
        lambda pk: str(pk).translate(ARABIC_INDIC),
        lambda pk: str(pk).translate(FULLWIDTH),
        lambda pk: f"+{pk}",
        lambda pk: f" {pk}",
        lambda pk: "9223372036854775808",
        lambda pk: "9" * 5000,
    ],
    ids=["arabic-indic", "fullwidth", "sign", "space", "overflow", "over-int-limit"],
)
def test_saving_to_a_client_picked_by_a_hostile_id_is_refused_and_saves_nothing(
    visitor, spell, prime_wizard
):
    owner = make_user(username="picker")
    mine = make_client(owner=owner, name="Picked Client")
    visitor.force_login(owner)
    prime_wizard(visitor, answers=dict(SOFTWARE_STARTUP))

    response = visitor.post(
        reverse("orgdesign:wizard-save"), {"client": spell(mine.pk), "name": "Now"}
    )

    assert response.status_code == 400
    assert "Select a valid choice" in response.context["form"].errors["client"][0]
    assert not mine.scenarios.exists()


@pytest.mark.parametrize(
    "path",
    ["/clients/?q=%00%E2%80%AE", "/s/%00/", "/clients/?q=a%00b", "/wizard/company/?x=%00"],
)
def test_a_nul_character_in_an_address_is_a_bad_request_on_every_database(client, path):
    """PostgreSQL refuses NUL in any query, so it is refused before any view runs."""
    client.force_login(make_user())
    response = client.get(path)
    assert response.status_code == 400
    assert "This request could not be understood" in response.content.decode()
