"""Update bodies: Markdown in, sanitized HTML out.

Editors write Markdown. markdown-it-py renders it with raw HTML disabled, so a ``<script>``
typed into a body comes out as text; nh3 then sanitizes the result against an allow-list,
so even a renderer bug cannot put executable markup on a page.
"""

import nh3
from markdown_it import MarkdownIt

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "del", "em", "h3", "h4", "h5", "h6", "hr",
    "i", "li", "ol", "p", "pre", "s", "strong", "sub", "sup", "table", "tbody", "td", "th",
    "thead", "tr", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "ol": {"start"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}

_markdown = (
    MarkdownIt("commonmark", {"html": False, "linkify": True, "typographer": False})
    .enable("linkify")
    .enable("strikethrough")
    .enable("table")
)


def sanitize_html(html: str) -> str:
    """Keep only the tags, attributes and URL schemes that a body may contain."""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )


def render_markdown(source: str) -> str:
    """Render an update body to the HTML stored in ``Update.body_html``."""
    return sanitize_html(_markdown.render(source or "")).strip()


_MARKDOWN_SPECIALS = str.maketrans({c: "\\" + c for c in "\\`*_<>[]"})


def escape_markdown(text: str) -> str:
    """Quote plain text so that Markdown renders it as the same text.

    Used for imported documents, which are plain prose: a line that starts with "1." or "#"
    or contains ``*`` is text there, not a list, heading or emphasis.
    """
    lines = []
    for line in text.translate(_MARKDOWN_SPECIALS).split("\n"):
        stripped = line.lstrip()
        indent = line[: len(line) - len(stripped)]
        if stripped[:1] in {"#", "+", "-", "=", "|", "~"}:
            stripped = "\\" + stripped
        else:
            digits = len(stripped) - len(stripped.lstrip("0123456789"))
            if 0 < digits < 10 and stripped[digits : digits + 1] in {".", ")"}:
                stripped = f"{stripped[:digits]}\\{stripped[digits:]}"
        lines.append(indent + stripped)
    return "\n".join(lines)
