"""Model and form fields shared by the briefings models."""

import functools
import zoneinfo

from django import forms
from django.core.exceptions import ValidationError
from django.db import models


class LinesFormField(forms.CharField):
    """A list of strings edited as a textarea, one item a line (aliases, domains)."""

    widget = forms.Textarea(attrs={"rows": 3, "cols": 60})

    def prepare_value(self, value):
        if isinstance(value, list | tuple):
            return "\n".join(value)
        return value

    def to_python(self, value):
        if isinstance(value, list | tuple):
            return [str(item) for item in value]
        seen, items = set(), []
        for line in (value or "").splitlines():
            item = " ".join(line.split())
            if item and item.casefold() not in seen:
                seen.add(item.casefold())
                items.append(item)
        return items

    def has_changed(self, initial, data):
        return self.to_python(initial or []) != self.to_python(data)


class ListField(models.JSONField):
    """A JSON list of strings, shown to editors as one item a line.

    JSON rather than PostgreSQL's ArrayField, so the same field works on SQLite.
    """

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("default", list)
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)

    def validate(self, value, model_instance):
        super().validate(value, model_instance)
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise ValidationError("Enter a list of strings.", code="invalid_list")

    def formfield(self, **kwargs):
        return super(models.JSONField, self).formfield(
            **{"form_class": LinesFormField, "required": not self.blank, **kwargs}
        )


@functools.cache
def known_time_zones() -> frozenset[str]:
    # available_timezones() walks the tz database on disk; once per process is enough.
    return frozenset(zoneinfo.available_timezones())


def validate_time_zone(value: str) -> None:
    if value not in known_time_zones():
        raise ValidationError("%(value)s is not a known time zone.", params={"value": value})


def time_zone_choices() -> list[tuple[str, str]]:
    return [(name, name.replace("_", " ")) for name in sorted(known_time_zones())]
