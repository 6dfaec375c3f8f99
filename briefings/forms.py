"""The editors' forms: briefing and update change forms that refuse to lose an edit, the
key-event marks on a briefing's page, the quick "Post update" form, and merging."""

import datetime as dt
import zoneinfo

from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import AutocompleteSelectMultiple
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from taggit.forms import TagField

from . import permissions, revisions
from .admin_widgets import TagSuggestWidget
from .fields import time_zone_choices
from .models import Actor, Briefing, Citation, Mention, Source, Update, unique_slug


def https_formfield(field, **kwargs):
    """ModelForm.Meta.formfield_callback: the same default for forms built outside an admin."""
    if isinstance(field, models.URLField):
        kwargs.setdefault("assume_scheme", "https")
    return field.formfield(**kwargs)


# No lost edits -----------------------------------------------------------------------------


class VersionField(forms.IntegerField):
    """The row's version when the form was loaded, carried in a hidden input."""

    widget = forms.HiddenInput

    def has_changed(self, initial, data):
        return False  # bookkeeping, never an editor's change


class VersionedForm(forms.ModelForm):
    """A change form that refuses to save over someone else's newer save.

    The form carries the version it was loaded with. If the row has moved on when it is
    submitted, the form is invalid: the message lists what the other person changed, the
    editor's own text stays in the form, and the hidden version now points at the newer
    save, so saving again (after re-applying) deliberately replaces it. The model's save
    makes the same check atomically, for two saves in the same instant.
    """

    loaded_version = VersionField(required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.is_change:
            version = self.instance.version
            if self.is_revert:
                # A past revision shown for reverting: the revert replaces the current one.
                version = self.stored_version() or version
            self.fields["loaded_version"].initial = version

    @property
    def is_change(self) -> bool:
        return self.instance.pk is not None and not self.instance._state.adding

    @property
    def is_revert(self) -> bool:
        """The form of a past revision (simple-history's revert page)."""
        return getattr(self.instance, "_history", None) is not None

    def will_save(self) -> bool:
        return self.is_change and (self.has_changed() or self.is_revert)

    def stored_version(self) -> int | None:
        rows = type(self.instance)._base_manager.filter(pk=self.instance.pk)
        return rows.values_list("version", flat=True).first()

    def clean(self):
        cleaned = super().clean()
        if not self.will_save():
            return cleaned
        loaded = cleaned.get("loaded_version")
        current = self.stored_version()
        name = self.instance._meta.verbose_name
        if current is None:
            raise ValidationError(f"This {name} has been deleted since you opened it.")
        if loaded is None:
            raise ValidationError(
                f"This form does not say which version of the {name} it was loaded with: "
                "reload the page and make your changes again."
            )
        if loaded != current:
            changes = revisions.changes_since(self.instance, loaded)
            # Saving again now replaces the newer version on purpose: the editor has seen it.
            self.data = self.data.copy()
            self.data[self.add_prefix("loaded_version")] = str(current)
            raise ValidationError(
                [
                    f"Someone else saved this {name} while you were editing it, so your "
                    "changes were not saved. Your text is still in the form below. "
                    + ("What they changed:" if changes else "See its history for their changes.")
                    + " Re-apply what you need and save again to replace their version.",
                    *changes,
                ]
            )
        return cleaned

    def save(self, commit=True):
        loaded = self.cleaned_data.get("loaded_version")
        if loaded is not None and self.will_save():
            self.instance.version = loaded
        return super().save(commit)


# Briefings and updates ---------------------------------------------------------------------


class BriefingForm(VersionedForm):
    time_zone = forms.ChoiceField(choices=time_zone_choices, initial="UTC")

    class Meta:
        model = Briefing
        formfield_callback = https_formfield
        fields = [
            "title", "standfirst", "kind", "status", "tags", "coverage_start", "coverage_end",
            "time_zone", "published_at", "byline", "credit", "slug", "previous",
            "previous_title", "origin", "origin_url",
        ]  # fmt: skip
        widgets = {"tags": TagSuggestWidget}

    # The slug the editor asked for, when another briefing had it (shown after saving).
    slug_taken = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "slug" in self.fields:
            self.fields["slug"].required = False
            self.fields["slug"].help_text = (
                "The briefing's address; made from the title when empty, with -2, -3… "
                "added when another briefing has it."
            )

    def clean_slug(self):
        """A slug nobody else has: the one typed (or filled in from the title), else the
        same with -2, -3… The editor rarely typed it, so a clash is not theirs to fix."""
        slug = self.cleaned_data.get("slug") or ""
        source = slug or self.cleaned_data.get("title") or ""
        if not source:
            return slug
        others = Briefing._default_manager.exclude(pk=self.instance.pk)
        if slug and not others.filter(slug=slug).exists():
            return slug
        unique = unique_slug(Briefing, source, exclude_pk=self.instance.pk, max_length=200)
        if slug:
            self.slug_taken = slug
        return unique


class UpdateFlagsForm(VersionedForm):
    class Meta:
        model = Update
        fields = ["is_key_event", "is_pinned", "is_original_entry"]


class UpdateFlagsFormSet(forms.BaseInlineFormSet):
    def clean(self):
        super().clean()
        originals = [
            form
            for form in self.forms
            if form.cleaned_data.get("is_original_entry") and not self._should_delete_form(form)
        ]
        if len(originals) > 1:
            raise ValidationError("Only one update can be the original entry.")

    def save_existing_objects(self, commit=True):
        # The database allows one original entry at a time: save the update losing the
        # mark before the one gaining it.
        n = self.initial_form_count()
        self.forms[:n] = sorted(
            self.forms[:n], key=lambda form: bool(form.cleaned_data.get("is_original_entry"))
        )
        return super().save_existing_objects(commit)


class UpdateForm(VersionedForm):
    class Meta:
        model = Update
        fields = [
            "briefing", "posted_at", "headline", "body", "tags", "status", "publish_at",
            "is_key_event", "is_pinned", "section", "byline", "is_original_entry", "position",
            "author",
        ]  # fmt: skip
        widgets = {
            "tags": TagSuggestWidget,
            "body": forms.Textarea(attrs={"rows": 12, "cols": 80, "autofocus": True}),
        }

    # Set by UpdateAdmin.get_form for the request's user.
    user = None

    def _post_clean(self):
        super()._post_clean()  # the instance now holds what would be saved
        # The admin already leaves the editors' fields out of a contributor's form; this
        # holds even for a form built some other way, and for reverting to a revision.
        if self.user is None:
            return
        stored = permissions.stored_state(self.instance) if self.is_change else None
        if permissions.may_save(self.user, self.instance, stored):
            return
        if stored is not None and not permissions.may_change(self.user, Update, stored):
            self.add_error(None, "You can edit only your own drafts.")
        else:
            self.add_error(
                None,
                "Only an editor can publish or schedule an update: save it as a draft and "
                "an editor will publish it.",
            )


# Posting from the briefing's page -----------------------------------------------------------


class QuickUpdateForm(forms.Form):
    """One update with its sources, actors and tags, typed at the top of the briefing."""

    # Forms other apps add to this one (images/ adds a photo), appended in their
    # AppConfig.ready() so that this app imports none of them: each is a Form class with a
    # ``prefix`` and ``attach(update, user)``, validated and shown with this form.
    parts: list[type[forms.Form]] = []

    headline = forms.CharField(required=False, max_length=300)
    body = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4, "cols": 80}),
        help_text="Markdown. A link to a post or video (X, YouTube, Telegram …) alone on a "
        "line becomes a card.",
    )
    sources = forms.ModelMultipleChoiceField(
        Source.objects.all(),
        required=False,
        widget=AutocompleteSelectMultiple(Citation._meta.get_field("source"), admin.site),
        help_text="In the order they are cited.",
    )
    see_also = forms.ModelMultipleChoiceField(
        Source.objects.all(),
        required=False,
        label="See also",
        widget=AutocompleteSelectMultiple(Citation._meta.get_field("source"), admin.site),
    )
    actors = forms.ModelMultipleChoiceField(
        Actor.objects.all(),
        required=False,
        widget=AutocompleteSelectMultiple(Mention._meta.get_field("actor"), admin.site),
    )
    tags = TagField(required=False, widget=TagSuggestWidget, help_text="Comma-separated.")
    posted_at = forms.CharField(
        required=False,
        label="Time",
        max_length=20,
        help_text="Blank for now; 15:15 for today, or 2024-11-13 15:15, in the briefing’s zone. "
        "A time to come schedules the update: readers see it then.",
        widget=forms.TextInput(attrs={"size": 16, "placeholder": "now"}),
    )

    def __init__(self, *args, time_zone="UTC", **kwargs):
        super().__init__(*args, **kwargs)
        self.bound_parts = [part(*args, **kwargs) for part in self.parts]
        self.zone = zoneinfo.ZoneInfo(time_zone)
        self.fields["headline"].widget.attrs.update(size=60)
        # The keyboard path: focus lands in the body, Ctrl+Enter posts, Esc cancels.
        self.fields["body"].widget.attrs.update(autofocus=True)

    def clean_posted_at(self):
        text = self.cleaned_data["posted_at"].strip()
        now = timezone.now()
        if not text:
            return now
        today = now.astimezone(self.zone).date()
        for pattern in ["%H:%M", "%H%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M"]:
            try:
                parsed = dt.datetime.strptime(text, pattern)
            except ValueError:
                continue
            if parsed.year == 1900:  # a time alone: today, in the briefing's zone
                parsed = dt.datetime.combine(today, parsed.time())
            return parsed.replace(tzinfo=self.zone)
        raise ValidationError("Type a time as 15:15, or a date and time as 2024-11-13 15:15.")

    def ordered(self, name):
        """The chosen rows in the order they were picked (the browser sends them so)."""
        chosen = {str(row.pk): row for row in self.cleaned_data[name]}
        return [chosen[pk] for pk in dict.fromkeys(self.data.getlist(self.add_prefix(name)))]

    # The parts, with this form: valid together, shown together, saved after the update.

    def is_valid(self):
        return all([super().is_valid(), *(part.is_valid() for part in self.bound_parts)])

    @property
    def errors(self):
        errors = super().errors
        for part in self.bound_parts if self.is_bound else []:
            errors.update({part.add_prefix(k): v for k, v in part.errors.items()})
        return errors

    def all_fields(self):
        return [*self, *(field for part in self.bound_parts for field in part)]

    @property
    def media(self):
        return sum((part.media for part in self.bound_parts), super().media)

    def is_multipart(self):
        return super().is_multipart() or any(p.is_multipart() for p in self.bound_parts)

    def attach_parts(self, update, user) -> None:
        for part in self.bound_parts:
            part.attach(update, user)


# Merging registry entries ---------------------------------------------------------------------


class MergeForm(forms.Form):
    keep = forms.ModelChoiceField(
        queryset=None, widget=forms.RadioSelect, empty_label=None, label="Keep"
    )

    def __init__(self, *args, queryset, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["keep"].queryset = queryset
