"""Browser smoke test: proves Chromium, Playwright and live_server work together."""


def test_browser_reads_healthz_from_live_server(live_server, page):
    page.goto(f"{live_server.url}/healthz")

    assert page.text_content("body").strip() == "ok"
