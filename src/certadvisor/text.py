"""Text from inputs made safe to show: control and escape characters shown escaped, never run.

A name, a catalog field or an imported note can carry terminal escape sequences (``ESC ]0;``
retitles the window, ``ESC [2J`` clears the screen) or bidi overrides that reorder what a
reader sees. Every writer of text for a terminal or a file passes it through `safe` or
`safe_line`; validation uses `control_char` to refuse the same characters at the input.
"""

import re

# C0 controls but tab and newline, DEL, C1 controls, the bidi embeddings, overrides and
# isolates (Trojan Source) and lone surrogates (no UTF-8 can carry them): what a terminal or
# an editor acts on instead of showing.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
UNSAFE_LINE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t", "\x1b": "\\e"}

MAX_LABEL = 100


def _escape(match: re.Match[str]) -> str:
    ch = match.group()
    if ch in _NAMED:
        return _NAMED[ch]
    code = ord(ch)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def safe(text: str) -> str:
    """The text with every control character but newline and tab shown as an escape."""
    return _UNSAFE.sub(_escape, text) if _UNSAFE.search(text) else text


def safe_line(text: str) -> str:
    """One line: newlines and tabs are escaped too (for a message that must stay one line)."""
    return UNSAFE_LINE.sub(_escape, text) if UNSAFE_LINE.search(text) else text


def control_char(text: str, *, one_line: bool = False) -> str | None:
    """The first unsafe character of the text, escaped (``\\e``), or None when it has none."""
    found = (UNSAFE_LINE if one_line else _UNSAFE).search(text)
    return _escape(found) if found else None


def check_label(value: str, max_len: int = MAX_LABEL) -> str:
    """A name as shown everywhere: one line, not blank, at most ``max_len`` characters.

    The same rule as the wallet's person names, so a profile name that `data validate`
    accepts is one every command can show and store.
    """
    bad = control_char(value, one_line=True)
    if bad:
        raise ValueError(f"must be one line without control characters (found {bad})")
    text = value.strip()
    if not text:
        raise ValueError("must not be blank")
    if len(text) > max_len:
        raise ValueError(f"is {len(text)} characters long, over the limit of {max_len}")
    return text


_IRREGULAR = {"person": "people"}


def plural(count: int, singular: str, many: str | None = None) -> str:
    """A count and its noun agreeing: "1 certification track", "2 people", "0 problems"."""
    if count == 1:
        return f"{count} {singular}"
    words = singular.split(" ")
    last = _IRREGULAR.get(words[-1], words[-1] + "s")
    return f"{count} {many or ' '.join([*words[:-1], last])}"
