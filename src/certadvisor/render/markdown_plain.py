"""`report`'s markdown drawn without colour, fast: byte for byte what rich.markdown draws.

Piped or without colour, Rich's Markdown costs about 180 ms: importing markdown-it and
rich.markdown, parsing, and laying out every cell through segments. The markdown `report` writes
is a small, regular subset (headings, one-line paragraphs, `-` and numbered lists with a nested
level, pipe tables, a few inline marks), and with no styles on screen each block is its plain
text wrapped by Rich's own `Text.wrap`. Anything outside that subset (or anything this module is
not sure it reads exactly as markdown-it does) makes `plain_lines` answer None, and the whole
document is left to Rich.
"""

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING

try:  # a private module of Rich: if a release moves it, Rich draws the report itself
    from rich._wrap import divide_line
except ImportError:  # pragma: no cover - not with the Rich pinned in pyproject.toml
    divide_line = None  # type: ignore[assignment]
from rich.cells import cell_len, set_cell_size

from certadvisor.render.columns import Col, fit_widths, not_shown_note

if TYPE_CHECKING:
    from collections.abc import Iterator

    from rich.console import Console, ConsoleOptions, RenderableType
    from rich.segment import Segment

_WORD_CAP = 16  # as render/markdown_fit.py
_SPECIAL = re.compile(r"[\\`<&*_]")  # what _inline reads as more than itself
_WORD = re.compile(r"\s*\S+\s*")  # as rich._wrap
_TRAILING_SPACE = re.compile(r"\s+$")  # as rich.text
_ASCII_PUNCT = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
_HEADING = re.compile(r"(#{1,6}) (.*)")
_ORDERED = re.compile(r"(\d{1,9})\. (.*)")
_AUTOLINK = re.compile(r"<(https?://[A-Za-z0-9\-._~:/?#\[\]@!$&'()+,;=*]*)>")
_ENTITY = re.compile(r"&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]*);")
_DELIMITER = re.compile(r"^ {0,3}\|?\s*(-+\s*\|\s*)*-+\s*\|?\s*$")
# a paragraph or list item starting with one of these may be another block in markdown
_BLOCK_START = re.compile(r"[#>+=_|<~\-]|\*( |$)|\* *\* *\*|`{3}|\d{1,9}[.)]( |$)|\[[^\]]*\]:")


class Unknown(Exception):
    """The markdown holds something this module does not reproduce exactly."""


class _Item:
    """A list item: its text and the items nested under it."""

    __slots__ = ("text", "children")

    def __init__(self, text: str) -> None:
        self.text = text
        self.children: list[_Item] = []


class _Block:
    """A block of the document (a plain class: dataclasses cost an import-time exec)."""

    __slots__ = ("kind", "text", "items", "start", "rows")

    def __init__(self, kind: str, text: str = "", rows: list[list[str]] | None = None) -> None:
        self.kind = kind  # "h1".."h6", "p", "quote", "ul", "ol", "table"
        self.text = text
        self.items: list[_Item] = []
        self.start = 1
        self.rows = rows or []


def plain_lines(text: str, width: int, ranks: Mapping[str, int] | None = None) -> list[str] | None:
    """The lines rich.markdown (with `fitted_markdown`'s tables) draws for `text` at `width`
    when nothing is styled, or None when the text holds anything not reproduced here."""
    if divide_line is None:
        return None
    try:
        blocks = _blocks(text)
        out: list[str] = []
        for i, block in enumerate(blocks):
            if i:
                out.append("")
            out.extend(_draw(block, width, dict(ranks or {})))
        return out
    except Unknown:
        return None


def plain_text(text: str, width: int, ranks: Mapping[str, int] | None = None) -> str | None:
    """`plain_lines` as the text a console prints, each line ended."""
    lines = plain_lines(text, width, ranks)
    return None if lines is None else "".join(line + "\n" for line in lines)


# ---- blocks ----------------------------------------------------------------------------------


def _blocks(text: str) -> list[_Block]:
    if "\r" in text or "\0" in text:
        raise Unknown
    lines = text.split("\n")
    blocks: list[_Block] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if not line:
            i += 1
            continue
        if not line.isprintable() or line != line.strip():
            raise Unknown
        heading = _HEADING.fullmatch(line)
        if heading:
            content = heading[2].strip()
            if not content or re.search(r"(^| )#+$", content):
                raise Unknown
            blocks.append(_Block(f"h{len(heading[1])}", _inline(content)))
            i = _after_block(lines, i + 1)
        elif line.startswith("> "):
            _paragraph_safe(line[2:])
            blocks.append(_Block("quote", _inline(line[2:])))
            i = _after_block(lines, i + 1)
        elif line.startswith("|"):
            i = _table(lines, i, blocks)
        elif line.startswith("- "):
            i = _list(lines, i, blocks, "ul")
        elif _ORDERED.fullmatch(line):
            i = _list(lines, i, blocks, "ol")
        else:
            _paragraph_safe(line)
            blocks.append(_Block("p", _inline(line)))
            i = _after_block(lines, i + 1)
    # Rich starts a document with a blank line when it opens with a table, list or quote
    if not blocks or not (blocks[0].kind == "p" or blocks[0].kind.startswith("h")):
        raise Unknown
    return blocks


def _after_block(lines: list[str], i: int) -> int:
    """A block of one line must be followed by a blank line (or the end)."""
    if i < len(lines) and lines[i]:
        raise Unknown
    return i


def _paragraph_safe(text: str) -> None:
    if not text or text.startswith(" "):
        raise Unknown
    # an address in <> is no HTML block: a tag's name holds no colon
    if _BLOCK_START.match(text) and not _AUTOLINK.match(text):
        raise Unknown


def _list(lines: list[str], i: int, blocks: list[_Block], kind: str) -> int:
    """A `-` or numbered list: one line an item, items two spaces in (under `-`) nested; a blank
    line between items of the same kind continues the list (markdown-it makes it loose, which
    Rich draws the same)."""
    block = _Block(kind)
    while i < len(lines):
        line = lines[i]
        if not line:
            j = i
            while j < len(lines) and not lines[j]:
                j += 1
            if j < len(lines) and _item_text(lines[j], kind, block) is not None:
                i = j
                continue
            if j < len(lines) and lines[j].startswith(" "):
                raise Unknown
            break
        if not line.isprintable():
            raise Unknown
        own = _item_text(line, kind, block)
        if own is not None:
            block.items.append(_Item(_inline(own)))
        elif kind == "ul" and line.startswith("  - ") and block.items:
            child = line[4:]
            if child != child.strip():
                raise Unknown
            _paragraph_safe(child)
            block.items[-1].children.append(_Item(_inline(child)))
        else:
            raise Unknown
        i += 1
    blocks.append(block)
    return i


def _item_text(line: str, kind: str, block: _Block) -> str | None:
    if kind == "ul":
        if not line.startswith("- "):
            return None
        own = line[2:]
    else:
        number = _ORDERED.fullmatch(line)
        if number is None:
            return None
        if not block.items:
            block.start = int(number[1])
        own = number[2]
    if own != own.strip():
        raise Unknown
    _paragraph_safe(own if not own.startswith("[") else own.replace("[", "x", 1))
    return own


def _table(lines: list[str], i: int, blocks: list[_Block]) -> int:
    if i + 1 >= len(lines) or not _DELIMITER.fullmatch(lines[i + 1]):
        raise Unknown
    header = _cells(lines[i])
    if len(_cells(lines[i + 1])) != len(header) or not header:
        raise Unknown
    if any(c.strip() != "---" for c in _cells(lines[i + 1])):
        raise Unknown
    rows = [header]
    i += 2
    while i < len(lines) and lines[i]:
        line = lines[i]
        if not line.startswith("|") or not line.endswith("|") or not line.isprintable():
            raise Unknown
        cells = _cells(line)[: len(header)]
        rows.append(cells + [""] * (len(header) - len(cells)))
        i += 1
    if len(rows) < 2:
        raise Unknown
    blocks.append(_Block("table", rows=[[_inline(c) for c in row] for row in rows]))
    return i


def _cells(line: str) -> list[str]:
    """markdown-it's split of a table row: `\\|` is a pipe inside a cell."""
    if not line.startswith("|") or not line.endswith("|") or len(line) < 2:
        raise Unknown
    result: list[str] = []
    current = ""
    last = 0
    escaped = False
    for pos, ch in enumerate(line):
        if ch == "|":
            if not escaped:
                result.append(current + line[last:pos])
                current = ""
                last = pos + 1
            else:
                current += line[last : pos - 1]
                last = pos
        escaped = ch == "\\"
    result.append(current + line[last:])
    if result and result[0] == "":
        result.pop(0)
    if result and result[-1] == "":
        result.pop()
    return [c.strip(" ") for c in result]


# ---- inline ----------------------------------------------------------------------------------


def _inline(src: str) -> str:
    """The text markdown-it shows for one line of inline markdown, emphasis marks dropped."""
    if "~~" in src or "](" in src or "\\\n" in src:
        raise Unknown
    out: list[str] = []
    stack: list[int] = []
    i = 0
    n = len(src)
    while i < n:
        # plain text up to the next character that may be markup, copied whole
        special = _SPECIAL.search(src, i)
        if special is None:
            out.append(src[i:])
            break
        if special.start() > i:
            out.append(src[i : special.start()])
            i = special.start()
        ch = src[i]
        if ch == "\\":
            if i + 1 < n and src[i + 1] in _ASCII_PUNCT:
                out.append(src[i + 1])
                i += 2
            else:
                out.append(ch)
                i += 1
        elif ch == "`":
            end = src.find("`", i + 1)
            if src.startswith("``", i) or end < 0 or src.startswith("``", end):
                raise Unknown
            code = src[i + 1 : end]
            if not code or code[0] == " " or code[-1] == " ":
                raise Unknown
            out.append(code)
            i = end + 1
        elif ch == "<":
            link = _AUTOLINK.match(src, i)
            if link is None:
                raise Unknown
            out.append(link[1])
            i = link.end()
        elif ch == "&":
            if _ENTITY.match(src, i):
                raise Unknown
            out.append(ch)
            i += 1
        elif ch == "*":
            run = 2 if src.startswith("**", i) else 1
            if src.startswith("***", i):
                raise Unknown
            before = src[i - 1] if i else None
            after = src[i + run] if i + run < n else None
            if run == 1 and before and after and before.isalnum() and after.isalnum():
                # inside a word (O*NET): literal unless an opener below or a closer after
                # could take it, which CommonMark decides by rules not reproduced here
                if 0 in stack or 1 in stack:
                    raise Unknown
                stack.append(0)
                out.append(ch)
            elif _closes(before, after) and stack:
                if stack.pop() != run:
                    raise Unknown
            elif _opens(before, after):
                stack.append(run)
            else:
                raise Unknown
            i += run
        elif ch == "_":
            before = src[i - 1] if i else ""
            after = src[i + 1] if i + 1 < n else ""
            if not (before.isalnum() and after.isalnum()):
                raise Unknown
            out.append(ch)
            i += 1
        else:
            out.append(ch)
            i += 1
    if any(stack):
        raise Unknown
    return "".join(out)


def _opens(before: str | None, after: str | None) -> bool:
    """Left-flanking and not right-flanking (CommonMark), for the cases decided plainly."""
    if after is None or after == " ":
        return False
    if before is None or before == " ":
        return True
    return before in _ASCII_PUNCT and after.isalnum()


def _closes(before: str | None, after: str | None) -> bool:
    """Right-flanking and not left-flanking (CommonMark), for the cases decided plainly."""
    if before is None or before == " ":
        return False
    if after is None or after == " ":
        return True
    return before.isalnum() and after in _ASCII_PUNCT


# ---- drawing ---------------------------------------------------------------------------------


def _wrap(text: str, width: int, justify: str) -> list[str]:
    """Rich's Text.wrap of one unstyled line (fold overflow), without building Text objects:
    divide the line, strip whitespace past the width, then pad ("left"), centre ("center") or
    only fold (a table cell's "default")."""
    if justify != "center" and text.isascii() and len(text) <= width:
        return [text + " " * (width - len(text))] if justify == "left" else [text]
    breaks = _divide_ascii(text, width) if text.isascii() else None
    ends = [*(divide_line(text, width, fold=True) if breaks is None else breaks), len(text)]
    out = []
    for start, end in zip([0, *ends[:-1]], ends, strict=True):
        piece = text[start:end]
        if len(piece) > width:
            space = _TRAILING_SPACE.search(piece)
            if space:
                piece = piece[: len(piece) - min(len(space.group()), len(piece) - width)]
        if justify == "center":
            piece = piece.rstrip()
        cells = len(piece) if piece.isascii() else cell_len(piece)
        if cells > width:
            piece = set_cell_size(piece, width)
        elif justify == "center":
            piece = " " * ((width - cells) // 2) + piece
            piece += " " * (width - cell_len(piece))
        elif cells < width and justify == "left":
            piece += " " * (width - cells)
        out.append(piece)
    return out


def _divide_ascii(text: str, width: int) -> list[int] | None:
    """rich._wrap.divide_line for printable ASCII (a character is a cell), or None when a
    word must be folded (left to Rich's)."""
    breaks: list[int] = []
    offset = 0
    for word in _WORD.finditer(text):
        whole = word.group()
        length = len(whole.rstrip())
        if width - offset >= length:
            offset += len(whole)
        elif length > width:
            return None
        elif offset and word.start():
            breaks.append(word.start())
            offset = len(whole)
    return breaks


def _pad(line: str, width: int) -> str:
    return line + " " * (width - (len(line) if line.isascii() else cell_len(line)))


def _draw(block: _Block, width: int, ranks: dict[str, int]) -> list[str]:
    if block.kind == "h1":
        return _wrap(block.text, width, "center")
    if block.kind.startswith("h") or block.kind == "p":
        return _wrap(block.text, width, "left")
    if block.kind == "quote":
        if width < 5:
            raise Unknown
        return ["▌ " + line for line in _wrap(block.text, width - 4, "left")]
    if block.kind in ("ul", "ol"):
        return _list_lines(block.items, width, block.kind, block.start)
    return _table_lines(block.rows, width, ranks)


def _list_lines(items: list[_Item], width: int, kind: str, start: int) -> list[str]:
    if kind == "ul":
        inner = width - 3
        marks = [(" • ", "   ")] * len(items)
    else:
        number_width = len(str(start + len(items))) + 2
        inner = width - number_width
        marks = [
            (f"{start + n}".rjust(number_width - 1) + " ", " " * number_width)
            for n in range(len(items))
        ]
    if inner < 1:
        raise Unknown
    out: list[str] = []
    for item, (first, rest) in zip(items, marks, strict=True):
        lines = [_pad(line, inner) for line in _wrap(item.text, inner, "left")]
        if item.children:
            lines += _list_lines(item.children, inner, "ul", 1)
        out.extend((first if n == 0 else rest) + line for n, line in enumerate(lines))
    return out


def _table_lines(rows: list[list[str]], width: int, ranks: dict[str, int]) -> list[str]:
    """fitted_markdown's table: columns kept by rank, fitted to the width, SIMPLE box without
    edge padding, then the note naming the columns left out."""
    heads, body = rows[0], rows[1:]
    cols = [
        Col(h, min((max((len(w) for r in body for w in r[i].split()), default=1)), _WORD_CAP), 1)
        for i, h in enumerate(heads)
    ]
    priority = sorted(range(len(cols)), key=lambda i: (ranks.get(cols[i].header, 99), i))
    widths = fit_widths(width, cols, priority, body)
    shown = sorted(widths)
    pads = [0 if n == len(shown) - 1 else 1 for n in range(len(shown))]
    inner = [widths[i] for i in shown]
    total = sum(inner) + sum(pads) + len(shown) + 1
    if total > width or any(w < 1 for w in inner):
        raise Unknown

    def row_lines(row: list[str], justify: str) -> list[str]:
        # Rich aligns header cells to the bottom, body cells to the top
        cells = [
            [_pad(line, w) + " " * p for line in _wrap(row[i], w, justify)]
            for i, w, p in zip(shown, inner, pads, strict=True)
        ]
        height = max(len(c) for c in cells)
        blanks = [" " * (w + p) for w, p in zip(inner, pads, strict=True)]
        if justify == "left":
            cells = [[b] * (height - len(c)) + c for c, b in zip(cells, blanks, strict=True)]
        return [
            " "
            + " ".join(c[n] if n < len(c) else b for c, b in zip(cells, blanks, strict=True))
            + " "
            for n in range(height)
        ]

    edge = " " * total
    out = [edge, *row_lines(heads, "left"), " " + "─" * (total - 2) + " "]
    for row in body:
        out.extend(row_lines(row, "default"))
    out.append(edge)
    dropped = [c.header for i, c in enumerate(cols) if i not in widths]
    if dropped:
        out.extend(_wrap(not_shown_note(width, dropped), width, "default"))
    return out


class PlainFirstMarkdown:
    """`fitted_markdown(text, ranks)` as a renderable, drawn by `plain_lines` when nothing is
    styled (no colour system, a plain console) and by Rich otherwise, or when in doubt."""

    def __init__(self, text: str, ranks: Mapping[str, int] | None = None) -> None:
        self.text = text
        self.ranks = ranks

    def __rich_console__(
        self, console: "Console", options: "ConsoleOptions"
    ) -> "Iterator[Segment | RenderableType]":
        lines = (
            plain_lines(self.text, options.max_width, self.ranks)
            if _plain_console(console, options)
            else None
        )
        if lines is None:
            from certadvisor.render.markdown_fit import fitted_markdown

            yield fitted_markdown(self.text, self.ranks)
            return
        from rich.segment import Segment

        new_line = Segment.line()
        for line in lines:
            yield Segment(line)
            yield new_line


def _plain_console(console: "Console", options: "ConsoleOptions") -> bool:
    return (
        console.color_system is None
        and not console.legacy_windows
        and not options.ascii_only
        and not options.no_wrap
        and options.justify is None
        and options.overflow is None
        and options.max_width >= 20
    )
