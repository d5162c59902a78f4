"""Each agency has a private collection (未公开材料) for unpublished images and documents:
its documents are served by /documents/<id>/<name> only to the agency's staff and the
information office, and no document file or original image is public under /media/."""

from __future__ import annotations

import re

from django.core.files.base import ContentFile
from django.test import Client

from wagtail.documents import get_document_model

import pytest

from govportal.cluster.permissions import PRIVATE_COLLECTION_NAME, agency_collection
from govportal.core.models import Role, User

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\ndraft budget\n%%EOF\n"


def _status(user, url) -> int:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client.get(url).status_code


def test_documents_in_an_agencys_private_collection_are_served_to_its_staff_only(cluster, make_staff, file_roots):
    edu, town = cluster["agencies"]["edu"], cluster["agencies"]["town"]
    private = agency_collection(edu).get_children().get(name=PRIVATE_COLLECTION_NAME)
    document = get_document_model().objects.create(
        title="预算草案", collection=private, file=ContentFile(PDF, name="budget-draft.pdf")
    )
    url = document.url
    assert url.startswith("/documents/")
    assert _status(None, url) == 302  # to the login page, not the file
    assert _status(make_staff(town, Role.EDITOR), url) == 302
    assert _status(make_staff(edu, Role.EDITOR), url) == 200
    assert _status(User.objects.create(username="xinxiban", is_superuser=True, is_staff=True), url) == 200
    # The file itself is not public under /media/ (embedded mode; nginx closes the same folder).
    assert _status(None, f"/media/{document.file.name}") == 404
    assert _status(None, f"/media/images/../{document.file.name}") == 404


def test_original_images_are_not_served_from_media(cluster, file_roots):
    folder = file_roots["media"] / "original_images"
    folder.mkdir(parents=True)
    (folder / "draft.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (file_roots["media"] / "images").mkdir()
    (file_roots["media"] / "images" / "draft.max-800x600.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    assert _status(None, "/media/original_images/draft.png") == 404
    assert _status(None, "/media/images/draft.max-800x600.png") == 200  # renditions stay public


def test_an_uploaded_image_and_its_renditions_get_random_names_not_the_uploaders(cluster, file_roots):
    from io import BytesIO

    from wagtail.images import get_image_model

    from PIL import Image as PillowImage

    png = BytesIO()
    PillowImage.new("RGB", (40, 30), "red").save(png, format="PNG")
    edu = cluster["agencies"]["edu"]
    private = agency_collection(edu).get_children().get(name=PRIVATE_COLLECTION_NAME)
    image = get_image_model().objects.create(
        title="IMG_0001", collection=private, file=ContentFile(png.getvalue(), name="IMG_0001.PNG")
    )
    assert re.fullmatch(r"original_images/[0-9a-f]{32}\.png", image.file.name), image.file.name
    rendition = image.get_rendition("max-20x20")
    assert "IMG_0001" not in rendition.url and image.file.name.split("/")[1][:-4] in rendition.url
    assert image.title == "IMG_0001"  # what editors see is unchanged
    assert _status(None, "/media/images/IMG_0001.max-20x20.png") == 404


def test_a_drafts_attachment_stays_private_until_the_page_is_published(cluster, make_staff, file_roots):
    from govportal.cluster.models import ArticleAttachment
    from tests.conftest import column, draft_article

    edu = cluster["agencies"]["edu"]
    public = agency_collection(edu)
    private = public.get_children().get(name=PRIVATE_COLLECTION_NAME)
    document = get_document_model().objects.create(
        title="招生方案（送审稿）", collection=private, file=ContentFile(PDF, name="plan.pdf")
    )
    article = draft_article(column(cluster["homes"]["edu"], "tzgg"), "秋季招生方案")
    ArticleAttachment.objects.create(page=article, document=document)
    article.save_revision()
    assert _status(None, document.url) == 302  # the draft's file is private
    assert _status(make_staff(edu, Role.EDITOR), document.url) == 200
    article.refresh_from_db()
    article.get_latest_revision().publish()
    document.refresh_from_db()
    assert document.collection == public and _status(None, document.url) == 200  # public with the page


def test_migration_gives_existing_agencies_their_private_collection(cluster):
    import importlib

    from django.apps import apps

    from wagtail.models import CollectionViewRestriction

    edu = cluster["agencies"]["edu"]
    private = agency_collection(edu).get_children().get(name=PRIVATE_COLLECTION_NAME)
    CollectionViewRestriction.objects.filter(collection=private).delete()
    private.delete()  # as before this change
    migration = importlib.import_module("govportal.cluster.migrations.0005_agency_private_collections")
    migration.forward(apps, None)
    migration.forward(apps, None)  # idempotent
    again = agency_collection(edu).get_children().get(name=PRIVATE_COLLECTION_NAME)
    restriction = CollectionViewRestriction.objects.get(collection=again)
    from govportal.cluster.permissions import agency_groups

    assert set(restriction.groups.all()) == set(agency_groups(edu).values())
