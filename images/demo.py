"""The demo's picture: an illustration drawn here, in code, for the demo's (fictional) live
briefing. Nothing photographed, nobody real: its alt text says exactly what is drawn."""

import io

from django.db import transaction
from PIL import Image as PILImage
from PIL import ImageDraw, ImageFilter

from briefings.demo import IMPORT_KEY
from briefings.models import Briefing

from .models import Image, LeadImage, UpdateImage
from .processing import read_upload, store

ALT = (
    "Illustration: a long oval negotiating table seen from above, ten empty chairs around "
    "it, water glasses and folders at each place, under a wide window."
)
CAPTION = "The room where the envoys meet, as the demo imagines it."
CREDIT = "Illustration: Newsroom demo"
RIGHTS = "Own work, drawn in code for the demo (images/demo.py)."


def draw(width: int = 1600, height: int = 900) -> bytes:
    """A negotiating room from above: floor, window, table, chairs, glasses, folders."""
    room = PILImage.new("RGB", (width, height), (226, 222, 212))
    pen = ImageDraw.Draw(room)
    for y in range(0, height, 60):  # floorboards
        pen.line([(0, y), (width, y)], fill=(214, 208, 196), width=2)
    pen.rectangle([0, 0, width, 110], fill=(172, 196, 214))  # the window along one wall
    for x in range(0, width, 200):
        pen.line([(x, 0), (x, 110)], fill=(120, 130, 140), width=6)
    pen.rectangle([0, 104, width, 118], fill=(120, 130, 140))
    cx, cy, rx, ry = width // 2, height // 2 + 50, 560, 210
    shadow = PILImage.new("L", (width, height), 0)
    ImageDraw.Draw(shadow).ellipse([cx - rx + 20, cy - ry + 30, cx + rx + 20, cy + ry + 30], 110)
    room.paste((150, 144, 132), mask=shadow.filter(ImageFilter.GaussianBlur(18)))
    chairs = [(cx + dx, cy - ry - 70) for dx in (-360, -120, 120, 360)]
    chairs += [(cx + dx, cy + ry + 70) for dx in (-360, -120, 120, 360)]
    chairs += [(cx - rx - 70, cy), (cx + rx + 70, cy)]
    for x, y in chairs:
        pen.rounded_rectangle([x - 48, y - 44, x + 48, y + 44], radius=18, fill=(58, 70, 92))
    pen.ellipse([cx - rx, cy - ry, cx + rx, cy + ry], fill=(122, 84, 52))  # the table
    pen.ellipse([cx - rx + 24, cy - ry + 20, cx + rx - 24, cy + ry - 20], fill=(138, 96, 60))
    for x, y in chairs:  # a folder and a glass at each place, facing its chair
        fx = x + (cx - x) * 0.28
        fy = y + (cy - y) * 0.42
        pen.rectangle([fx - 34, fy - 22, fx + 34, fy + 22], fill=(236, 232, 220))
        pen.line([(fx - 24, fy - 6), (fx + 24, fy - 6)], fill=(160, 160, 160), width=3)
        pen.line([(fx - 24, fy + 6), (fx + 14, fy + 6)], fill=(160, 160, 160), width=3)
        pen.ellipse([fx + 44, fy - 12, fx + 68, fy + 12], fill=(200, 224, 236))
    pen.ellipse([cx - 60, cy - 28, cx + 60, cy + 28], fill=(92, 130, 84))  # a plant
    out = io.BytesIO()
    room.save(out, "PNG")
    return out.getvalue()


class _Upload(io.BytesIO):
    name = "illustration.png"

    @property
    def size(self) -> int:
        return len(self.getvalue())


@transaction.atomic
def add_demo_images() -> int:
    """Give the demo's live briefing its lead image and put the same image in its original
    entry (one image, used twice, as the library allows); 0 when it has one already."""
    briefing = Briefing.objects.filter(import_key=IMPORT_KEY).first()
    if briefing is None or LeadImage.objects.filter(briefing=briefing).exists():
        return 0
    image = Image(
        kind=Image.Kind.GRAPHIC, alt_text=ALT, caption=CAPTION, credit=CREDIT, rights=RIGHTS
    )
    store(image, read_upload(_Upload(draw())))
    image.save()
    LeadImage.objects.create(briefing=briefing, image=image)
    original = briefing.updates.filter(is_original_entry=True).first()
    if original is not None:
        UpdateImage.objects.create(update=original, image=image)
    return 1
