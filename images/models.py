"""Images: a library of pictures and maps with their alt text, caption, credit and rights, the
galleries of updates and the lead images of briefings.

An image is stored once, stripped of its metadata (images.processing), under a name made of
a random key that is never reused: pages, feeds and caches may keep its URLs for a year.
An image without a file is a *slot*: the importer found a photo caption or credit line but
not the photo; the admin lists slots for an editor to attach the file, and readers see
nothing of them.

Dependencies point one way: this app imports ``briefings``; ``briefings`` reaches the
galleries only by the relation's name (``Update.gallery``, ``Briefing.lead_image``).
"""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils import timezone

from briefings.models import DIRECTION_OVERRIDES, Briefing, Update, briefing_changed, remove_tags

TEXT_FIELDS = ("alt_text", "caption", "credit", "rights")


def clean_text(value: str) -> str:
    """As every one-line field of Newsroom (briefings.models.text): no direction overrides
    that make text read backwards, nothing shaped like a tag."""
    return remove_tags(value.translate(DIRECTION_OVERRIDES)).strip()


def new_key() -> str:
    """22 random URL-safe characters: a stored name nobody can guess."""
    return secrets.token_urlsafe(16)


def upload_to(instance: "Image", filename: str) -> str:
    # The uploaded name is dropped: a phone's "IMG_…_Kyiv.jpg" may say where and when.
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "jpg"
    return f"images/{instance.key}.{extension}"


class ImageQuerySet(models.QuerySet):
    def public(self) -> "ImageQuerySet":
        """Images readers may see: in the gallery of a published update, or the lead image
        of a published briefing. Slots (no file yet) never are."""
        in_gallery = UpdateImage.objects.filter(
            image=OuterRef("pk"), update__in=Update.objects.published()
        )
        as_lead = LeadImage.objects.filter(
            image=OuterRef("pk"), briefing__in=Briefing.objects.published()
        )
        return self.exclude(file="").filter(Exists(in_gallery) | Exists(as_lead))

    def slots(self) -> "ImageQuerySet":
        return self.filter(file="")


class Image(models.Model):
    class Kind(models.TextChoices):
        PHOTO = "photo", "Photograph"
        MAP = "map", "Map"
        GRAPHIC = "graphic", "Graphic or chart"

    key = models.CharField(max_length=32, unique=True, default=new_key, editable=False)
    file = models.FileField(upload_to=upload_to, max_length=300, blank=True, editable=False)
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.PHOTO)
    alt_text = models.CharField(
        "alt text",
        max_length=500,
        blank=True,
        help_text="What the image shows, for readers who cannot see it. Required unless the "
        "image is decorative.",
    )
    is_decorative = models.BooleanField(
        "decorative",
        default=False,
        help_text="Tick only when the image adds nothing to the text: screen readers skip it.",
    )
    caption = models.CharField(max_length=1000, blank=True)
    credit = models.CharField(
        max_length=300, blank=True, help_text="“Photograph: Jane Doe/Reuters”, “Map: ISW”."
    )
    source = models.ForeignKey(
        "briefings.Source",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="images",
        help_text="The outlet that supplied the image, if one did.",
    )
    rights = models.CharField(
        "rights note",
        max_length=500,
        blank=True,
        help_text="Licence or agreement: “Reuters subscription”, “CC BY 4.0”, “Own work”.",
    )
    width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    file_size = models.PositiveIntegerField(null=True, blank=True, editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    # Slots the importer made: re-importing the document finds them instead of adding more.
    import_key = models.CharField(max_length=64, null=True, unique=True, editable=False)  # noqa: DJ001
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ImageQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(file="") | Q(is_decorative=True) | ~Q(alt_text=""),
                name="image_has_alt_text_or_is_decorative",
            ),
            models.CheckConstraint(
                condition=Q(kind__in=["photo", "map", "graphic"]), name="image_kind_is_known"
            ),
        ]

    def __str__(self):
        text = self.alt_text or self.caption or self.credit or f"Image {self.key}"
        return f"{text[:80]}{' (slot: no file yet)' if self.is_slot else ''}"

    def save(self, *args, **kwargs):
        for name in TEXT_FIELDS:
            setattr(self, name, clean_text(getattr(self, name)))
        super().save(*args, **kwargs)
        touch_pages_showing(self)

    @property
    def is_slot(self) -> bool:
        return not self.file

    @property
    def alt(self) -> str:
        """The img element's alt: empty for a decorative image, as WCAG asks."""
        return "" if self.is_decorative else self.alt_text

    # Renditions (images.processing): made when the file is stored, named by a hash.

    def renditions(self):
        from .processing import renditions

        return renditions(self)

    def share_rendition(self):
        from .processing import share_rendition

        return share_rendition(self)


def touch_pages_showing(image: Image) -> None:
    """An image's text or file changed: the updates and briefings showing it changed too."""
    if image.pk is None:
        return
    update_ids = list(
        UpdateImage.objects.filter(image=image).values_list("update_id", flat=True).distinct()
    )
    touch_updates(update_ids)
    briefing_ids = LeadImage.objects.filter(image=image).values_list("briefing_id", flat=True)
    touch_briefings(list(briefing_ids))


def touch_updates(update_ids) -> None:
    """Move the updates' ``updated_at``, as saving a citation or correction does
    (briefings.models.PartOfUpdate): the live poller sends them again, feeds date them, and
    the briefing's version token moves, so every cache keyed on it misses. Their
    ``version``, the optimistic lock on the update's own fields, stays: an editor whose
    form is open on the update loses nothing because a photo was attached."""
    if not update_ids:
        return
    rows = Update.objects.filter(pk__in=update_ids)
    rows.update(updated_at=timezone.now())
    slugs = set(rows.values_list("briefing__slug", flat=True))
    briefing_changed(*slugs)


def touch_briefings(briefing_ids) -> None:
    if not briefing_ids:
        return
    rows = Briefing.objects.filter(pk__in=briefing_ids)
    rows.update(updated_at=timezone.now())
    briefing_changed(*rows.values_list("slug", flat=True))


class UpdateImage(models.Model):
    """An image in an update's gallery, in order."""

    update = models.ForeignKey(Update, on_delete=models.CASCADE, related_name="gallery")
    image = models.ForeignKey(Image, on_delete=models.PROTECT, related_name="in_galleries")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = "image in the update"
        verbose_name_plural = "images in the update"
        constraints = [
            models.UniqueConstraint(fields=["update", "image"], name="show_an_image_once"),
        ]

    def __str__(self):
        return str(self.image)


class LeadImage(models.Model):
    """The picture at the top of a briefing, and in its link previews."""

    briefing = models.OneToOneField(Briefing, on_delete=models.CASCADE, related_name="lead_image")
    image = models.ForeignKey(Image, on_delete=models.PROTECT, related_name="as_lead")

    class Meta:
        verbose_name = "lead image"

    def __str__(self):
        return str(self.image)


# Signals rather than save()/delete(): a queryset's delete() (the admin's bulk delete, an
# inline's removal) sends post_delete for each row too.
@receiver(post_save, sender=UpdateImage, dispatch_uid="images_gallery_saved")
@receiver(post_delete, sender=UpdateImage, dispatch_uid="images_gallery_deleted")
def _gallery_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        touch_updates([instance.update_id])


@receiver(post_save, sender=LeadImage, dispatch_uid="images_lead_saved")
@receiver(post_delete, sender=LeadImage, dispatch_uid="images_lead_deleted")
def _lead_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        touch_briefings([instance.briefing_id])
