"""Typed text: what every text field of this app and of its tags loses on save."""

import re

from django.db import models
from django.db.models.signals import pre_save
from django.dispatch import receiver

from ..fields import ListField

# Unicode direction overrides ("\u202e") in a title or a name make text on a page read
# backwards (an old spoofing trick); nobody types them on purpose. Every text field loses
# them. Marks (U+200E, U+200F) that right-to-left text needs are kept.
DIRECTION_OVERRIDES = dict.fromkeys(
    map(ord, "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
)
# Headlines, titles and names (every one-line field: CharField, and the names of a
# ListField) are plain text: anything shaped like an HTML tag is removed, so no feed
# reader that renders an RSS <title> as HTML can be handed markup. Only a "<" followed by
# a letter, "/", "!" or "?" opens a tag, as in HTML: "<100 casualties" and "a < b" stay.
# Not django.utils.html.strip_tags: it is made for HTML and rewrites "AT&T" as "AT&T;".
TAG = re.compile(r"<[A-Za-z/!?][^<>]*>")


def remove_tags(text: str) -> str:
    """``text`` without anything shaped like a tag; repeated, so "<<b>script>" goes too."""
    while TAG.search(text):
        text = TAG.sub("", text)
    return text


def _cleaned(value, *, one_line: bool):
    if isinstance(value, str):
        value = value.translate(DIRECTION_OVERRIDES)
        return remove_tags(value) if one_line else value
    if isinstance(value, list):
        return [_cleaned(item, one_line=True) for item in value]
    return value


@receiver(pre_save)
def clean_typed_text(sender, instance, raw=False, **kwargs):
    """Direction overrides out of every text field; tags out of every one-line field.
    Multi-line fields (TextField) are Markdown or shown escaped, so they keep their "<"."""
    if raw or sender._meta.app_label not in {"briefings", "taggit"}:
        return
    for field in sender._meta.concrete_fields:
        if isinstance(field, models.CharField | models.TextField | ListField):
            value = getattr(instance, field.attname)
            one_line = isinstance(field, models.CharField)
            setattr(instance, field.attname, _cleaned(value, one_line=one_line))
