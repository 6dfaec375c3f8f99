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


# Bare links another app shows in their place (embeds/: a post or video becomes a card):
# callables url -> bool, registered in that app's ready(). A claimed link on a line of its
# own is left out of the body's HTML, so the page does not show it twice.
bare_link_claims: list = []


def _bare_link_lines(tokens):
    """(inline token, [(start, end) of each line of its children that is one bare link]) for
    each top-level paragraph: a link written as its own address ("https://…" or "<https://…>")
    alone on its line."""
    for index, token in enumerate(tokens):
        if token.type != "inline" or index == 0 or tokens[index - 1].type != "paragraph_open":
            continue
        if tokens[index - 1].level != 0:
            continue
        children, found, start = token.children or [], [], 0
        for end in [
            *(i for i, c in enumerate(children) if c.type in ("softbreak", "hardbreak")),
            len(children),
        ]:
            line = [
                c for c in children[start:end] if not (c.type == "text" and not c.content.strip())
            ]
            if (
                len(line) == 3
                and line[0].type == "link_open"
                and line[0].markup in ("linkify", "autolink")
                and line[2].type == "link_close"
            ):
                found.append((start, end))
            start = end + 1
        yield token, found


def bare_links(source: str) -> list[str]:
    """The addresses of the links alone on a line of their own in ``source``, in order."""
    links = []
    for token, lines in _bare_link_lines(_markdown.parse(source or "")):
        links += [token.children[start].attrGet("href") for start, _ in lines]
    return [link for link in links if link]


def _claimed(href) -> bool:
    return bool(href) and any(claim(href) for claim in bare_link_claims)


def _without_claimed_links(tokens):
    drop = set()
    for token, lines in _bare_link_lines(tokens):
        children = token.children
        cut = [(s, e) for s, e in lines if _claimed(children[s].attrGet("href"))]
        for start, end in reversed(cut):
            # The line and the break before it (or, on the first line, after it).
            start, end = (start - 1, end) if start > 0 else (start, min(end + 1, len(children)))
            del children[start:end]
        if cut and not any(c.type != "text" or c.content.strip() for c in children):
            drop.add(id(token))
    kept = []
    for index, token in enumerate(tokens):
        if id(token) in drop:
            kept.pop()  # its paragraph_open
            continue
        if kept and token.type == "paragraph_close" and id(tokens[index - 1]) in drop:
            continue
        kept.append(token)
    return kept


def render_markdown(source: str) -> str:
    """Render an update body to the HTML stored in ``Update.body_html``."""
    tokens = _markdown.parse(source or "")
    if bare_link_claims:
        tokens = _without_claimed_links(tokens)
    return sanitize_html(_markdown.renderer.render(tokens, _markdown.options, {})).strip()


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
