"""The pages as a person sees them: the system's Chromium (Debian's ``chromium``; ``.ci/run`` installs it)
driven by Playwright. Where there is none, a browser test is skipped with the reason, unless
``SPEC_REQUIRE_BROWSER=1`` (as in CI) makes that a failure. Screenshots are kept as artefacts
(``.artifacts/``, or ``$SPEC_ARTIFACTS``)."""

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


def chromium():
    for name in ("chromium", "chromium-browser", "chromium-headless-shell", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    reason = "no Chromium on this machine (apt install chromium)"
    if os.environ.get("SPEC_REQUIRE_BROWSER") == "1":
        pytest.fail(reason)
    pytest.skip(reason)


@contextlib.contextmanager
def launched():
    """A headless Chromium, closed at the end."""
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
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
