import re

import pytest

pytestmark = pytest.mark.urls("tests.views.layout_urls")


def test_base_layout_loads_bootstrap_and_app_css_from_our_static_files(client):
    html = client.get("/").content.decode()

    assert 'href="/static/vendor/bootstrap/css/bootstrap.min.css"' in html
    assert 'href="/static/css/app.css"' in html
    assert 'href="/static/img/favicon.svg"' in html
    # No address points at a CDN (the page's random CSRF token may spell "cdn" by chance).
    assert not re.search(r'(?:src|href)="[^"]*cdn', html, re.IGNORECASE)
    assert not re.search(r'(?:src|href)="(?:https?:)?//', html)


def test_base_layout_scripts_carry_the_nonce_of_the_csp_header(client):
    response = client.get("/")
    html = response.content.decode()

    header_nonce = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"]).group(1)
    script_tags = re.findall(r"<script\b[^>]*>", html)
    assert len(script_tags) >= 2  # htmx and the Bootstrap bundle
    for tag in script_tags:
        assert f'nonce="{header_nonce}"' in tag


def test_base_layout_offers_a_skip_link_and_a_main_landmark(client):
    html = client.get("/").content.decode()

    assert '<a class="skip-link visually-hidden-focusable" href="#main">' in html
    assert '<main id="main"' in html
    assert '<html lang="en">' in html


def test_base_layout_sends_the_csrf_token_with_htmx_requests(client):
    html = client.get("/").content.decode()

    assert re.search(r"data-hx-headers='\{\"X-CSRFToken\": \"[A-Za-z0-9]+\"\}'", html)
    assert '<meta name="htmx-config" content=\'{"includeIndicatorStyles": false}\'>' in html
