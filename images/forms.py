"""The image library's form, and the photo part of the quick "Post update" form."""

from django import forms
from django.db import transaction

from .models import TEXT_FIELDS, Image, UpdateImage, clean_text
from .processing import read_upload, store

ACCEPT = "image/jpeg,image/png,image/gif,image/webp"


def clean_texts(cleaned: dict) -> None:
    """The words as they will be saved (no tags, no direction overrides), so that alt text
    made only of markup counts as missing here instead of failing at the database."""
    for name in TEXT_FIELDS:
        if isinstance(cleaned.get(name), str):
            cleaned[name] = clean_text(cleaned[name])


ALT_REQUIRED = (
    "Describe the image for readers who cannot see it, or tick “decorative” if it adds "
    "nothing to the text."
)


class DropZone(forms.ClearableFileInput):
    """A plain file input, styled as a large area: browsers accept a file dropped on it."""

    class Media:
        css = {"all": ["images/admin.css"]}

    def __init__(self, attrs=None):
        super().__init__({"accept": ACCEPT, "class": "image-drop", **(attrs or {})})


class ImageForm(forms.ModelForm):
    upload = forms.FileField(
        label="Image file",
        required=False,
        widget=DropZone,
        help_text="Drop a JPEG, PNG, GIF or WebP here, or choose one. Its location and camera "
        "details are removed when it is stored.",
    )

    class Meta:
        model = Image
        fields = ["upload", "kind", "alt_text", "is_decorative", "caption", "credit"]
        fields += ["source", "rights"]
        widgets = {
            "caption": forms.Textarea(attrs={"rows": 2, "cols": 80}),
            "alt_text": forms.Textarea(attrs={"rows": 2, "cols": 80}),
        }

    def clean_upload(self):
        upload = self.cleaned_data.get("upload")
        if not upload:
            return None
        return read_upload(upload)  # ValidationError with the reason, nothing stored

    def clean(self):
        cleaned = super().clean()
        clean_texts(cleaned)
        has_file = bool(cleaned.get("upload")) or bool(self.instance.file)
        if has_file and not cleaned.get("alt_text") and not cleaned.get("is_decorative"):
            self.add_error("alt_text", ALT_REQUIRED)
        return cleaned

    def save(self, commit=True):
        image = super().save(commit=False)
        if self.cleaned_data.get("upload"):
            store(image, self.cleaned_data["upload"])
        if commit:
            image.save()
        return image


class QuickImageForm(forms.Form):
    """A photo with its words, posted with a quick update (briefings.forms.QuickUpdateForm)."""

    prefix = "image"

    upload = forms.FileField(
        label="Photo",
        required=False,
        widget=DropZone,
        help_text="Optional. Drop a JPEG, PNG, GIF or WebP here, or choose one.",
    )
    alt_text = forms.CharField(
        label="Alt text",
        required=False,
        max_length=500,
        help_text="What the photo shows, for readers who cannot see it.",
        widget=forms.TextInput(attrs={"size": 60}),
    )
    is_decorative = forms.BooleanField(label="Decorative", required=False)
    caption = forms.CharField(
        required=False, max_length=1000, widget=forms.TextInput(attrs={"size": 60})
    )
    credit = forms.CharField(
        required=False,
        max_length=300,
        help_text="“Photograph: Jane Doe/Reuters”.",
        widget=forms.TextInput(attrs={"size": 40}),
    )

    def clean_upload(self):
        upload = self.cleaned_data.get("upload")
        return read_upload(upload) if upload else None

    def clean(self):
        cleaned = super().clean()
        clean_texts(cleaned)
        if cleaned.get("upload"):
            if not cleaned.get("alt_text") and not cleaned.get("is_decorative"):
                self.add_error("alt_text", ALT_REQUIRED)
        elif "upload" not in self.errors and any(
            cleaned.get(name) for name in ("alt_text", "caption", "credit")
        ):
            self.add_error("upload", "Choose the photo these words describe, or clear them.")
        return cleaned

    def attach(self, update, user) -> None:
        """Store the photo (if one was given) and put it in ``update``'s gallery."""
        clean = self.cleaned_data.get("upload")
        if not clean:
            return
        with transaction.atomic():
            image = Image(
                alt_text=self.cleaned_data["alt_text"],
                is_decorative=self.cleaned_data["is_decorative"],
                caption=self.cleaned_data["caption"],
                credit=self.cleaned_data["credit"],
                uploaded_by=user,
            )
            store(image, clean)
            image.save()
            UpdateImage.objects.create(update=update, image=image, position=0)
