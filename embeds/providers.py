"""The providers whose posts and videos an update can show as a card: how to recognise an
address of each, where its oEmbed endpoint is, and the iframe address of its embed.

Pure functions on strings, no database and no network. Every embed is an iframe (the
provider's own "embed" page), never a provider's script: the site's CSP keeps
``script-src 'self'``, and ``frame-src`` lists exactly the hosts in ``frame_hosts()``.
"""

import re
from dataclasses import dataclass
from urllib.parse import parse_qs, quote, urlsplit

from django.conf import settings


@dataclass(frozen=True)
class Provider:
    key: str  # stored in Embed.provider
    label: str  # "YouTube": what readers read ("Load content from YouTube")
    hosts: tuple[str, ...]
    frame_host: str  # the host its iframe loads from, allowed by the CSP's frame-src
    oembed: str = ""  # its public oEmbed endpoint; "" when it needs an access token
    shape: str = "post"  # "video" (16:9), "vertical" (9:16) or "post" (a tall box)

    def oembed_endpoint(self) -> str:
        """The endpoint, or the one NEWSROOM_EMBED_OEMBED_ENDPOINTS names for this provider
        (tests point it at a server on 127.0.0.1; an installation may point it at a proxy)."""
        return settings.NEWSROOM_EMBED_OEMBED_ENDPOINTS.get(self.key, self.oembed)


PROVIDERS = {
    p.key: p
    for p in [
        Provider(
            "youtube",
            "YouTube",
            ("youtube.com", "www.youtube.com", "m.youtube.com", "youtu.be"),
            "www.youtube-nocookie.com",
            "https://www.youtube.com/oembed",
            "video",
        ),
        Provider(
            "x",
            "X",
            ("x.com", "www.x.com", "twitter.com", "www.twitter.com", "mobile.twitter.com"),
            "platform.twitter.com",
            "https://publish.twitter.com/oembed",
        ),
        Provider("telegram", "Telegram", ("t.me", "telegram.me"), "t.me"),
        Provider(
            "bluesky", "Bluesky", ("bsky.app",), "embed.bsky.app", "https://embed.bsky.app/oembed"
        ),
        # Mastodon is many servers; the ones an installation accepts are a setting, and
        # each is in frame-src (see mastodon_hosts()).
        Provider("mastodon", "Mastodon", (), ""),
        # Facebook's and Instagram's oEmbed needs an app's access token: their cards are
        # typed by the editor.
        Provider(
            "facebook",
            "Facebook",
            ("facebook.com", "www.facebook.com", "m.facebook.com", "fb.watch"),
            "www.facebook.com",
        ),
        Provider(
            "instagram", "Instagram", ("instagram.com", "www.instagram.com"), "www.instagram.com"
        ),
        Provider(
            "tiktok",
            "TikTok",
            ("tiktok.com", "www.tiktok.com", "m.tiktok.com"),
            "www.tiktok.com",
            "https://www.tiktok.com/oembed",
            "vertical",
        ),
        Provider(
            "vimeo",
            "Vimeo",
            ("vimeo.com", "www.vimeo.com", "player.vimeo.com"),
            "player.vimeo.com",
            "https://vimeo.com/api/oembed.json",
            "video",
        ),
    ]
}
CHOICES = [(p.key, p.label) for p in PROVIDERS.values()]

_YOUTUBE_ID = re.compile(r"[A-Za-z0-9_-]{11}")
_DIGITS = re.compile(r"[0-9]{1,25}")
_NAME = re.compile(r"[A-Za-z0-9_.-]{1,64}")
_INSTAGRAM_CODE = re.compile(r"[A-Za-z0-9_-]{5,40}")
_BLUESKY_RKEY = re.compile(r"[a-z0-9]{5,20}")
_DID = re.compile(r"did:(?:plc:[a-z2-7]{24}|web:[a-z0-9.-]{1,253})")


def mastodon_hosts() -> list[str]:
    return [h.lower() for h in settings.NEWSROOM_EMBED_MASTODON_HOSTS]


def frame_hosts() -> list[str]:
    """Every host an embed's iframe may load from: the CSP's frame-src."""
    hosts = [p.frame_host for p in PROVIDERS.values() if p.frame_host]
    return [*hosts, *mastodon_hosts()]


def _parts(url: str):
    try:
        split = urlsplit(url.strip())
    except ValueError:
        return None
    if split.scheme not in ("http", "https") or not split.hostname:
        return None
    segments = [s for s in split.path.split("/") if s]
    return split.hostname.lower(), segments, parse_qs(split.query)


MAX_URL = 500  # Embed.url's length


def embeddable(url: str) -> bool:
    """Whether a bare link to ``url`` becomes a card (briefings.markup asks, to leave the
    link out of the body's HTML)."""
    return len(url) <= MAX_URL and provider_of(url) is not None


def provider_of(url: str) -> Provider | None:
    """The provider whose post or video ``url`` is the address of, or None."""
    return recognise(url)[0]


def recognise(url: str) -> tuple[Provider | None, str]:
    """(provider, iframe address) for ``url``; the address is "" when the provider is known
    but the iframe needs something the address lacks (a Bluesky handle, not its DID), and
    (None, "") for an address that is no supported post or video."""
    parts = _parts(url)
    if parts is None:
        return None, ""
    host, seg, query = parts
    for provider in PROVIDERS.values():
        if host in provider.hosts:
            found = _MATCHERS[provider.key](host, seg, query, url)
            if found is not None:
                return provider, found
            return None, ""
    if host in mastodon_hosts():
        # https://mastodon.social/@user/111… → https://mastodon.social/@user/111…/embed
        user, post = (seg[0], seg[1]) if len(seg) == 2 else ("", "")
        if user.startswith("@") and _NAME.fullmatch(user[1:]) and _DIGITS.fullmatch(post):
            return PROVIDERS["mastodon"], f"https://{host}/{seg[0]}/{seg[1]}/embed"
    return None, ""


def _youtube(host, seg, query, url):
    if host == "youtu.be":
        video = seg[0] if seg else ""
    elif seg[:1] == ["watch"]:
        video = (query.get("v") or [""])[0]
    elif len(seg) >= 2 and seg[0] in ("shorts", "live", "embed"):
        video = seg[1]
    else:
        return None
    if not _YOUTUBE_ID.fullmatch(video):
        return None
    return f"https://www.youtube-nocookie.com/embed/{video}"


def _x(host, seg, query, url):
    # https://x.com/user/status/123…  (also …/status/123/photo/1)
    if (
        len(seg) >= 3
        and seg[1] == "status"
        and _NAME.fullmatch(seg[0])
        and _DIGITS.fullmatch(seg[2])
    ):
        return f"https://platform.twitter.com/embed/Tweet.html?id={seg[2]}&dnt=true"
    return None


def _telegram(host, seg, query, url):
    # https://t.me/channel/123 → the page Telegram's own widget frames, …?embed=1
    if len(seg) == 2 and _NAME.fullmatch(seg[0]) and _DIGITS.fullmatch(seg[1]):
        return f"https://t.me/{seg[0]}/{seg[1]}?embed=1"
    return None


def _bluesky(host, seg, query, url):
    # https://bsky.app/profile/<handle or DID>/post/<rkey>; the embed needs the DID.
    if len(seg) == 4 and seg[0] == "profile" and seg[2] == "post":
        if not _BLUESKY_RKEY.fullmatch(seg[3]):
            return None
        return bluesky_frame(seg[1], seg[3]) if _DID.fullmatch(seg[1]) else ""
    return None


def bluesky_frame(did: str, rkey: str) -> str:
    if not (_DID.fullmatch(did) and _BLUESKY_RKEY.fullmatch(rkey)):
        return ""
    return f"https://embed.bsky.app/embed/{did}/app.bsky.feed.post/{rkey}"


def bluesky_frame_from_uri(at_uri: str) -> str:
    """The iframe address from a post's at:// URI (in Bluesky's oEmbed answer)."""
    match = re.fullmatch(r"at://([^/]+)/app\.bsky\.feed\.post/([^/]+)", at_uri or "")
    return bluesky_frame(match[1], match[2]) if match else ""


def _facebook(host, seg, query, url):
    if host == "fb.watch":
        return ""  # a short link: the card links to it, there is no embed address to frame
    if not seg:
        return None
    video = "videos" in seg or seg[0] in ("watch", "reel")
    post = "posts" in seg or seg[0] in ("permalink.php", "story.php", "photo", "photo.php")
    if not (video or post):
        return None
    plugin = "video.php" if video else "post.php"
    return f"https://www.facebook.com/plugins/{plugin}?href={quote(url, safe='')}&show_text=true"


def _instagram(host, seg, query, url):
    if len(seg) >= 2 and seg[0] in ("p", "reel", "tv") and _INSTAGRAM_CODE.fullmatch(seg[1]):
        return f"https://www.instagram.com/{seg[0]}/{seg[1]}/embed/"
    return None


def _tiktok(host, seg, query, url):
    if len(seg) >= 3 and seg[0].startswith("@") and seg[1] == "video" and _DIGITS.fullmatch(seg[2]):
        return f"https://www.tiktok.com/embed/v2/{seg[2]}"
    return None


def _vimeo(host, seg, query, url):
    # https://vimeo.com/123, …/channels/staffpicks/123, https://player.vimeo.com/video/123
    if host == "player.vimeo.com":
        video = seg[1] if len(seg) == 2 and seg[0] == "video" else ""
    else:
        video = seg[-1] if 1 <= len(seg) <= 3 else ""
    if _DIGITS.fullmatch(video):
        return f"https://player.vimeo.com/video/{video}?dnt=1"
    return None


_MATCHERS = {
    "youtube": _youtube,
    "x": _x,
    "telegram": _telegram,
    "bluesky": _bluesky,
    "facebook": _facebook,
    "instagram": _instagram,
    "tiktok": _tiktok,
    "vimeo": _vimeo,
}
