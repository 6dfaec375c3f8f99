"""Images (images/): safe processing, the library and quick post, pages, feeds, JSON-LD, the
visibility of drafts' files, the importer's slots and query counts."""

import datetime as dt
import io
import json
import re
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from PIL import Image as PILImage

from briefings.models import Status, Update
from images.models import Image, LeadImage, UpdateImage
from images.processing import rendition_widths

from .factories import BriefingFactory, UpdateFactory
from .images_helpers import (
    SECRET_MAKE,
    SECRET_MODEL,
    SECRET_NOTE,
    bomb_png,
    drawn,
    encoded,
    phone_photo,
    stored_bytes,
    stored_image,
    upload,
)

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


def add_image(client, data: bytes, name="photo.jpg", **fields):
    values = {"kind": "photo", "alt_text": "Rescuers at a damaged building", **fields}
    return client.post(reverse("admin:images_image_add"), {"upload": upload(data, name), **values})


def status_of(client, url) -> tuple[int, str]:
    """Status and Cache-Control of ``url``, its file closed (FileResponse streams it)."""
    response = client.get(url)
    close_file(response)
    return response.status_code, response.get("Cache-Control", "")


def close_file(response) -> bytes:
    """The served file's bytes, read to the end: the test client then closes the response
    itself, with the database connection left alone. (response.close() would send
    request_finished again, which closes the test's connection on PostgreSQL.)"""
    return b"".join(response.streaming_content) if response.streaming else b""


def assert_no_metadata(name: str, data: bytes) -> None:
    """Read back from storage: no EXIF, GPS, maker note, XMP or camera name anywhere."""
    for secret in (SECRET_MAKE.encode(), SECRET_MODEL.encode(), SECRET_NOTE, b"Exif\x00\x00"):
        assert secret not in data, (name, secret)
    assert b"http://ns.adobe.com/xap" not in data, name
    picture = PILImage.open(io.BytesIO(data))
    assert not picture.getexif(), name
    assert not {"exif", "xmp", "XML:com.adobe.xmp", "comment"} & set(picture.info), name


# Processing ---------------------------------------------------------------------------------


def test_a_phone_photo_is_stored_and_served_without_gps_or_maker_notes(editor_client):
    original = phone_photo((1600, 1000), orientation=6)
    assert SECRET_NOTE in original and SECRET_MODEL.encode() in original  # the test's premise
    response = add_image(editor_client, original)
    assert response.status_code == 302, response.content.decode()[:2000]
    image = Image.objects.get()
    # Orientation applied before the EXIF went: the camera was turned, the stored image is too.
    assert (image.width, image.height) == (1000, 1600)
    files = stored_bytes(image)
    assert len(files) == 1 + 2 * len(rendition_widths(1000))
    for name, data in files:
        assert_no_metadata(name, data)
    # Served bytes are the stored bytes (to its staff uploader: it is on no page yet).
    for rendition in image.renditions():
        served = close_file(editor_client.get(rendition.url))
        assert_no_metadata(rendition.url, served)
        assert PILImage.open(io.BytesIO(served)).format == rendition.format


def test_the_uploaded_name_is_not_kept(editor_client):
    add_image(editor_client, phone_photo(), name="IMG_20241113_Kyiv_safehouse.jpg")
    names = [name for name, _ in stored_bytes(Image.objects.get())]
    assert not any("Kyiv" in name or "IMG_" in name for name in names)


@pytest.mark.parametrize("size", [(1000, 500), (2001, 1333)])
def test_renditions_are_webp_and_jpeg_at_each_width_narrower_than_the_image(db, size):
    image = stored_image(encoded(drawn(size), "JPEG"))
    widths = (480, 800, 1000) if size[0] == 1000 else (480, 800, 1200, 1600)
    assert {(r.format, r.width) for r in image.renditions()} == {
        (f, w) for f in ("WEBP", "JPEG") for w in widths
    }
    for rendition in image.renditions():
        with image.file.storage.open(rendition.file.name, "rb") as handle:
            picture = PILImage.open(handle)
            assert (picture.format, picture.size) == (
                rendition.format,
                (rendition.width, rendition.height),
            )


def cmyk_jpeg():
    return encoded(drawn((300, 200)).convert("CMYK"), "JPEG")


def sixteen_bit_png():
    picture = PILImage.new("I;16", (300, 200))
    picture.putdata([(x * 200) % 65536 for x in range(300 * 200)])
    return encoded(picture, "PNG")


def animated_gif():
    frames = [drawn((120, 80), colour=(c, 0, 0)).convert("P") for c in (0, 120, 240)]
    out = io.BytesIO()
    frames[0].save(out, "GIF", save_all=True, append_images=frames[1:], duration=100, loop=0)
    return out.getvalue()


def progressive_jpeg():
    return phone_photo((640, 480), orientation=1, progressive=True)


def transparent_png():
    return encoded(drawn((200, 100), mode="RGBA", colour=(0, 0, 0, 0)), "PNG")


def webp():
    return encoded(drawn((300, 200)), "WEBP")


@pytest.mark.parametrize(
    ("make", "size", "stored_format"),
    [
        (cmyk_jpeg, (300, 200), "JPEG"),
        (sixteen_bit_png, (300, 200), "PNG"),
        (animated_gif, (120, 80), "PNG"),
        (progressive_jpeg, (640, 480), "JPEG"),
        (transparent_png, (200, 100), "PNG"),
        (webp, (300, 200), "JPEG"),
    ],
    ids=["cmyk", "16-bit", "animated", "progressive", "transparent", "webp"],
)
def test_awkward_images_are_stored_in_rgb(editor_client, make, size, stored_format):
    response = add_image(editor_client, make(), name="picture.bin")
    assert response.status_code == 302, response.content.decode()[:3000]
    image = Image.objects.get()
    assert (image.width, image.height) == size
    for name, data in stored_bytes(image):
        picture = PILImage.open(io.BytesIO(data))
        assert picture.mode in ("RGB", "RGBA"), name
        assert getattr(picture, "n_frames", 1) == 1, name
    assert PILImage.open(io.BytesIO(stored_bytes(image)[0][1])).format == stored_format


def test_sixteen_bit_greyscale_is_scaled_not_clipped(db):
    image = stored_image(sixteen_bit_png())
    picture = PILImage.open(io.BytesIO(stored_bytes(image)[0][1])).convert("L")
    low, high = picture.getextrema()
    assert high - low > 100  # a clipped conversion would be white all over


REFUSED = {
    "text named .jpg": (b"Just some words, not a picture.\n" * 20, "photo.jpg", "not an image"),
    "svg": (
        b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)">'
        b"<script>alert(1)</script></svg>",
        "map.png",
        "SVG",
    ),
    "html": (b"<!doctype html><script>alert(1)</script>", "photo.jpeg", "SVG and other markup"),
    "pdf": (b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF", "scan.jpg", "not an image"),
    "decompression bomb": (bomb_png(), "bomb.png", "pixels"),
    "truncated jpeg": (phone_photo()[:300], "cut.jpg", "damaged"),
    "empty": (b"", "empty.jpg", "empty"),
}


@pytest.mark.parametrize("case", REFUSED, ids=list(REFUSED))
def test_bad_files_are_refused_with_a_message_and_nothing_stored(editor_client, settings, case):
    data, name, message = REFUSED[case]
    response = add_image(editor_client, data, name=name, caption="Kept in the form")
    assert response.status_code == 200
    text = response.content.decode()
    assert message in text, text[:3000]
    assert "Kept in the form" in text  # the editor's words are not thrown away
    assert not Image.objects.exists()
    assert not any(Path(settings.MEDIA_ROOT).rglob("*.*"))


def test_files_over_the_size_limit_are_refused(editor_client, settings):
    settings.NEWSROOM_IMAGE_MAX_BYTES = 10_000
    data = phone_photo((1600, 1000))
    assert len(data) > 10_000
    response = add_image(editor_client, data)
    assert "images may be at most" in response.content.decode()
    assert not Image.objects.exists()


def test_images_over_the_pixel_limit_are_refused(editor_client, settings):
    settings.NEWSROOM_IMAGE_MAX_PIXELS = 1000 * 1000
    response = add_image(editor_client, encoded(drawn((1200, 900)), "PNG"))
    assert "images may have at most 1,000,000 pixels" in response.content.decode()
    assert not Image.objects.exists()


def test_alt_text_of_markup_alone_counts_as_missing(editor_client):
    response = add_image(editor_client, phone_photo(), alt_text="<svg><circle r=1></circle></svg>")
    assert response.status_code == 200 and "Describe the image" in response.content.decode()
    assert not Image.objects.exists()


def test_alt_text_is_required_unless_decorative(editor_client):
    response = add_image(editor_client, phone_photo(), alt_text="")
    assert "Describe the image" in response.content.decode()
    assert not Image.objects.exists()
    response = add_image(editor_client, phone_photo(), alt_text="", is_decorative="on")
    assert response.status_code == 302
    assert Image.objects.get().alt == ""


def test_the_library_searches_and_flags_slots(editor_client):
    stored_image(alt_text="Envoys in Geneva", credit="Photograph: A. Person/Reuters")
    Image.objects.create(caption="A caption from an imported document")
    url = reverse("admin:images_image_changelist")
    html = editor_client.get(url, {"q": "Reuters"}).content.decode()
    assert "Envoys in Geneva" in html and "A caption from" not in html
    html = editor_client.get(url, {"file": "slot"}).content.decode()
    assert "Slot: attach the file" in html and "Envoys in Geneva" not in html
    html = editor_client.get(reverse("admin:images_image_add")).content.decode()
    assert 'type="file"' in html and 'accept="image/jpeg,image/png,image/gif,image/webp"' in html


# Pages, feeds, JSON-LD and the poll endpoint --------------------------------------------------


@pytest.fixture
def pictured(db):
    """A published live briefing with a lead image and an update with a photo."""
    briefing = BriefingFactory(title="Talks", coverage_start=timezone.now() - dt.timedelta(hours=1))
    update = UpdateFactory(briefing=briefing, body="Envoys arrived.")
    photo = stored_image(
        encoded(drawn((1600, 1000)), "JPEG"),
        alt_text="Two envoys shake hands",
        caption="Envoys in Geneva",
        credit="Photograph: A. Person/Reuters",
    )
    lead = stored_image(encoded(drawn((1600, 900)), "JPEG"), alt_text="The conference hall")
    UpdateImage.objects.create(update=update, image=photo)
    LeadImage.objects.create(briefing=briefing, image=lead)
    return briefing, update, photo, lead


def test_the_briefing_page_shows_pictures_sized_for_every_screen(client, pictured):
    briefing, _update, photo, _lead = pictured
    html = client.get(briefing.get_absolute_url()).content.decode()
    figure = html[html.index('id="update-') :]
    assert '<source type="image/webp" srcset="' in figure
    for rendition in photo.renditions():
        assert f"{rendition.url} {rendition.width}w" in figure
    assert 'alt="Two envoys shake hands"' in figure
    assert re.search(
        r'<img src="[^"]+" srcset="[^"]+" sizes="[^"]+" width="800" height="500"', figure
    )
    assert "Envoys in Geneva" in figure and "Photograph: A. Person/Reuters" in figure
    # The lead image is on the first screen: not lazy, fetched first.
    head = html[: html.index('id="update-')]
    assert 'alt="The conference hall" fetchpriority="high"' in head
    assert 'loading="lazy"' not in head


def test_link_previews_show_the_lead_image_with_its_size(client, pictured):
    briefing, update, photo, lead = pictured
    html = client.get(briefing.get_absolute_url()).content.decode()
    share = lead.share_rendition()
    assert (share.width, share.height) == (1200, 675)
    assert f'<meta property="og:image" content="http://127.0.0.1:8000{share.url}">' in html
    assert '<meta property="og:image:width" content="1200">' in html
    assert '<meta property="og:image:height" content="675">' in html
    assert '<meta property="og:image:alt" content="The conference hall">' in html
    assert '<meta name="twitter:card" content="summary_large_image">' in html
    update_html = client.get(update.get_absolute_url()).content.decode()
    assert "summary_large_image" in update_html
    assert photo.share_rendition().url in update_html


def json_ld(html: str) -> dict:
    found = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return json.loads(found.group(1))


def test_json_ld_names_the_images(client, pictured):
    briefing, _update, photo, lead = pictured
    data = json_ld(client.get(briefing.get_absolute_url()).content.decode())
    assert data["image"]["url"].endswith(lead.share_rendition().url)
    assert data["image"]["width"] == 1200
    posting = data["liveBlogUpdate"][0]
    media = posting["associatedMedia"][0]
    assert media["@type"] == "ImageObject" and media["creditText"] == photo.credit
    assert media["caption"] == "Envoys in Geneva"


def test_feeds_carry_the_images_as_enclosures(client, pictured):
    _briefing, _update, photo, _lead = pictured
    rss = client.get("/feeds/updates.rss").content.decode()
    assert f'length="{photo.file_size}" type="image/jpeg"' in rss
    assert photo.file.url in rss
    atom = client.get("/feeds/updates.atom").content.decode()
    assert 'rel="enclosure"' in atom and photo.file.url in atom
    feed = client.get(reverse("briefings:site_feed_json")).json()
    item = feed["items"][0]
    assert item["attachments"][0]["size_in_bytes"] == photo.file_size
    assert item["image"].endswith(photo.file.url)


def test_attaching_an_image_moves_the_update_so_the_poller_sends_it(client, pictured):
    briefing, update, _photo, _lead = pictured
    live = reverse("briefings:live", args=[briefing.slug])
    cursor = client.get(live, {"after": "0"}).json()["cursor"]
    before = Update.objects.get(pk=update.pk).updated_at
    second = stored_image(alt_text="A second photo of the talks")
    UpdateImage.objects.create(update=update, image=second, position=1)
    assert Update.objects.get(pk=update.pk).updated_at > before
    update.save()  # the update's own version is untouched: an open form can still save
    answer = client.get(live, {"after": cursor}).json()
    assert answer["cursor"] != cursor
    html = answer["updates"][0]["html"]
    assert 'alt="A second photo of the talks"' in html and "<picture>" in html
    # And the page itself, cached until the briefing changes, shows it at once.
    assert "A second photo of the talks" in client.get(briefing.get_absolute_url()).content.decode()
    UpdateImage.objects.filter(image=second).delete()
    assert "A second photo" not in client.get(briefing.get_absolute_url()).content.decode()


def test_editing_an_image_s_words_refreshes_the_pages_showing_it(client, pictured):
    briefing, _update, photo, _lead = pictured
    assert "Envoys in Geneva" in client.get(briefing.get_absolute_url()).content.decode()
    photo.caption = "Envoys in Geneva, second day"
    photo.save()
    assert "second day" in client.get(briefing.get_absolute_url()).content.decode()


def test_slots_show_nothing_to_readers(client, db):
    briefing = BriefingFactory()
    update = UpdateFactory(briefing=briefing)
    slot = Image.objects.create(caption="A caption without its photo", credit="Map: ISW")
    UpdateImage.objects.create(update=update, image=slot)
    LeadImage.objects.create(briefing=briefing, image=slot)
    html = client.get(briefing.get_absolute_url()).content.decode()
    assert "A caption without its photo" not in html and "og:image" not in html
    assert '"image"' not in json.dumps(json_ld(html))


def test_query_count_does_not_grow_with_images(client, django_assert_num_queries, db):
    """A page with one image and a page with 51 (a lead image, and 50 over five updates)."""

    def page_with(count):
        briefing = BriefingFactory()
        images = [stored_image() for _ in range(count)]
        LeadImage.objects.create(briefing=briefing, image=images[0])
        for n in range(min(count, 5)):
            update = UpdateFactory(briefing=briefing, posted_at=timezone.now() - dt.timedelta(n))
            for position, image in enumerate(images[n::5]):
                UpdateImage.objects.create(update=update, image=image, position=position)
        return briefing.get_absolute_url()

    small = page_with(1)
    with CaptureQueriesContext(connection) as baseline:
        assert client.get(small).content.decode().count("<picture>") == 2
    large = page_with(50)
    with django_assert_num_queries(len(baseline)):
        response = client.get(large)
    assert response.content.decode().count("<picture>") == 51


# Quick post ---------------------------------------------------------------------------------


def test_the_quick_post_posts_an_update_with_a_photo(editor_client, db):
    briefing = BriefingFactory()
    change = reverse("admin:briefings_briefing_change", args=[briefing.pk])
    form = editor_client.get(change).content.decode()
    assert 'enctype="multipart/form-data"' in form and 'name="image-upload"' in form
    response = editor_client.post(
        reverse("admin:briefings_briefing_post_update", args=[briefing.pk]),
        {
            "body": "Air defences were active over Kyiv.",
            "image-upload": upload(phone_photo((1200, 800), orientation=1)),
            "image-alt_text": "Searchlights over the city at night",
            "image-caption": "Kyiv, overnight",
            "image-credit": "Photograph: A. Person/Reuters",
            "_publish": "Publish",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    update = Update.objects.get(briefing=briefing)
    (item,) = update.gallery.all()
    assert item.image.credit == "Photograph: A. Person/Reuters"
    html = editor_client.get(briefing.get_absolute_url()).content.decode()
    assert 'alt="Searchlights over the city at night"' in html
    for name, data in stored_bytes(item.image):
        assert_no_metadata(name, data)


def test_a_bad_photo_on_the_quick_post_keeps_the_text_and_posts_nothing(editor_client, db):
    briefing = BriefingFactory()
    response = editor_client.post(
        reverse("admin:briefings_briefing_post_update", args=[briefing.pk]),
        {
            "body": "Words the editor typed.",
            "image-upload": upload(b"<svg onload=alert(1)></svg>", "photo.jpg"),
            "image-alt_text": "Alt text typed too",
            "_publish": "Publish",
        },
    )
    text = response.content.decode()
    assert response.status_code == 200 and "SVG" in text
    assert "Words the editor typed." in text and "Alt text typed too" in text
    assert not Update.objects.filter(briefing=briefing).exists()
    assert not Image.objects.exists()


def test_the_update_and_briefing_forms_have_image_inlines(editor_client, pictured):
    briefing, update, _photo, _lead = pictured
    html = editor_client.get(reverse("admin:briefings_update_change", args=[update.pk]))
    assert "gallery-TOTAL_FORMS" in html.content.decode()
    html = editor_client.get(reverse("admin:briefings_briefing_change", args=[briefing.pk]))
    assert "lead_image-TOTAL_FORMS" in html.content.decode()


# Drafts -----------------------------------------------------------------------------------------


def test_a_draft_update_s_image_is_served_to_nobody_until_it_is_published(client, editor, db):
    briefing = BriefingFactory()
    draft = UpdateFactory(briefing=briefing, status=Status.DRAFT)
    image = stored_image(alt_text="Not yet public")
    UpdateImage.objects.create(update=draft, image=image)
    urls = [image.file.url, *(r.url for r in image.renditions())]
    for url in urls:
        assert status_of(client, url)[0] == 404, url
    assert image.key not in client.get(briefing.get_absolute_url()).content.decode()
    client.force_login(editor)  # the admin's preview shows it to staff, never cached
    assert status_of(client, urls[1]) == (200, "private, no-store")
    client.logout()
    draft.status = Status.PUBLISHED
    draft.save()
    for url in urls:
        response = client.get(url)
        close_file(response)
        assert response.status_code == 200, url
        assert response["Cache-Control"] == "public, max-age=31536000, immutable"
        assert "Cookie" not in response.get("Vary", "")


def test_media_addresses_outside_the_image_names_answer_404(client, pictured, settings):
    _briefing, _update, photo, _lead = pictured
    (Path(settings.MEDIA_ROOT) / "secret.txt").write_text("not an image")
    for path in ["secret.txt", "../manage.py", f"images/{photo.key}.jpg/../../secret.txt"]:
        assert status_of(client, f"/media/{path}")[0] == 404, path


# The importer ------------------------------------------------------------------------------------


def test_the_seeds_caption_and_map_credit_become_slots(db):
    call_command("import_briefings", "--publish", str(FIXTURES), stdout=StringIO())
    slots = Image.objects.slots()
    caption = slots.get(kind=Image.Kind.PHOTO)
    assert caption.caption.endswith("Brussels, Belgium, November 13, 2024")
    assert caption.as_lead.get().briefing.credit == "Map: Institute for the Study of War"
    map_slot = slots.get(kind=Image.Kind.MAP)
    assert map_slot.credit == "Map: Institute for the Study of War"
    assert map_slot.in_galleries.get().update.is_original_entry
    # Importing again finds them.
    call_command("import_briefings", "--publish", str(FIXTURES), stdout=StringIO())
    assert Image.objects.count() == 2


def test_a_photo_credit_line_stays_a_credit_on_its_slot(db, tmp_path):
    document = tmp_path / "doc.txt"
    document.write_text(
        "Firefighters at a damaged building in Kharkiv. "
        "Photograph: Vyacheslav Madiyevskyy/Reuters\n\n"
        "Strikes on Kharkiv overnight\n\n"
        "UPDATE 0915 GMT:\n\nRescuers are working at the scene.\n",
        encoding="utf-8",
    )
    call_command(
        "import_briefings", "--publish", "--date", "2024-11-13", str(document), stdout=StringIO()
    )
    slot = Image.objects.get()
    assert slot.is_slot and slot.caption == "Firefighters at a damaged building in Kharkiv."
    assert slot.credit == "Photograph: Vyacheslav Madiyevskyy/Reuters"
    assert not slot.source  # a credit, not a citation


def test_the_demo_s_live_briefing_gets_an_illustration_once(client, db):
    call_command("demo_content", stdout=StringIO())
    out = StringIO()
    call_command("demo_images", stdout=out)
    assert "1 added" in out.getvalue()
    lead = LeadImage.objects.select_related("image", "briefing").get()
    assert lead.image.alt_text.startswith("Illustration:") and lead.image.rights
    assert lead.image.in_galleries.get().update.is_original_entry  # reused from the library
    html = client.get(lead.briefing.get_absolute_url()).content.decode()
    assert html.count("<picture>") == 2 and "Illustration: Newsroom demo" in html
    call_command("demo_images", stdout=out)
    assert "nothing changed" in out.getvalue() and Image.objects.count() == 1
