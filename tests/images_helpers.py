"""Pictures for the image tests, made with Pillow: a phone photo with GPS and maker notes,
and files that must be refused. Shared by test_images*.py, the injection battery and the
draft-leak sweep."""

import io
import struct
import zlib

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage
from PIL import ImageDraw

from images.models import Image
from images.processing import read_upload, store

# What a phone writes and nobody should publish: where the photo was taken, and which phone.
SECRET_MAKE = "PhoneMaker-SECRET"
SECRET_MODEL = "Model-X-SECRET-9"
SECRET_NOTE = b"MAKERNOTE-SECRET-SERIAL-1234567"
GPS_LATITUDE = (50.0, 27.0, 12.34)  # 50°27′12.34″ N: Kyiv


def drawn(size=(1600, 1000), mode="RGB", colour=(40, 90, 160)) -> PILImage.Image:
    picture = PILImage.new(mode, size, colour if mode in ("RGB", "RGBA") else 128)
    if mode in ("RGB", "RGBA"):
        draw = ImageDraw.Draw(picture)
        w, h = size
        draw.rectangle([w // 8, h // 8, w // 2, h // 2], fill=(220, 180, 40))
        draw.ellipse([w // 2, h // 3, w - w // 8, h - h // 8], fill=(200, 40, 40))
    return picture


def phone_photo(size=(1600, 1000), orientation=6, **save) -> bytes:
    """A JPEG as a phone writes it: EXIF with make, model, GPS position, a maker note and an
    orientation tag (6: the camera was turned, show it rotated 90° clockwise)."""
    picture = drawn(size)
    exif = PILImage.Exif()
    exif[0x010F] = SECRET_MAKE
    exif[0x0110] = SECRET_MODEL
    exif[0x0112] = orientation
    gps = exif.get_ifd(0x8825)
    gps.update({1: "N", 2: GPS_LATITUDE, 3: "E", 4: (30.0, 31.0, 24.0)})
    ifd = exif.get_ifd(0x8769)
    ifd[0x927C] = SECRET_NOTE  # MakerNote
    out = io.BytesIO()
    picture.save(out, "JPEG", exif=exif.tobytes(), quality=90, **save)
    return out.getvalue()


def encoded(picture: PILImage.Image, format: str, **save) -> bytes:
    out = io.BytesIO()
    picture.save(out, format, **save)
    return out.getvalue()


def bomb_png(width=40_000, height=40_000) -> bytes:
    """A PNG whose header claims ``width`` × ``height`` pixels: tiny on disk, gigabytes once
    decoded. Pillow reads the header only before refusing it."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    data = zlib.compress(b"\x00" * 1024)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", data) + chunk(b"IEND", b"")
    )


def upload(data: bytes, name="photo.jpg", content_type="image/jpeg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=content_type)


def stored_image(data: bytes | None = None, **fields) -> Image:
    """An Image stored from ``data`` (a small drawn JPEG by default), as the admin stores it."""
    data = data or encoded(drawn((64, 40)), "JPEG")
    fields.setdefault("alt_text", "A drawn test picture")
    image = Image(**fields)
    store(image, read_upload(upload(data)))
    image.save()
    return image


def stored_bytes(image: Image) -> list[tuple[str, bytes]]:
    """(name, bytes) of the stored file and every rendition, read back from the storage."""
    found = []
    for name in [image.file.name, *(r.file.name for r in image.renditions())]:
        with image.file.storage.open(name, "rb") as handle:
            found.append((name, handle.read()))
    return found


def text_fields(model) -> list[str]:
    """The text an editor or the importer can set on ``model``, read from the model."""
    from django.db import models

    return [
        f.name
        for f in model._meta.concrete_fields
        if isinstance(f, models.CharField | models.TextField) and f.editable and not f.choices
    ]


def hostile_images(briefing, update, payload: str) -> Image:
    """An image whose every text field holds ``payload``, in ``update``'s gallery and as
    ``briefing``'s lead image: for the injection battery."""
    from images.models import LeadImage, UpdateImage

    fields = {
        name: payload[: Image._meta.get_field(name).max_length] for name in text_fields(Image)
    }
    fields["alt_text"] = f"Alt {payload}"  # a payload of tags alone leaves no alt text
    image = stored_image(**fields)
    UpdateImage.objects.create(update=update, image=image)
    LeadImage.objects.update_or_create(briefing=briefing, defaults={"image": image})
    return image
