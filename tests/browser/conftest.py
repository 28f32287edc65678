"""Playwright driving Debian's Chromium against the real server (``live_server``).

Playwright's sync API runs an event loop in this thread, so Django's async-safety guard
is relaxed for these tests only. Without Chromium the tests skip locally and fail in CI.
"""

import os
import shutil
from pathlib import Path

import pytest

from tests.conftest import PASSWORD, need_service

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def browser():
    executable = shutil.which("chromium")
    if not executable:
        need_service("needs Debian's chromium (apt-get install chromium fonts-wqy-microhei)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="zh-CN", viewport={"width": 1366, "height": 820})
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.fixture
def login(page, live_server):
    """Log in through the real form, as a person would."""

    def do_login(username: str, password: str = PASSWORD):
        page.goto(f"{live_server.url}/accounts/login/")
        page.fill("#id_username", username)
        page.fill("#id_password", password)
        with page.expect_navigation():
            page.keyboard.press("Enter")
        return page

    return do_login


@pytest.fixture(scope="session")
def screenshots() -> Path:
    """Where browser tests leave screenshots for a person to look at (git-ignored)."""
    path = Path(__file__).resolve().parent / "screenshots"
    path.mkdir(exist_ok=True)
    return path
