from django.apps import AppConfig


class ImagesConfig(AppConfig):
    name = "images"
    verbose_name = "Images"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Connected here, so that the briefings app imports nothing of this one: the
        # quick post's photo, and the importer's photo captions and credits as image slots.
        from briefings.forms import QuickUpdateForm
        from briefings.importing.load import document_loaded

        from . import forms, importing

        if forms.QuickImageForm not in QuickUpdateForm.parts:
            QuickUpdateForm.parts.append(forms.QuickImageForm)
        document_loaded.connect(importing.make_slots, dispatch_uid="images_make_slots")
