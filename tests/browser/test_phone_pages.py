"""Pages outside the visitor's walk at phone width (390 px): no horizontal scrolling of the page, and no console
error or warning (Cytoscape warns when its container is positioned statically)."""

from __future__ import annotations

import pytest

from .test_walk import _open

pytestmark = pytest.mark.browser

PAGES = {
    "api-guide": "/api-guide/",  # long code examples in <pre> scroll in their box
    "network": "/places/2884509/network/",  # the Cytoscape graph
}


@pytest.mark.parametrize("name", list(PAGES))
def test_phone_page_fits_and_is_quiet(browser, server, name):  # type: ignore[no-untyped-def]
    context, page, watch = _open(browser, "phone")
    warnings: list[str] = []
    page.on("console", lambda msg: warnings.append(msg.text) if msg.type == "warning" else None)
    try:
        page.goto(server + PAGES[name])
        page.wait_for_load_state("networkidle")
        width, client = page.evaluate(
            "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
        )
        assert width <= client, f"{name}: the page is {width} px wide in a {client} px window"
        assert not watch.console_errors, watch.console_errors
        assert not warnings, warnings
    finally:
        context.close()
