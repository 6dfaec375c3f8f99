"""Importing a document from the admin: upload, preview (a dry run), then confirm or cancel.

The uploaded bytes wait between the two steps in a private folder, named by their SHA-256,
so the confirming request carries only that name and the options — never the document.
"""

import hashlib
import re
import tempfile
from dataclasses import asdict
from pathlib import Path

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse

from .fields import time_zone_choices
from .importing.pipeline import Options, import_paths, max_bytes

KIND_CHOICES = [
    ("auto", "Detect from the text"),
    ("live", "Live log"),
    ("digest", "Digest"),
    ("article", "Article"),
]
TEMPLATE = "admin/briefings/briefing/import.html"
_TOKEN = re.compile(r"^[0-9a-f]{64}$")


def upload_folder() -> Path:
    folder = Path(tempfile.gettempdir()) / "newsroom-imports"
    folder.mkdir(mode=0o700, exist_ok=True)
    return folder


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


def import_view(model_admin, request):
    """Step 1, GET: the upload form. Step 2, POST with a file: the preview. Step 3, POST
    "confirm": the import itself, then back to the briefing."""
    if not model_admin.has_add_permission(request):
        raise PermissionDenied
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.model._meta,
        "title": "Import a document",
    }
    if request.method == "POST" and "confirm" in request.POST:
        form = ConfirmForm(request.POST)
        if form.is_valid():
            path = upload_folder() / form.cleaned_data["token"] / form.cleaned_data["name"]
            report = import_paths([path], form.import_options(dry_run=False))
            document = report.documents[0]
            if document.status == "failed":
                messages.error(request, f"{document.path}: {document.error}")
            else:
                messages.success(request, f"{document.status.capitalize()}: “{document.title}”.")
                # After a dry run, a rollback leaves no id: only a real import redirects.
                return HttpResponseRedirect(
                    reverse("admin:briefings_briefing_change", args=[document.briefing_id])
                )
        return TemplateResponse(request, TEMPLATE, {**context, "form": form})
    if request.method == "POST":
        form = UploadForm(request.POST, request.FILES)
        if form.is_valid():
            token, name = _store(form.cleaned_data["document"])
            report = import_paths(
                [upload_folder() / token / name], form.import_options(dry_run=True)
            )
            document = report.documents[0]
            confirm = ConfirmForm(initial={**form.cleaned_data, "token": token, "name": name})
            for field in ("kind", "date", "time_zone", "publish"):
                confirm.fields[field].widget = forms.HiddenInput()
            context.update(
                preview=asdict(document), document=document, confirm_form=confirm, form=form
            )
            return TemplateResponse(request, TEMPLATE, context)
    else:
        form = UploadForm()
    return TemplateResponse(request, TEMPLATE, {**context, "form": form})
