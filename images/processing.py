"""Reading an uploaded image safely, storing it without metadata, and its renditions.

An upload is read by Pillow, never trusted by its name or type: only JPEG, PNG, GIF, WebP
and TIFF are opened at all (SVG is text that may carry script; anything Pillow cannot
identify is not an image), its pixel count is checked before it is decoded (decompression
bombs), and its byte size before it is read. What is stored is re-encoded from the pixels
alone, after the EXIF orientation is applied: no EXIF, GPS position, maker notes, XMP or
comments survive, in the stored file or any rendition made from it. CMYK is converted to
RGB, 16-bit greyscale scaled to 8 bits, an animation keeps its first frame, palette and
greyscale images become RGB(A); progressive JPEGs read like any other.

Renditions are django-imagekit specs of the stored file — WebP and JPEG at each of
``NEWSROOM_IMAGE_WIDTHS`` narrower than the image, and the image's own width — generated
when the file is stored; their URLs are built from their names without asking the storage.
"""

import io
import warnings
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from imagekit import ImageSpec
from imagekit.cachefiles import ImageCacheFile
from imagekit.processors import ResizeToFit
from imagekit.utils import process_image
from PIL import Image as PILImage
from PIL import ImageOps, UnidentifiedImageError

# The formats Pillow may open: raster images only. Everything else is refused unread.
ACCEPTED_FORMATS = ("JPEG", "PNG", "GIF", "WEBP", "TIFF")
# How much of a file is looked at for markup (SVG, HTML) before Pillow sees it.
SNIFF_BYTES = 1024
JPEG_QUALITY = 85
WEBP_QUALITY = 80
STORED_JPEG_QUALITY = 92


@dataclass
class CleanImage:
    """An upload read, checked and re-encoded: the bytes to store and what they are."""

    content: bytes
    extension: str  # "jpg" or "png"
    width: int
    height: int
    # The decoded pixels, so that the renditions are not decoded from the file eight times.
    picture: PILImage.Image | None = field(default=None, repr=False, compare=False)


def refuse(message: str) -> ValidationError:
    return ValidationError(message, code="invalid_image")


def read_upload(upload) -> CleanImage:
    """The upload as a clean image, or ValidationError with a message an editor can act on.

    Nothing is stored here: the caller stores ``content`` once everything else is valid.
    """
    limit = settings.NEWSROOM_IMAGE_MAX_BYTES
    size = getattr(upload, "size", None)
    if size is not None and size > limit:
        raise refuse(
            f"This file is {filesizeformat(size)}; images may be at most "
            f"{filesizeformat(limit)}. Export a smaller JPEG and upload that."
        )
    upload.seek(0)
    data = upload.read(limit + 1)
    if len(data) > limit:
        raise refuse(f"This file is over {filesizeformat(limit)}, the most an image may be.")
    if not data:
        raise refuse("The file is empty.")
    head = data[:SNIFF_BYTES].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"<", b"<?xml")) or b"<svg" in head:
        raise refuse(
            "SVG and other markup files are not accepted: they can carry script. "
            "Export the image as PNG or JPEG."
        )
    with warnings.catch_warnings():
        # Over the pixel limit is a refusal, never a warning that lets the file through.
        warnings.simplefilter("error", PILImage.DecompressionBombWarning)
        try:
            picture = PILImage.open(io.BytesIO(data), formats=ACCEPTED_FORMATS)
            pixels = picture.width * picture.height
            if pixels > settings.NEWSROOM_IMAGE_MAX_PIXELS:
                raise refuse(_too_many_pixels(picture.width, picture.height))
            picture.seek(0)  # an animation: its first frame
            picture.load()
        except (PILImage.DecompressionBombError, PILImage.DecompressionBombWarning):
            raise refuse("This image has too many pixels to be opened safely.") from None
        except UnidentifiedImageError:
            raise refuse(
                "This file is not an image Newsroom can read, whatever its name says: "
                "upload a JPEG, PNG, GIF or WebP."
            ) from None
        except (OSError, SyntaxError, ValueError, EOFError) as error:
            raise refuse(
                f"This image is damaged or incomplete and cannot be read ({error})."
            ) from None
    return _clean(picture)


def _too_many_pixels(width: int, height: int) -> str:
    limit = settings.NEWSROOM_IMAGE_MAX_PIXELS
    return (
        f"This image is {width:,} × {height:,} pixels; images may have at most {limit:,} "
        "pixels. Resize it and upload it again."
    )


def _clean(picture: PILImage.Image) -> CleanImage:
    source_format = picture.format
    picture = ImageOps.exif_transpose(picture)  # orientation first, then the EXIF goes
    picture = _to_rgb(picture)
    # A new image from the pixels alone: no EXIF, GPS, maker notes, XMP, ICC or comments.
    clean = PILImage.new(picture.mode, picture.size)
    clean.paste(picture)
    out = io.BytesIO()
    if clean.mode == "RGBA" or source_format in ("PNG", "GIF"):
        clean.save(out, "PNG", optimize=True)
        extension = "png"
    else:
        clean.save(out, "JPEG", quality=STORED_JPEG_QUALITY, optimize=True)
        extension = "jpg"
    return CleanImage(out.getvalue(), extension, clean.width, clean.height, clean)


def _to_rgb(picture: PILImage.Image) -> PILImage.Image:
    """RGB, or RGBA when the image has transparency."""
    mode = picture.mode
    if mode in ("I;16", "I;16B", "I;16L", "I;16N", "I"):
        # 16-bit greyscale: scaled to 8 bits (a plain convert() would clip it to white).
        picture = picture.convert("I").point(lambda value: value * (1 / 256)).convert("L")
        mode = "L"
    if mode == "F":
        picture = picture.convert("L")
    has_alpha = mode in ("RGBA", "LA", "PA") or (mode == "P" and "transparency" in picture.info)
    if has_alpha:
        picture = picture.convert("RGBA")
        if picture.getextrema()[3][0] == 255:  # transparency nowhere used
            picture = picture.convert("RGB")
        return picture
    return picture.convert("RGB")  # CMYK, YCbCr, L, P, 1 …


def store(image, clean: CleanImage) -> None:
    """Store ``clean`` as ``image``'s file under a new key, with its renditions."""
    from .models import new_key

    image.key = new_key()  # a new file never takes an old name a cache may still hold
    image.file.save(f"image.{clean.extension}", ContentFile(clean.content), save=False)
    image.width, image.height, image.file_size = clean.width, clean.height, len(clean.content)
    # Every rendition from the pixels already decoded, narrowed once to the widest rendition
    # first: a 12-megapixel photo took 7 s when each of its eight renditions decoded and
    # narrowed the stored file again, under 3 s this way (measured on the development machine).
    base = clean.picture
    widest = max(rendition_widths(clean.width))
    if base is not None and base.width > widest:
        height = max(1, round(base.height * widest / base.width))
        base = base.resize((widest, height), PILImage.Resampling.LANCZOS)
    for rendition in renditions(image):
        rendition.file.generator.decoded = base
        rendition.file.generate()


# Renditions ---------------------------------------------------------------------------------


class Spec(ImageSpec):
    """One rendition: the stored image narrowed to ``width`` in ``format``."""

    autoconvert = True

    def __init__(self, source, width: int, format: str):
        self.processors = [ResizeToFit(width=width, upscale=False)]
        self.format = format
        self.options = (
            {"quality": WEBP_QUALITY, "method": 4}
            if format == "WEBP"
            else {"quality": JPEG_QUALITY, "optimize": True, "progressive": True}
        )
        super().__init__(source)
        self.cachefile_storage = source.storage  # beside the stored file, wherever it is
        self.decoded = None  # the stored file's pixels, when the caller has them (store())

    def generate(self):
        if self.decoded is None:
            return super().generate()
        return process_image(
            self.decoded.copy(),
            processors=self.processors,
            format=self.format,
            autoconvert=self.autoconvert,
            options=self.options,
        )


@dataclass
class Rendition:
    width: int
    height: int
    format: str  # "WEBP" or "JPEG"
    file: ImageCacheFile

    @property
    def url(self) -> str:
        return self.file.url

    @property
    def mime_type(self) -> str:
        return "image/webp" if self.format == "WEBP" else "image/jpeg"


def rendition_widths(width: int) -> list[int]:
    """The configured widths narrower than the image, and its own width if it is not
    wider than the widest: never an enlargement."""
    configured = settings.NEWSROOM_IMAGE_WIDTHS
    widths = [w for w in configured if w < width]
    if not configured or width <= configured[-1]:
        widths.append(width)
    return widths


def renditions(image) -> list[Rendition]:
    """Every rendition of ``image``, WebP ones first, narrowest first; none for a slot."""
    if not image.file or not image.width:
        return []
    found = []
    widths = rendition_widths(image.width)
    # As store() makes them: from the image narrowed to the widest rendition, each size
    # rounded as pilkit's ResizeToFit rounds it, so width and height attributes are exact.
    base_width = min(image.width, widths[-1])
    base_height = max(1, round(image.height * base_width / image.width))
    for format in ("WEBP", "JPEG"):
        for width in widths:
            height = max(1, round(base_height * width / base_width))
            found.append(
                Rendition(width, height, format, ImageCacheFile(Spec(image.file, width, format)))
            )
    return found


def share_rendition(image) -> Rendition | None:
    """The JPEG link previews show (og:image, feeds): 1200 px wide where the image is."""
    jpegs = [r for r in renditions(image) if r.format == "JPEG"]
    wide = [r for r in jpegs if r.width >= 1200]
    return (wide[0] if wide else jpegs[-1]) if jpegs else None
