"""The document: the tutorial, in its own words, split into sections and statements.

``spec/document/week08.txt`` is the tutorial as it was given to this project (a wiki page copied as
plain text: its bytes are kept as they are, the wiki's header and footer included). Claims quote it
(``quote`` in ``spec/claims/*.toml``; ``Document.locate`` finds a quote), and ``concurrency-spec
coverage`` counts the statements their quotes reach (``concurrency_spec/coverage.py``). The copy lost
the page's markup, so the parser reads the structure back from the text, block by block (a block is a
run of non-blank lines):

- **Sections.** A line ``N. title`` at the start of a line opens section §N, ``N.M title`` its
  subsection §N.M; the numbers must follow one another. What precedes §1 (the page's header, the
  document's title and its aim) is §0. Each item of a numbered list (``  1. GIL 对多线程有什么影响?``) is
  a section of its own: §9's five questions are §9.1–§9.5, as in the catalogue. Headings are the
  sections' titles, not statements: claims may quote them (``(Python 3.11+)``), coverage does not
  count them.
- **Statements**, of these kinds:

  ``paragraph``  a block of one line that is not code (a sentence, a question, a caption);
  ``item``       an item of a list (``  • ...`` or ``  1. ...``), without its marker;
  ``header``     the first line of a table (a block of several lines that is neither code nor diagram);
  ``row``        each further line of a table;
  ``diagram``    a block drawn with box-drawing characters or arrows (``Task A: ─────►``), whole;
  ``code``       a program: a run of code blocks with only blank lines between them, whole. A block is
                 code when its first line is indented or starts like Python (``import``, ``def``,
                 ``#``, ``name = ``, ``name(``...); prose never does;
  ``comment``    each line of a program that carries a comment (``print(counter)  # 500000 (正确)``),
                 from its first non-blank character: the document's own words about its code.

  A comment line lies inside its program, so a quote of it covers both.

**Anchors.** Every statement has an anchor ``§N.M/kind-hhhhhh``: its section, its kind, and the first six
hex digits of the SHA-256 of its text with whitespace runs collapsed to one space. A statement whose
text, kind and section repeat an earlier one's gets ``-2``, ``-3``... So an anchor changes only when the
statement itself changes (its words, its kind, its section number), never when text around it is
added, removed or edited, nor when it is re-indented; position would change with every insertion
before it. (The one exception: a copy of a statement inserted before it in its section, which takes
its anchor and moves it to ``-2``.)
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Dict, Iterator, List, Optional, Tuple

from concurrency_spec import spec_dir

DOCUMENT_DIR = spec_dir() / "document"
DOCUMENT_FILE = DOCUMENT_DIR / "week08.txt"
FRONT = "§0"

KINDS = ("paragraph", "item", "header", "row", "diagram", "code", "comment")

_SECTION = re.compile(r"(\d+)\. (\S.*)")
_SUBSECTION = re.compile(r"(\d+)\.(\d+) (\S.*)")
_BULLET = re.compile(r"\s+• (\S.*)")
_NUMBERED = re.compile(r"\s+(\d+)\. (\S.*)")
_CODE_START = re.compile(
    r"\s|#|@|(async\s+)?(def|class|import|from|with|for|if|while|try|return|await|raise)\b"
    r"|[A-Za-z_][A-Za-z0-9_.]*(\[[^\]]*\])?\s*(=|\(|\+=)"
)
_DRAWING = re.compile(r"[\u2190-\u21ff\u2500-\u257f\u25a0-\u25ff]")  # arrows, box drawing, shapes


@dataclass(frozen=True)
class Span:
    """Characters ``start`` up to ``end`` of the document's text."""

    start: int
    end: int

    def holds(self, start: int, end: int) -> bool:
        return self.start <= start and end <= self.end


@dataclass(frozen=True)
class Statement:
    anchor: str
    section: str
    kind: str
    text: str
    span: Span
    line: int  # 1-based, the statement's first line


@dataclass(frozen=True)
class Section:
    number: str  # "§5.7"; "§0" for what precedes §1
    title: str  # as the document writes it ("" for §0)
    heading: Optional[Span]  # its heading line ("5.9 asyncio.TaskGroup (Python 3.11+)"); None for §0, §9.N
    span: Span  # the whole section, its subsections included


@dataclass(frozen=True)
class Document:
    text: str
    sections: Tuple[Section, ...]
    statements: Tuple[Statement, ...]

    def section(self, number: str) -> Section:
        for section in self.sections:
            if section.number == number:
                return section
        raise KeyError(f"the document has no section {number}")

    def statement(self, anchor: str) -> Statement:
        for statement in self.statements:
            if statement.anchor == anchor:
                return statement
        raise KeyError(f"the document has no statement {anchor}")

    def occurrences(self, quote: str, within: Optional[Span] = None) -> List[int]:
        """Where ``quote`` starts in the text (inside ``within`` only, when given)."""
        span = within or Span(0, len(self.text))
        found, at = [], self.text.find(quote, span.start)
        while at != -1 and at + len(quote) <= span.end:
            found.append(at)
            at = self.text.find(quote, at + 1)
        return found

    def locate(self, quote: str, section: str) -> Tuple[int, str]:
        """Where ``quote`` starts: looked for in ``section`` (its subsections included) and, when it is not
        there, in the whole document, it occurs there exactly once, within a statement or a heading.
        Otherwise -1 and what is wrong."""
        own = next((s.span for s in self.sections if s.number == section), None)
        here = self.occurrences(quote, own) if own else []
        where, found = (section, here) if here else ("the document", self.occurrences(quote))
        if not found:
            return -1, f"quote {quote!r} is not in the document"
        if len(found) > 1:
            return -1, f"quote {quote!r} occurs {len(found)} times in {where}: quote more of it"
        start, end = found[0], found[0] + len(quote)
        if not self.statements_holding(start, end) and not self.heading_holding(start, end):
            return -1, f"quote {quote!r} falls within no statement and no heading: quote less"
        return start, ""

    def statements_holding(self, start: int, end: int) -> List[Statement]:
        return [s for s in self.statements if s.span.holds(start, end)]

    def heading_holding(self, start: int, end: int) -> Optional[Section]:
        return next((s for s in self.sections if s.heading and s.heading.holds(start, end)), None)


# ------------------------------------------------------------------------------------------- lines


@dataclass(frozen=True)
class _Line:
    number: int  # 1-based
    start: int  # offset of its first character in the text
    text: str  # without its line break

    @property
    def blank(self) -> bool:
        return not self.text.strip()

    def span(self, skip: int = 0) -> Span:
        """The line's characters from ``skip``, leading and trailing blanks left out."""
        body = self.text[skip:]
        lead = len(body) - len(body.lstrip())
        return Span(self.start + skip + lead, self.start + len(self.text.rstrip()))


def _lines(text: str) -> List[_Line]:
    lines, offset = [], 0
    for number, raw in enumerate(text.splitlines(keepends=True), start=1):
        lines.append(_Line(number, offset, raw.rstrip("\r\n")))
        offset += len(raw)
    return lines


def _blocks(lines: List[_Line]) -> Iterator[List[_Line]]:
    """Runs of non-blank lines."""
    block: List[_Line] = []
    for line in lines:
        if line.blank:
            if block:
                yield block
            block = []
        else:
            block.append(line)
    if block:
        yield block


def comment_at(line: str) -> int:
    """Where the comment of a line of Python starts (a ``#`` outside any string), or -1."""
    quote = ""
    escaped = False
    for index, char in enumerate(line):
        if quote:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == quote:
                quote = ""
        elif char in "\"'":
            quote = char
        elif char == "#":
            return index
    return -1


# ------------------------------------------------------------------------------------------ parser


class _Parser:
    """Reads the blocks in order, keeping the current section and what has been found so far."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.opened: List[Tuple[str, str, Optional[Span], int]] = [(FRONT, "", None, 0)]
        self.major = 0
        self.minor = 0
        self.list_parent: Optional[str] = None  # the section a numbered list's items belong to
        self.found: List[Tuple[str, str, Span, int]] = []  # section, kind, span, line
        self.program: List[_Line] = []  # the code lines of the program being read

    @property
    def current(self) -> str:
        return self.opened[-1][0]

    def parse(self) -> Document:
        for block in _blocks(_lines(self.text)):
            self.read_block(block)
        self.end_program()
        return Document(self.text, self.sections(), self.statements())

    def read_block(self, block: List[_Line]) -> None:
        if len(block) == 1 and self.read_heading(block[0]):
            return
        rest: List[_Line] = []
        for line in block:
            if self.read_item(line):
                self.read_plain(rest)
                rest = []
            else:
                rest.append(line)
        self.read_plain(rest)

    def read_heading(self, line: _Line) -> bool:
        section, subsection = _SECTION.fullmatch(line.text), _SUBSECTION.fullmatch(line.text)
        if section and int(section.group(1)) == self.major + 1:
            self.major, self.minor = self.major + 1, 0
            self.open(f"§{self.major}", section.group(2), line)
            return True
        if (
            subsection
            and int(subsection.group(1)) == self.major
            and int(subsection.group(2)) == self.minor + 1
        ):
            self.minor += 1
            number = f"§{self.major}.{self.minor}"
            self.open(number, subsection.group(3), line)
            return True
        if section or subsection:
            raise ValueError(f"line {line.number}: heading {line.text!r} out of sequence")
        return False

    def open(self, number: str, title: str, line: _Line) -> None:
        self.end_program()
        self.list_parent = None
        self.opened.append((number, title, line.span(), line.start))

    def read_item(self, line: _Line) -> bool:
        bullet, numbered = _BULLET.fullmatch(line.text), _NUMBERED.fullmatch(line.text)
        if not (bullet or numbered):
            return False
        self.end_program()
        match = bullet or numbered
        assert match is not None and match.lastindex is not None
        body = match.group(match.lastindex)  # the item's text, without its marker
        if numbered:
            parent = self.list_parent or self.current
            self.list_parent = parent
            self.opened.append((f"{parent}.{numbered.group(1)}", body, None, line.start))
        self.add("item", line.span(len(line.text) - len(body)), line)
        return True

    def read_plain(self, lines: List[_Line]) -> None:
        if not lines:
            return
        if self.list_parent is not None:  # the numbered list has ended: back to its section
            parent = self.list_parent
            self.list_parent = None
            self.opened.append((parent, self.section_title(parent), None, lines[0].start))
        if _CODE_START.match(lines[0].text):
            self.program.extend(lines)
            return
        self.end_program()
        if any(_DRAWING.search(line.text) for line in lines):
            self.add("diagram", Span(lines[0].span().start, lines[-1].span().end), lines[0])
        elif len(lines) == 1:
            self.add("paragraph", lines[0].span(), lines[0])
        else:
            self.add("header", lines[0].span(), lines[0])
            for line in lines[1:]:
                self.add("row", line.span(), line)

    def end_program(self) -> None:
        if not self.program:
            return
        lines, self.program = self.program, []
        self.add("code", Span(lines[0].span().start, lines[-1].span().end), lines[0])
        for line in lines:
            if comment_at(line.text) != -1:
                self.add("comment", line.span(), line)

    def add(self, kind: str, span: Span, line: _Line) -> None:
        self.found.append((self.current, kind, span, line.number))

    def section_title(self, number: str) -> str:
        return next(title for opened, title, _, _ in self.opened if opened == number)

    def sections(self) -> Tuple[Section, ...]:
        """One Section per number, from where it opens up to the next section that is not inside it."""
        heads: Dict[str, Tuple[str, Optional[Span], int]] = {}
        ends: Dict[str, int] = {}
        for index, (number, title, heading, start) in enumerate(self.opened):
            heads.setdefault(number, (title, heading, start))
            later = (entry[3] for entry in self.opened[index + 1 :] if not _inside(entry[0], number))
            ends[number] = next(later, len(self.text))
        return tuple(
            Section(n, title, heading, Span(start, ends[n])) for n, (title, heading, start) in heads.items()
        )

    def statements(self) -> Tuple[Statement, ...]:
        seen: Dict[Tuple[str, str, str], int] = {}
        result = []
        for section, kind, span, line in self.found:
            text = self.text[span.start : span.end]
            digest = hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()[:6]
            key = (section, kind, digest)
            seen[key] = seen.get(key, 0) + 1
            repeat = f"-{seen[key]}" if seen[key] > 1 else ""
            result.append(Statement(f"{section}/{kind}-{digest}{repeat}", section, kind, text, span, line))
        return tuple(result)


def _inside(number: str, section: str) -> bool:
    """Whether section ``number`` is ``section`` or one of its subsections."""
    return number == section or number.startswith(section + ".")


def parse(text: str) -> Document:
    """Split a document into its sections and statements (see the module's docstring)."""
    return _Parser(text).parse()


@cache
def load(path: Path = DOCUMENT_FILE) -> Document:
    """The document the claims quote, parsed."""
    return parse(path.read_text(encoding="utf-8"))
