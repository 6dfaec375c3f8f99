"""Images in S3-compatible object storage (django-storages), against moto's S3 server on
127.0.0.1: the same upload, stripping, renditions and pages as on the filesystem, the files
read back over HTTP from the server readers would fetch them from."""

import json
import os
import socket
import subprocess
import sys
import urllib.request

import pytest
from django.urls import reverse
from moto.server import ThreadedMotoServer  # a test dependency (pyproject's "test" extra)

from images.models import Image, UpdateImage
from images.processing import read_upload, store

from .factories import BriefingFactory, UpdateFactory
from .images_helpers import SECRET_MODEL, SECRET_NOTE, phone_photo, stored_bytes, upload
from .test_images import assert_no_metadata

BUCKET = "newsroom-media"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def s3_server():
    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    yield f"http://127.0.0.1:{port}"
    server.stop()


@pytest.fixture
def s3(settings, s3_server, monkeypatch):
    import boto3

    for name, value in {
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_DEFAULT_REGION": "us-east-1",
    }.items():
        monkeypatch.setenv(name, value)
    client = boto3.client("s3", endpoint_url=s3_server, region_name="us-east-1")
    if BUCKET not in [b["Name"] for b in client.list_buckets()["Buckets"]]:
        client.create_bucket(Bucket=BUCKET)
        # Readers fetch the files from the bucket (or a CDN in front of it): public reads,
        # as the README's set-up asks of the operator.
        policy = {
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Effect": "Allow",
                    "Principal": "*",
                    "Action": "s3:GetObject",
                    "Resource": f"arn:aws:s3:::{BUCKET}/*",
                }
            ],
        }
        client.put_bucket_policy(Bucket=BUCKET, Policy=json.dumps(policy))
    # The storage newsroom/settings.py builds from the environment an operator sets: the
    # bucket, the server, and the bucket's public address (here the server's own).
    configured = settings_from_environment(
        NEWSROOM_MEDIA_BUCKET=BUCKET,
        NEWSROOM_S3_ENDPOINT_URL=s3_server,
        NEWSROOM_S3_REGION="us-east-1",
        NEWSROOM_MEDIA_URL=f"{s3_server}/{BUCKET}/",
    )
    assert configured["default"]["BACKEND"] == "storages.backends.s3.S3Storage"
    assert s3_server in configured["img-src"]  # the CSP lets pages show the bucket's files
    settings.STORAGES = {**settings.STORAGES, "default": configured["default"]}
    settings.MEDIA_URL = configured["MEDIA_URL"]
    return client


def settings_from_environment(**environment) -> dict:
    """newsroom/settings.py loaded in a process of its own with ``environment`` set."""
    code = (
        "import json; from django.conf import settings; print(json.dumps({"
        "'default': settings.STORAGES['default'], 'MEDIA_URL': settings.MEDIA_URL, "
        "'img-src': settings.CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src']}))"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "newsroom.settings", **environment}
    output = subprocess.run(  # noqa: S603 (this interpreter, fixed code)
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    ).stdout
    return json.loads(output)


def fetch(url: str) -> tuple[bytes, dict]:
    with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 (127.0.0.1)
        return response.read(), dict(response.headers)


def test_uploads_go_to_the_bucket_stripped_and_are_served_from_it(s3, editor_client):
    original = phone_photo((1600, 1000), orientation=6)
    assert SECRET_NOTE in original and SECRET_MODEL.encode() in original
    response = editor_client.post(
        reverse("admin:images_image_add"),
        {"upload": upload(original), "kind": "photo", "alt_text": "Rescuers at work"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    image = Image.objects.get()
    keys = {o["Key"] for o in s3.list_objects_v2(Bucket=BUCKET)["Contents"]}
    assert image.file.name in keys
    assert {r.file.name for r in image.renditions()} <= keys
    for name, data in stored_bytes(image):  # read through the storage
        assert_no_metadata(name, data)
    for rendition in image.renditions():  # and over HTTP, as a reader's browser would
        assert rendition.url.startswith(s3.meta.endpoint_url + f"/{BUCKET}/renditions/")
        data, headers = fetch(rendition.url)
        assert_no_metadata(rendition.url, data)
        headers = {name.lower(): value for name, value in headers.items()}
        assert headers.get("cache-control") == "public, max-age=31536000, immutable"


def test_pages_point_at_the_bucket(s3, client, db):
    update = UpdateFactory(briefing=BriefingFactory())
    image = Image(alt_text="Envoys in Geneva")
    store(image, read_upload(upload(phone_photo((900, 600), orientation=1))))
    image.save()
    UpdateImage.objects.create(update=update, image=image)
    html = client.get(update.briefing.get_absolute_url()).content.decode()
    for rendition in image.renditions():
        assert f"{rendition.url} {rendition.width}w" in html
        assert rendition.url.startswith(s3.meta.endpoint_url)
    data, _ = fetch(image.renditions()[0].url)
    assert data.startswith(b"RIFF")  # WebP
