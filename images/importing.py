"""What the importer finds of pictures it cannot fetch: a photo caption or credit line in a
document becomes an image *slot* (an Image without a file) with that caption and credit,
listed in the admin for an editor to attach the file.

Connected to ``briefings.importing.load.document_loaded`` in ``ImagesConfig.ready()``. The
lines come from where the importer keeps them: the document's credit (its header's photo
captions and credits, joined with " · ") and a title that is a wire photo's caption
("Ukraine Foreign Minister … , Brussels, Belgium, November 13, 2024"). The text stays where
the importer put it too: "Photograph: X/Reuters" remains a credit.
"""

import hashlib
import re

from briefings.importing.header import is_caption
from briefings.models import Briefing, Update

from .models import Image, LeadImage, UpdateImage

MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
# A wire photo's caption ends in its place and date: "…, Brussels, Belgium, November 13, 2024".
PLACE = r"[A-Z][\w .’'-]+"
DATELINE_CAPTION = re.compile(
    rf"^[^.!?]{{10,}},\s*{PLACE},\s*(?:{PLACE},\s*)?(?:{MONTHS})\s+\d{{1,2}},\s+\d{{4}}\.?$"
)
MAP = re.compile(r"^(?:map|graphic|chart)\s*:\s*\S", re.IGNORECASE)
# "… (AP Photo/Efrem Lukatsky)", "… Photograph: Genya Savilov/AFP"
TRAILING_CREDIT = re.compile(
    r"^(?P<caption>.*?)\s*(?:\((?P<paren>[^()]*\b(?:photo|image|picture)s?\b[^()]*)\)"
    r"|(?P<label>\b(?:photograph|photo|image|picture)\s*:\s*.+))\s*$",
    re.IGNORECASE,
)


def slot_lines(briefing: Briefing, document) -> list[tuple[str, str, str]]:
    """(kind, caption, credit) for each picture the document mentions, in its order."""
    found = []
    title = (document.title or "").strip()
    if DATELINE_CAPTION.match(title):
        found.append((Image.Kind.PHOTO, title, ""))
    for line in (document.credit or "").split(" · "):
        line = line.strip()
        if not line:
            continue
        if MAP.match(line):
            kind = Image.Kind.MAP if line[:3].lower() == "map" else Image.Kind.GRAPHIC
            found.append((kind, "", line))
        elif is_caption(line):
            match = TRAILING_CREDIT.match(line)
            if match:
                credit = match.group("paren") or match.group("label")
                found.append((Image.Kind.PHOTO, match.group("caption").strip(), credit.strip()))
            else:
                found.append((Image.Kind.PHOTO, line, ""))
        elif DATELINE_CAPTION.match(line):
            found.append((Image.Kind.PHOTO, line, ""))
    return found


def make_slots(sender, briefing: Briefing, document, **kwargs) -> list[Image]:
    """Image slots for ``document``'s pictures: the first the briefing's lead image, the
    others in its original entry's gallery (or its earliest update's). Importing the same
    document again finds them (``Image.import_key``)."""
    made = []
    lead_taken = LeadImage.objects.filter(briefing=briefing).exists()
    for kind, caption, credit in slot_lines(briefing, document):
        key = hashlib.sha256(
            f"{briefing.import_key or briefing.pk}\n{kind}\n{caption}\n{credit}".encode()
        ).hexdigest()
        if Image.objects.filter(import_key=key).exists():
            continue
        image = Image(kind=kind, caption=caption[:1000], credit=credit[:300], import_key=key)
        image.save()
        made.append(image)
        if not lead_taken:
            LeadImage.objects.create(briefing=briefing, image=image)
            lead_taken = True
            continue
        updates = Update.objects.filter(briefing=briefing)
        entry = (
            updates.filter(is_original_entry=True).first()
            or updates.order_by("posted_at", "position", "pk").first()
        )
        if entry is not None:
            UpdateImage.objects.create(update=entry, image=image, position=99)
    return made
