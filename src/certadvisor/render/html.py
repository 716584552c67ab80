"""Printable handouts: a command's markdown as one self-contained HTML file.

Inline CSS only: no script, no font, no image, nothing fetched, so the file opens offline and
prints the same anywhere. Readable on a phone (viewport, tables that scroll sideways) and on
letter paper (print CSS). markdown-it-py (already installed with Rich) turns the markdown into
HTML with raw HTML switched off, so text from a profile or the wallet, which the markdown
writers escape, stays text here too.
"""

import html
import re

_CSS = """\
:root{color-scheme:light}
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;
color:#111;background:#fff;margin:0 auto;padding:12px;max-width:60rem}
h1{font-size:1.5em;margin:.4em 0}h2{font-size:1.25em;margin-top:1.4em;border-bottom:1px solid #ccc}
h3{font-size:1.08em;margin-top:1.2em}h4{font-size:1em}
a{color:#0645ad;overflow-wrap:anywhere}
.table-wrap{overflow-x:auto;-webkit-overflow-scrolling:touch;margin:.6em 0}
table{border-collapse:collapse;font-size:.92em}
th,td{border:1px solid #999;padding:3px 6px;text-align:left;vertical-align:top}
th{background:#eee}
ul,ol{padding-left:1.4em}li{margin:.15em 0}
code{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.92em}
@media (max-width:600px){body{font-size:14px;padding:8px}th,td{padding:2px 4px}}
@page{size:letter;margin:0.6in}
@media print{body{max-width:none;padding:0;font-size:10.5pt}
a{color:#000;text-decoration:none}.table-wrap{overflow:visible}
table{page-break-inside:auto}tr,li{page-break-inside:avoid}
h1,h2,h3,h4{page-break-after:avoid}thead{display:table-header-group}}
"""
# a cohort's people each start on a new sheet of paper
_BREAK_CSS = "@media print{h2~h2{page-break-before:always;break-before:page}}\n"
_TASK = re.compile(r"<li>(\s*(?:<p>)?)\[([ xX])\] ")


def _to_html(markdown: str) -> str:
    from markdown_it import MarkdownIt

    parser = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    parser.enable(["table", "strikethrough"]).disable("image")
    body = parser.render(markdown)
    body = body.replace("<table>", '<div class="table-wrap"><table>').replace(
        "</table>", "</table></div>"
    )
    return _TASK.sub(lambda m: f"<li>{m.group(1)}{'☑' if m.group(2) != ' ' else '☐'} ", body)


def _first_heading(markdown: str) -> str:
    for line in markdown.splitlines():
        if line.startswith("# "):
            return re.sub(r"\\(.)", r"\1", line[2:].strip())
    return "certadvisor"


def html_document(markdown: str, title: str | None = None, *, people_break: bool = False) -> str:
    """The markdown as a whole HTML page titled `title` (else its first heading); with
    `people_break`, each second-level section (one person of a cohort) starts a new printed
    page."""
    title = title or _first_heading(markdown)
    css = _CSS + (_BREAK_CSS if people_break else "")
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta http-equiv="Content-Security-Policy" '
        "content=\"default-src 'none'; style-src 'unsafe-inline'\">\n"
        '<meta name="referrer" content="no-referrer">\n'
        f"<title>{html.escape(title)}</title>\n<style>\n{css}</style>\n</head>\n<body>\n"
        f"{_to_html(markdown)}</body>\n</html>\n"
    )
