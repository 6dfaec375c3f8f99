from html.parser import HTMLParser

import pytest

from briefings.markup import escape_markdown, render_markdown, sanitize_html

from .factories import UpdateFactory


class Elements(HTMLParser):
    """The tags and attributes of an HTML fragment, as a browser's tokenizer sees them."""

    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, attrs))


@pytest.mark.parametrize(
    "body",
    [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        '<a href="javascript:alert(1)">x</a>',
        "[click](javascript:alert(1))",
        "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "<svg/onload=alert(1)>",
        "<iframe src=https://example.com></iframe>",
        '<div style="background:url(javascript:alert(1))">x</div>',
    ],
)
def test_html_in_a_body_never_becomes_markup(body):
    elements = Elements()
    elements.feed(render_markdown(body))
    assert {tag for tag, _ in elements.found} <= {"p", "a"}
    for _, attrs in elements.found:
        assert {name for name, _ in attrs} <= {"href", "rel"}
        assert not any(v.lower().startswith(("javascript:", "data:")) for _, v in attrs if v)


def test_markdown_renders_links_with_safe_rel():
    html = render_markdown("See [the map](https://understandingwar.org/) and https://apnews.com")
    assert '<a href="https://understandingwar.org/" rel="noopener noreferrer nofollow">' in html
    assert '<a href="https://apnews.com" rel="noopener noreferrer nofollow">' in html


def test_sanitizer_keeps_the_allowed_structure():
    html = "<p><strong>a</strong> <em>b</em></p><ul><li>c</li></ul><blockquote>d</blockquote>"
    assert sanitize_html(html) == html
    assert sanitize_html('<p onclick="x()">a</p>') == "<p>a</p>"


@pytest.mark.parametrize(
    "text",
    [
        "1. Not a list but a sentence starting with a number.",
        "# not a heading",
        "- not a bullet",
        "Prices rose *sharply* and _quickly_ [Putin] said <b>",
        "A back\\slash and `code`",
    ],
)
def test_escaped_plain_text_renders_as_the_same_text(text):
    html = render_markdown(escape_markdown(text))
    expected = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    assert html == f"<p>{expected}</p>"


@pytest.mark.django_db
def test_a_saved_body_is_stored_sanitized():
    update = UpdateFactory(body='Hello <script>alert("x")</script>')
    assert "<script" not in update.body_html
    assert "&lt;script&gt;" in update.body_html
