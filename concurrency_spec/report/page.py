"""The one look of the pages people read: every page is its body template (``templates/NAME.html``)
set into ``templates/base.html``, with ``templates/style.css`` inline, so that each page is one
self-contained file (no stylesheet, font or script fetched)."""

from __future__ import annotations

import html
import re
from string import Template
from typing import Any

from concurrency_spec import PACKAGE_DIR

TEMPLATES = PACKAGE_DIR / "templates"


def escape(text: Any) -> str:
    return html.escape(str(text), quote=True)


def with_code(text: str) -> str:
    """``text`` escaped, its backticked parts shown as code (`pyenv install 3.14` -> <code>)."""
    return re.sub(r"`([^`]+)`", r"<code>\1</code>", escape(text))


def breakable(text: str) -> str:
    """``text`` escaped, with a line-break opportunity after each ``_``, ``/`` and ``.`` (for long test
    names and paths in narrow columns)."""
    return re.sub(r"([_/.])", r"\1<wbr>", escape(text))


def render(page: str, title: str, **values: str) -> str:
    """The page ``page`` (``report``, ``document``): its body template filled with ``values`` and the
    title (``$title``)."""
    body = Template((TEMPLATES / f"{page}.html").read_text(encoding="utf-8")).substitute(
        values, title=escape(title)
    )
    return Template((TEMPLATES / "base.html").read_text(encoding="utf-8")).substitute(
        title=escape(title),
        style=(TEMPLATES / "style.css").read_text(encoding="utf-8").rstrip(),
        page=page,
        body=body.rstrip(),
    )
