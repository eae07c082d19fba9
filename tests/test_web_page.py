"""The web chat page in headless Chromium against a real server with the fake engine."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Dialog, Page, expect, sync_playwright

from ciie_qa.config import Settings
from ciie_qa.service import create_app
from fakes_engine import FakeEngine, running_server

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SCREENSHOT = Path(__file__).resolve().parent.parent / "test-artifacts" / "web-page.png"
EN_SENTENCE = "More than 4,108 exhibitors from 155 countries and regions took part this year."


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        reason = f"{CHROMIUM} is missing; run scripts/install-browser to install Debian's Chromium"
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def engine() -> FakeEngine:
    return FakeEngine()


@pytest.fixture
def base_url(engine: FakeEngine) -> Iterator[str]:
    settings = Settings(max_question_chars=200)
    with running_server(create_app(settings=settings, engine=engine)) as url:
        yield url


class PageProblems:
    """JavaScript dialogs (alert from an injection) and console errors (CSP violations)."""

    def __init__(self) -> None:
        self.dialogs: list[str] = []
        self.console_errors: list[str] = []

    def on_dialog(self, dialog: Dialog) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def on_console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            self.console_errors.append(message.text)


@pytest.fixture
def problems() -> PageProblems:
    return PageProblems()


@pytest.fixture
def page(browser: Browser, base_url: str, problems: PageProblems) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1100, "height": 820}, base_url=base_url)
    opened = context.new_page()
    opened.on("dialog", problems.on_dialog)
    opened.on("console", problems.on_console)
    opened.goto("/")
    expect(opened.locator("#status")).to_have_text("Ready")
    yield opened
    context.close()


def ask(page: Page, question: str) -> None:
    count = page.locator(".message-bot").count()
    page.fill("#question", question)
    page.press("#question", "Enter")
    expect(page.locator(".message-bot .card:not(.card-pending)")).to_have_count(count + 1)


def test_answer_shows_with_the_span_highlighted_in_the_sentence(page: Page) -> None:
    ask(page, "How many exhibitors?")
    reply = page.locator(".message-bot").last
    expect(reply.locator(".answer")).to_have_text("4,108 exhibitors")
    expect(reply.locator(".sentence")).to_have_text(EN_SENTENCE)
    expect(reply.locator(".sentence mark")).to_have_text("4,108 exhibitors")
    expect(reply.locator(".chip")).to_have_count(1)
    expect(reply.locator(".chip")).to_contain_text("CIIE opens in Shanghai")
    expect(reply.locator(".chip")).to_contain_text("2025-11-05")


def test_citation_chip_opens_the_document_with_the_passage_highlighted(page: Page) -> None:
    ask(page, "How many exhibitors?")
    page.locator(".message-bot .chip").last.click()
    dialog = page.locator("#source-dialog")
    expect(dialog).to_be_visible()
    expect(dialog.locator("#source-title")).to_have_text("CIIE opens in Shanghai")
    expect(dialog.locator(".passage-mark")).to_have_text(EN_SENTENCE)
    expect(dialog.locator(".passage-mark .answer-mark")).to_have_text("4,108 exhibitors")
    expect(dialog.locator(".source-text")).to_contain_text("opened in Shanghai on November 5")
    page.click("#source-close")
    expect(dialog).to_be_hidden()


def test_follow_up_sends_earlier_questions_as_history(page: Page, engine: FakeEngine) -> None:
    ask(page, "How many exhibitors?")
    with page.expect_request("**/v1/ask") as request_info:
        ask(page, "And the visitors?")
    assert request_info.value.post_data_json == {
        "question": "And the visitors?",
        "history": ["How many exhibitors?"],
    }
    reply = page.locator(".message-bot").last
    expect(reply.locator(".resolved")).to_contain_text("How many exhibitors? And the visitors?")
    expect(reply.locator(".answer")).to_have_text("over 800,000")
    assert engine.calls[-1].history == ("How many exhibitors?",)


def test_new_chat_forgets_the_history(page: Page) -> None:
    ask(page, "How many exhibitors?")
    page.click("#new-chat")
    with page.expect_request("**/v1/ask") as request_info:
        ask(page, "And the visitors?")
    assert request_info.value.post_data_json == {"question": "And the visitors?", "history": []}


@pytest.mark.parametrize(
    ("question", "message"),
    [
        ("Who won the football match?", "The articles do not say."),
        ("谁赢了比赛？", "文章中没有相关信息。"),
    ],
)
def test_abstention_says_the_articles_do_not_say(page: Page, question: str, message: str) -> None:
    ask(page, question)
    expect(page.locator(".message-bot").last.locator(".abstain-title")).to_have_text(message)


def test_server_rejection_shows_the_server_message(page: Page) -> None:
    ask(page, "x" * 201)
    error = page.locator(".message-bot").last.locator(".card-error")
    expect(error).to_contain_text("shorten it to at most 200")


def test_network_failure_shows_a_clear_message(page: Page) -> None:
    page.route("**/v1/ask", lambda route: route.abort())
    ask(page, "How many exhibitors?")
    error = page.locator(".message-bot").last.locator(".card-error")
    expect(error).to_contain_text("Could not reach the service")


def test_html_in_articles_shows_as_text(page: Page, problems: PageProblems) -> None:
    ask(page, "How big was the pavilion?")
    reply = page.locator(".message-bot").last
    expect(reply.locator(".sentence")).to_contain_text('<img src=x onerror="window.__pwned = 1">')
    expect(reply.locator(".chip")).to_contain_text("<img src=x onerror=alert(1)>")
    reply.locator(".chip").click()
    expect(page.locator("#source-title")).to_have_text("<img src=x onerror=alert(1)>")
    expect(page.locator(".source-text")).to_contain_text("<script>window.__pwned = 1</script>")
    assert page.locator("main img, main script, dialog img, dialog script").count() == 0
    assert page.evaluate("window.__pwned") is None
    assert problems.dialogs == []


def test_page_runs_without_console_errors_or_csp_violations(
    page: Page, problems: PageProblems
) -> None:
    ask(page, "How many exhibitors?")
    page.locator(".message-bot .chip").last.click()
    expect(page.locator(".passage-mark")).to_be_visible()
    assert problems.console_errors == []


def test_screenshot_of_a_conversation(page: Page) -> None:
    ask(page, "Who won the football match?")
    ask(page, "How many exhibitors took part?")
    ask(page, "And the visitors?")
    ask(page, "有多少家境外企业参展？")
    SCREENSHOT.parent.mkdir(exist_ok=True)
    page.wait_for_timeout(400)  # let the smooth scroll to the last answer finish
    page.screenshot(path=str(SCREENSHOT))
    page.locator(".message-bot .chip").first.click()
    expect(page.locator(".passage-mark")).to_be_visible()
    page.screenshot(path=str(SCREENSHOT.with_name("web-page-source.png")))
    assert SCREENSHOT.stat().st_size > 10_000
