"""The restore drill (PostgreSQL only — CI runs it in the PostgreSQL suite): a letter with an
attachment, a disclosure request and a published page; `manage.py backup`; the database
dropped; `manage.py restore`; every case, letter, file and page is back, byte for byte."""

from __future__ import annotations

import json
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connection

import pytest

from govportal.core import backup
from govportal.disclosure import actions as disclosure_actions
from govportal.interaction import actions as interaction_actions
from govportal.interaction.models import Category, Mailbox, MailboxCategory, MailboxKind
from tests.conftest import column, publish_article
from tests.disclosure.conftest import applicant

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="pg_dump/pg_restore: runs in the PostgreSQL suite"
)

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90wS\xde\x00\x00"
    b"\x00\x0cIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82"
)


def _scratch_url(name: str) -> str:
    db = connection.settings_dict
    auth = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{name}"


def _drop(db: backup.Database, name: str) -> None:
    from psycopg import sql

    with db.connect("postgres") as admin:
        admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


def _root_of(path: str, roots: dict[str, Path]) -> tuple[str, Path]:
    for name, root in roots.items():
        if root in Path(path).resolve().parents:
            return name, Path(path).resolve().relative_to(root)
    raise AssertionError(f"{path} is in no file root the backup knows: {roots}")


@pytest.fixture
def drill(django_db_serialized_rollback, transactional_db, cluster, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    city, edu = cluster["agencies"]["city"], cluster["agencies"]["edu"]
    mayor = Mailbox.objects.create(
        kind=MailboxKind.MAYOR, name="市长信箱", slug="szxx", agency=city, triage_agency=city
    )
    MailboxCategory.objects.create(mailbox=mayor, category=Category.CONSULT, reply_days=5)
    letter, code = interaction_actions.letter_submit(
        mailbox=mayor,
        category=Category.CONSULT,
        title="备份演练：小区道路积水",
        content="小区门前道路积水严重，请尽快处理。",
        name="张三",
        phone="13800000000",
        attachments=[SimpleUploadedFile("现场照片.png", PNG, content_type="image/png")],
    )
    request, _ = disclosure_actions.disclosure_request_submit(agency=edu, data=applicant())
    page = publish_article(column(cluster["homes"]["edu"], "gzdt"), "备份演练：新学期校园安全大检查")
    attachment = letter.attachments.get()
    scratch = f"{connection.settings_dict['NAME']}_restore"[:63]
    db = backup.Database.from_url(_scratch_url(scratch))
    _drop(db, scratch)
    yield {
        "letter": letter,
        "code": code,
        "attachment": attachment,
        "request": request,
        "page": page,
        "scratch": scratch,
        "db": db,
        "tmp": tmp_path,
    }
    _drop(db, scratch)


def _check_all_back(drill, roots: dict[str, Path]) -> None:
    letter, request, page, attachment = drill["letter"], drill["request"], drill["page"], drill["attachment"]
    with drill["db"].connect() as conn:
        cases = {
            r[0]
            for r in conn.execute(
                "select tracking_number from core_case where tracking_number = any(%s)",
                [[letter.case.tracking_number, request.case.tracking_number]],
            )
        }
        assert cases == {letter.case.tracking_number, request.case.tracking_number}
        assert conn.execute(
            "select l.title, c.query_code_hash from interaction_letter l join core_case c on c.id = l.case_id "
            "where c.tracking_number = %s",
            [letter.case.tracking_number],
        ).fetchone() == (letter.title, letter.case.query_code_hash)
        assert conn.execute(
            "select f.file, a.original_name from interaction_letterattachment a "
            "join core_storedfile f on f.id = a.stored_id where a.id = %s",
            [attachment.pk],
        ).fetchone() == (attachment.stored.file.name, "现场照片.png")
        assert conn.execute(
            "select description from disclosure_disclosurerequest where id = %s", [request.pk]
        ).fetchone() == (request.description,)
        assert conn.execute("select title, live from wagtailcore_page where id = %s", [page.pk]).fetchone() == (
            page.title,
            True,
        )
    name, relative = _root_of(attachment.stored.file.path, backup.file_roots())
    assert (roots[name] / relative).read_bytes() == PNG


def test_backup_drop_restore_brings_every_case_letter_file_and_page_back(drill):
    dest = drill["tmp"] / "backup"
    call_command("backup", str(dest))
    manifest = json.loads((dest / "manifest.json").read_text())
    assert (dest / "database.dump").stat().st_size > 0
    assert manifest["counts"]["letters"] >= 1 and manifest["counts"]["disclosure requests"] >= 1
    assert "MEDIA_ROOT" in manifest["file_roots"]
    assert sum(info["files"] for info in manifest["file_roots"].values()) >= 1

    # The database is gone (a scratch one here: the test's own stays for the suite) and so are
    # the files: restore both into new places.
    roots = {name: drill["tmp"] / "restored" / name for name in manifest["file_roots"]}
    args = ["--database-url", _scratch_url(drill["scratch"])]
    args += [f"--root={name}={path}" for name, path in roots.items()]
    call_command("restore", str(dest), *args)
    _check_all_back(drill, roots)

    # Disaster again: the database dropped, the restored files deleted. Restore once more.
    _drop(drill["db"], drill["scratch"])
    root, relative = _root_of(drill["attachment"].stored.file.path, backup.file_roots())
    (roots[root] / relative).unlink()
    with pytest.raises(CommandError, match="不是空的"):  # the other files are still there
        call_command("restore", str(dest), *args)
    call_command("restore", str(dest), *args, "--force")
    _check_all_back(drill, roots)

    # A database with tables is not overwritten without --force.
    with pytest.raises(CommandError, match="已有"):
        call_command("restore", str(dest), *args)


def test_restore_refuses_a_damaged_backup(drill):
    dest = drill["tmp"] / "backup"
    call_command("backup", str(dest))
    with open(dest / "database.dump", "r+b") as f:
        f.seek(100)
        f.write(b"\0\0\0\0")
    with pytest.raises(CommandError, match="SHA-256"):
        call_command("restore", str(dest), "--database-url", _scratch_url(drill["scratch"]), "--force")
    with pytest.raises(CommandError, match="不是空的"):
        call_command("backup", str(dest))
