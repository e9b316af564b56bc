"""The pages as a person sees them: the system's Chromium (Debian's ``chromium``; ``.ci/run`` installs it)
driven by Playwright (the ``browser`` extra). Where either is missing, a browser test is skipped with the
reason, unless ``SPEC_REQUIRE_BROWSER=1`` (as in CI) makes that a failure (``dev.py check`` lifts it where
playwright has no wheels: PyPy, free-threaded 3.13). Screenshots are kept as artefacts (``.artifacts/``,
or ``$SPEC_ARTIFACTS``)."""

import contextlib
import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = Path(os.environ.get("SPEC_ARTIFACTS") or ROOT / ".artifacts")
BROWSER_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
LAPTOP = {"width": 1366, "height": 768}  # the most common laptop screen
#: The fonts the stylesheet names for Chinese (one of them draws it where any is installed).
CJK_FONTS = ("WenQuanYi Micro Hei", "WenQuanYi Micro Hei Mono", "Noto Sans CJK SC", "Noto Sans Mono CJK SC")


def unavailable(reason):
    if os.environ.get("SPEC_REQUIRE_BROWSER") == "1":
        pytest.fail(f"{reason}, and SPEC_REQUIRE_BROWSER=1")
    pytest.skip(reason)


def chromium():
    for name in ("chromium", "chromium-browser", "chromium-headless-shell", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    unavailable("no Chromium on this machine (apt install chromium)")


def playwright_sync_api():
    try:
        from playwright import sync_api
    except ImportError:
        unavailable("playwright is not installed (pip install -e '.[browser]')")
    return sync_api


@contextlib.contextmanager
def launched():
    """A headless Chromium, closed at the end."""
    sync_api = playwright_sync_api()
    executable = chromium()
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=BROWSER_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def screenshot(tab, name, **options):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    tab.screenshot(path=str(ARTIFACTS / name), **options)


def fonts_of(tab, selector):
    """{font family: glyphs drawn} for the text of the first element ``selector`` finds, as Chromium
    rendered it (the fonts really used, not the CSS list)."""
    session = tab.context.new_cdp_session(tab)
    session.send("DOM.enable")
    session.send("CSS.enable")
    root = session.send("DOM.getDocument")["root"]["nodeId"]
    node = session.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
    fonts = session.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
    return {font["familyName"]: font["glyphCount"] for font in fonts}
