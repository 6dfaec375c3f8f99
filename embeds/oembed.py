"""What a card says, asked of the provider by oEmbed (https://oembed.com/) — once, in the
background, with a short timeout. Never required: a provider that is unreachable, slow,
or answers nonsense leaves the card as the editor typed it."""

import http.client
import json
import logging
import urllib.error
import urllib.request
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import urlencode, urlsplit

from django.conf import settings

from . import providers

logger = logging.getLogger(__name__)
MAX_ANSWER_BYTES = 512 * 1024
MAX_TEXT = 2000


@dataclass
class Card:
    author: str = ""
    title: str = ""
    text: str = ""
    frame_url: str = ""  # learnt from the answer (a Bluesky post's DID), else ""


class _FirstParagraph(HTMLParser):
    """The text of the first <p> of a provider's blockquote (X, Bluesky), and Bluesky's
    data-bluesky-uri. Read as text: nothing of the provider's markup is kept."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.done = False
        self.parts: list[str] = []
        self.at_uri = ""

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("data-bluesky-uri") and not self.at_uri:
            self.at_uri = attrs["data-bluesky-uri"]
        if tag == "p" and not self.done:
            self.depth += 1
        elif tag == "br" and self.depth:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag == "p" and self.depth:
            self.depth -= 1
            self.done = self.depth == 0

    def handle_data(self, data):
        if self.depth and not self.done:
            self.parts.append(data)


def _clip(text: str, length: int) -> str:
    text = " ".join(line.strip() for line in text.strip().splitlines() if line.strip())
    return text[: length - 1] + "…" if len(text) > length else text


def parse(provider: providers.Provider, data: dict) -> Card:
    """A card from an oEmbed answer (a JSON object): plain text only."""
    if not isinstance(data, dict):
        raise ValueError("an oEmbed answer is a JSON object")

    def string(name):
        value = data.get(name)
        return value if isinstance(value, str) else ""

    card = Card(author=_clip(string("author_name"), 200), title=_clip(string("title"), 300))
    html = string("html")
    if html and provider.key in ("x", "bluesky"):
        reader = _FirstParagraph()
        reader.feed(html)
        card.text = _clip("".join(reader.parts), MAX_TEXT)
        if provider.key == "bluesky":
            card.frame_url = providers.bluesky_frame_from_uri(reader.at_uri)
    if provider.key in ("x", "bluesky", "tiktok") and card.title and not card.text:
        card.text, card.title = card.title, ""  # a post's "title" is its words
    return card


class _SameOrigin(urllib.request.HTTPRedirectHandler):
    """Follows a redirect only to the endpoint's own scheme, host and port. Anything else —
    another host, an internal address (127.0.0.1, 169.254.169.254, 10.x), plain http — is
    refused: the answer of such an address would otherwise be read into a card (SSRF)."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        asked, told = urlsplit(req.full_url), urlsplit(newurl)
        if (asked.scheme, asked.netloc.lower()) != (told.scheme, told.netloc.lower()):
            raise urllib.error.HTTPError(
                newurl, code, f"redirect to another origin refused: {newurl}", headers, fp
            )
        return super().redirect_request(req, fp, code, msg, headers, newurl)


_opener = urllib.request.build_opener(_SameOrigin)


def fetch(url: str) -> Card | None:
    """The card for ``url`` from its provider's oEmbed endpoint, or None when there is no
    endpoint or no usable answer within NEWSROOM_EMBED_FETCH_TIMEOUT seconds."""
    provider = providers.provider_of(url)
    if provider is None:
        return None
    endpoint = provider.oembed_endpoint()
    if provider.key == "mastodon":
        host = url.split("/")[2]
        endpoint = settings.NEWSROOM_EMBED_OEMBED_ENDPOINTS.get(
            "mastodon", f"https://{host}/api/oembed"
        )
    if not endpoint:
        return None
    query = {"url": url, "format": "json"}
    if provider.key == "x":
        query.update(omit_script="1", dnt="true")
    # The endpoint is a provider's https address, or one NEWSROOM_EMBED_OEMBED_ENDPOINTS names.
    request = urllib.request.Request(  # noqa: S310
        f"{endpoint}?{urlencode(query)}",
        headers={"Accept": "application/json", "User-Agent": "Newsroom (oEmbed card)"},
    )
    try:
        with _opener.open(request, timeout=settings.NEWSROOM_EMBED_FETCH_TIMEOUT) as response:
            answer = response.read(MAX_ANSWER_BYTES + 1)
        if len(answer) > MAX_ANSWER_BYTES:
            raise ValueError("oEmbed answer too long")
        return parse(provider, json.loads(answer))
    except (urllib.error.URLError, http.client.HTTPException, OSError, ValueError) as error:
        # URLError covers HTTP errors and refused connections, OSError timeouts, ValueError
        # an answer that is not JSON (json.JSONDecodeError) or not an object.
        logger.info("No oEmbed card for %s: %s", url, error)
        return None
