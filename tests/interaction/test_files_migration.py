"""Data migration interaction 0003 (and the shared mover in core/files/migrating.py): a letter
attachment stored the old way — in the public media root under the citizen's own name — ends
up in the private store under a random name, readable through the checked view; nothing lost."""

from __future__ import annotations

import shutil
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import Client

import pytest

from govportal.interaction.models import LetterAttachment
from tests.conftest import files_under
from tests.interaction.conftest import write
from tests.interaction.test_pages import PNG

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
BEFORE = [("interaction", "0002_fewer_indexes_on_submission_rows")]
AFTER = [("interaction", "0003_stored_files")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def _migrate_to_latest() -> None:
    """Every app back at its newest migration: the tests after this one on the same worker
    use today's models (migrating only to AFTER would leave later migrations unapplied)."""
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())


def test_old_public_attachment_moves_to_the_private_store_and_is_served_by_the_view(world, file_roots):
    letter, _ = write(world["mailboxes"]["mayor"], attachments=[SimpleUploadedFile("a.png", PNG)])
    missing, _ = write(world["mailboxes"]["mayor"], title="另一封信", attachments=[SimpleUploadedFile("b.png", PNG)])
    try:
        old = _migrate(BEFORE)
        # Lay the rows out as the old code stored them: letters/YYYY/MM/<the citizen's name>.
        OldAttachment = old.get_model("interaction", "LetterAttachment")
        row = OldAttachment.objects.get(letter_id=letter.pk)
        media = Path(file_roots["media"])
        (media / "letters/2026/11").mkdir(parents=True)
        shutil.move(media / row.file.name, media / "letters/2026/11/IMG_0001.png")
        OldAttachment.objects.filter(pk=row.pk).update(
            file="letters/2026/11/IMG_0001.png", original_name="IMG_0001.png"
        )
        gone = OldAttachment.objects.get(letter_id=missing.pk)
        (media / gone.file.name).unlink()  # a row whose file was lost before the migration
        assert files_under(media) == ["letters/2026/11/IMG_0001.png"]
    finally:
        _migrate(AFTER)
        _migrate_to_latest()

    moved = LetterAttachment.objects.select_related("stored").get(letter=letter)
    assert moved.stored.name == "IMG_0001.png" and moved.stored.extension == "png"
    assert moved.stored.case_id == letter.case_id and moved.stored.size == len(PNG)
    assert "IMG_0001" not in moved.stored.file.name and moved.stored.file.name in files_under(file_roots["private"])
    assert files_under(file_roots["media"]) == []  # the public copy is deleted once committed
    assert Client().get("/media/letters/2026/11/IMG_0001.png").status_code == 404
    clerk = Client()
    clerk.force_login(world["staff"]["city"])
    r = clerk.get(moved.stored.url)
    assert r.status_code == 200 and b"".join(r.streaming_content) == PNG
    # The row whose file was already missing is kept (with its name), and answers 404.
    kept = LetterAttachment.objects.select_related("stored").get(letter=missing)
    assert kept.stored.name == "b.png" and kept.stored.size == 0 and clerk.get(kept.stored.url).status_code == 404
