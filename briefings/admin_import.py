"""Importing a document from the admin: upload, preview (a dry run), then confirm or cancel.

The uploaded bytes wait between the two steps in a private folder, named by their SHA-256,
so the confirming request carries only that name and the options — never the document.
The folder is deleted on confirm or cancel; one left behind expires after a day (swept on
each visit to the import page). A document that states no date is previewed again once
the editor gives one: nothing is saved before.
"""

import datetime as dt
import hashlib
import re
import shutil
import tempfile
import time
from dataclasses import asdict
from pathlib import Path

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse

from .admin.base import admin_moment
from .fields import time_zone_choices
from .importing.load import counted
from .importing.pipeline import NO_DATE, DocumentError, Options, decode, import_paths, max_bytes
from .models import Briefing

KIND_CHOICES = [
    ("auto", "Detect from the text"),
    ("live", "Live log"),
    ("digest", "Digest"),
    ("article", "Article"),
]
TEMPLATE = "admin/briefings/briefing/import.html"
_TOKEN = re.compile(r"^[0-9a-f]{64}$")
EXPIRES_AFTER = 24 * 3600  # seconds an upload waits for its confirmation


def upload_folder() -> Path:
    folder = Path(tempfile.gettempdir()) / "newsroom-imports"
    folder.mkdir(mode=0o700, exist_ok=True)
    return folder


def expire_uploads(now: float | None = None) -> int:
    """Delete uploads older than a day; return how many."""
    now = time.time() if now is None else now
    expired = 0
    for folder in upload_folder().iterdir():
        try:
            old = now - folder.stat().st_mtime > EXPIRES_AFTER
        except OSError:
            continue
        if old and _TOKEN.match(folder.name):
            shutil.rmtree(folder, ignore_errors=True)
            expired += 1
    return expired


def discard(token: str) -> None:
    if _TOKEN.match(token or ""):
        shutil.rmtree(upload_folder() / token, ignore_errors=True)


class ImportOptionsForm(forms.Form):
    kind = forms.ChoiceField(choices=KIND_CHOICES, initial="auto")
    date = forms.DateField(
        required=False,
        help_text="The document's date (YYYY-MM-DD), where its text does not give one.",
    )
    time_zone = forms.ChoiceField(
        required=False,
        choices=lambda: [("", "From the text (else UTC)"), *time_zone_choices()],
        help_text="The zone of time stamps that do not name one.",
    )
    publish = forms.BooleanField(required=False, help_text="Publish it at once (else a draft).")

    def import_options(self, dry_run: bool) -> Options:
        data = self.cleaned_data
        return Options(
            kind=data["kind"],
            date=data["date"],
            time_zone=data["time_zone"] or None,
            publish=data["publish"],
            dry_run=dry_run,
        )


class UploadForm(ImportOptionsForm):
    document = forms.FileField(help_text="A plain-text live log, digest or article.")
    field_order = ["document", "kind", "date", "time_zone", "publish"]

    def clean_document(self):
        document = self.cleaned_data["document"]
        if document.size > max_bytes():
            raise forms.ValidationError(
                f"The file is {document.size / 1e6:.1f} MB; the limit is "
                f"{max_bytes() / 1e6:.1f} MB."
            )
        # Read as the importer will: a file that is not text (a photo, a PDF) is refused
        # here, on the form, rather than after a preview with nothing to go back to.
        data = b"".join(document.chunks())
        document.seek(0)
        try:
            decode(data)
        except DocumentError as error:
            raise forms.ValidationError(
                f"“{document.name}” cannot be imported: {error}. Choose a plain-text file "
                "(.txt): copy the document's text into a text editor and save it as text."
            ) from error
        return document


class ConfirmForm(ImportOptionsForm):
    token = forms.CharField(widget=forms.HiddenInput)
    name = forms.CharField(widget=forms.HiddenInput, max_length=255)

    def clean_token(self):
        token = self.cleaned_data["token"]
        if not _TOKEN.match(token) or not (upload_folder() / token).is_dir():
            raise forms.ValidationError("This upload has expired: please upload the file again.")
        return token

    def clean_name(self):
        return Path(self.cleaned_data["name"]).name or "document.txt"


def _store(upload) -> tuple[str, str]:
    data = b"".join(upload.chunks())
    token = hashlib.sha256(data).hexdigest()
    folder = upload_folder() / token
    folder.mkdir(mode=0o700, exist_ok=True)
    name = Path(upload.name).name or "document.txt"
    (folder / name).write_bytes(data)
    return token, name


def _preview(request, context, form, token: str, name: str):
    """A dry run of the stored upload, shown with the form that confirms it. When the
    document states no date, the form asks for one and previews again."""
    report = import_paths([upload_folder() / token / name], form.import_options(dry_run=True))
    document = report.documents[0]
    confirm = ConfirmForm(initial={**form.cleaned_data, "token": token, "name": name})
    needs_date = document.error == NO_DATE
    for field in ("kind", "date", "time_zone", "publish"):
        if not (needs_date and field == "date"):
            confirm.fields[field].widget = forms.HiddenInput()
    if needs_date:
        confirm.fields["date"].required = True
        confirm.fields[
            "date"
        ].help_text = (
            "The document states no date: give the date of its first entry, then preview again."
        )
    zone = document.time_zone or "UTC"
    for entry in document.entries:
        # The admin's one way of writing a moment, in the zone the document was read in.
        moment = entry["posted_at"] and dt.datetime.fromisoformat(entry["posted_at"])
        entry["when"] = admin_moment(moment, zone) if moment else ""
    context.update(
        preview=asdict(document),
        zone_label="GMT" if zone == "UTC" else zone,
        count_lines=[counted(n, what) for what, n in document.counts.items() if n],
        document=document,
        confirm_form=confirm,
        form=form,
        needs_date=needs_date,
    )
    return TemplateResponse(request, TEMPLATE, context)


def imported_message(document) -> str:
    """What happened, and whether readers see it: an imported draft is not live."""
    done = {"created": "Imported", "updated": "Updated", "unchanged": "Already imported"}
    what = f"{done.get(document.status, document.status.capitalize())} “{document.title}”"
    published = Briefing.objects.filter(pk=document.briefing_id).published().exists()
    if published:
        return f"{what}: it is published, readers see it."
    return f"{what} as a draft: readers do not see it until it is published."


def import_view(model_admin, request):
    """Step 1, GET: the upload form. Step 2, POST with a file: the preview (again, with a
    date, when the document states none). Step 3, POST "confirm": the import itself, then
    back to the briefing; or "cancel": the upload is deleted."""
    if not model_admin.has_add_permission(request):
        raise PermissionDenied
    expire_uploads()
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.model._meta,
        "title": "Import a document",
    }
    if request.method == "POST" and "cancel" in request.POST:
        discard(request.POST.get("token", ""))
        messages.info(request, "Import cancelled: the uploaded file is deleted.")
        return HttpResponseRedirect(reverse("admin:briefings_briefing_import"))
    if request.method == "POST" and "preview" in request.POST:
        form = ConfirmForm(request.POST)
        if form.is_valid():
            return _preview(
                request, context, form, form.cleaned_data["token"], form.cleaned_data["name"]
            )
        return TemplateResponse(request, TEMPLATE, {**context, "form": UploadForm()})
    if request.method == "POST" and "confirm" in request.POST:
        form = ConfirmForm(request.POST)
        if form.is_valid():
            token = form.cleaned_data["token"]
            path = upload_folder() / token / form.cleaned_data["name"]
            report = import_paths([path], form.import_options(dry_run=False))
            document = report.documents[0]
            if document.error == NO_DATE:
                return _preview(request, context, form, token, form.cleaned_data["name"])
            discard(token)
            if document.status == "failed":
                messages.error(
                    request,
                    f"{Path(document.path).name} was not imported: {document.error}. "
                    "Nothing was saved; upload it again below.",
                )
            else:
                messages.success(request, imported_message(document))
                # After a dry run, a rollback leaves no id: only a real import redirects.
                return HttpResponseRedirect(
                    reverse("admin:briefings_briefing_change", args=[document.briefing_id])
                )
        else:
            for errors in form.errors.values():
                messages.error(request, " ".join(errors))
        # Back to the upload form: the confirming form has only hidden fields to show.
        return TemplateResponse(request, TEMPLATE, {**context, "form": UploadForm()})
    if request.method == "POST":
        form = UploadForm(request.POST, request.FILES)
        if form.is_valid():
            token, name = _store(form.cleaned_data["document"])
            return _preview(request, context, form, token, name)
    else:
        form = UploadForm()
    return TemplateResponse(request, TEMPLATE, {**context, "form": form})
