"""Backups that restore: the PostgreSQL database (`pg_dump`, custom format) and the file
stores (MEDIA_ROOT, and every other local file root the settings name — a private store of
citizens' files, when there is one), with a manifest that lets a restore check itself.

A backup is one directory:

    database.dump          pg_dump --format=custom --no-owner --no-privileges
    files-MEDIA_ROOT.tar   one tar per file root, named by its setting
    manifest.json          when, from which database, the archives' SHA-256 and sizes, and
                           the row counts of what matters (cases, letters, stored files, pages)

The database is dumped first, the files after: a file uploaded in between has no row (harmless,
an orphan); a row always finds its file. `bin/backup` and `bin/restore` run the management
commands of the same names (docs/deploy.md, "Backups").
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.db import connection

import dj_database_url

from govportal.config import env
from govportal.core.errors import GovPortalError

DUMP = "database.dump"
MANIFEST = "manifest.json"
FORMAT = 1

# What a restore must bring back, counted in the backup and again after the restore.
COUNTED_TABLES = {
    "cases": "core_case",
    "case events": "core_caseevent",
    "letters": "interaction_letter",
    "letter attachments": "interaction_letterattachment",
    "stored files": "core_storedfile",
    "disclosure requests": "disclosure_disclosurerequest",
    "pages": "wagtailcore_page",
    "page revisions": "wagtailcore_revision",
    "documents": "wagtaildocs_document",
    "images": "wagtailimages_image",
    "outbox messages": "core_outboxmessage",
    "users": "core_user",
}


class BackupError(GovPortalError):
    status_code = 400


@dataclass(frozen=True)
class Database:
    name: str
    host: str
    port: str
    user: str
    password: str

    @classmethod
    def from_settings(cls, config: dict) -> Database:
        if not config["ENGINE"].endswith("postgresql"):
            raise BackupError("备份与恢复只支持 PostgreSQL（DATABASE_URL=postgres://…）")
        return cls(
            name=config["NAME"],
            host=config.get("HOST") or "",
            port=str(config.get("PORT") or ""),
            user=config.get("USER") or "",
            password=config.get("PASSWORD") or "",
        )

    @classmethod
    def from_url(cls, url: str) -> Database:
        return cls.from_settings(dj_database_url.parse(url))

    def args(self, dbname: str | None = None) -> list[str]:
        out = ["--dbname", dbname or self.name]
        if self.host:
            out += ["--host", self.host]
        if self.port:
            out += ["--port", self.port]
        if self.user:
            out += ["--username", self.user]
        return out

    def env(self) -> dict[str, str]:
        # The password goes to libpq through the environment, never on a command line.
        return env.child_environment(**({"PGPASSWORD": self.password} if self.password else {}))

    def connect(self, dbname: str | None = None):
        import psycopg

        params = {
            "dbname": dbname or self.name,
            "host": self.host or None,
            "port": self.port or None,
            "user": self.user or None,
            "password": self.password or None,
        }
        return psycopg.connect(**{k: v for k, v in params.items() if v}, autocommit=True)


def file_roots() -> dict[str, Path]:
    """Every local file root of this installation, by setting name: MEDIA_ROOT, then any
    other ``*_MEDIA_ROOT`` setting (a private store of citizens' files), then the location of
    any file-system storage in STORAGES. Roots inside another root are covered by it."""
    roots: dict[str, Path] = {"MEDIA_ROOT": Path(settings.MEDIA_ROOT)}
    for name in sorted(dir(settings)):
        if name.endswith("_MEDIA_ROOT") and getattr(settings, name):
            roots[name] = Path(getattr(settings, name))
    for alias, config in getattr(settings, "STORAGES", {}).items():
        location = (config.get("OPTIONS") or {}).get("location")
        if alias != "staticfiles" and location:
            roots[f"STORAGES[{alias}]"] = Path(location)
    unique: dict[str, Path] = {}
    for name, path in roots.items():
        if path.resolve() not in unique.values():
            unique[name] = path.resolve()
    return {
        name: path
        for name, path in unique.items()
        if not any(other != path and other in path.parents for other in unique.values())
    }


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def counts(db: Database) -> dict[str, int]:
    with db.connect() as conn:
        present = {r[0] for r in conn.execute("select tablename from pg_tables where schemaname = 'public'")}
        return {
            label: conn.execute(f'select count(*) from "{table}"').fetchone()[0]  # noqa: S608 — fixed names
            for label, table in COUNTED_TABLES.items()
            if table in present
        }


def backup(dest: Path) -> dict:
    """Write a backup of the configured database and file roots into ``dest`` (created; must
    not exist or be empty). Returns the manifest."""
    db = Database.from_settings(connection.settings_dict)
    dest = Path(dest)
    if dest.exists() and any(dest.iterdir()):
        raise BackupError(f"备份目录 {dest} 不是空的")
    dest.mkdir(parents=True, exist_ok=True)
    os.chmod(dest, 0o700)  # citizens' data: readable by the backup's owner only
    started = datetime.now(UTC)
    before = counts(db)
    subprocess.run(
        ["pg_dump", "--format=custom", "--no-owner", "--no-privileges", "--file", str(dest / DUMP), *db.args()],
        env=db.env(),
        check=True,
        capture_output=True,
    )
    archives = {}
    for name, root in file_roots().items():
        archive = dest / f"files-{_safe(name)}.tar"
        files = 0
        with tarfile.open(archive, "w") as tar:
            if root.is_dir():
                for path in sorted(root.rglob("*")):
                    if path.is_file() and not path.is_symlink():
                        tar.add(path, arcname=str(path.relative_to(root)), recursive=False)
                        files += 1
        archives[name] = {"archive": archive.name, "root": str(root), "files": files}
    pg_dump_version = subprocess.run(["pg_dump", "--version"], capture_output=True, text=True).stdout.strip()
    with db.connect() as conn:
        server_version = conn.execute("show server_version").fetchone()[0]
    manifest = {
        "format": FORMAT,
        "created_at": started.isoformat(),
        "database": db.name,
        "server_version": server_version,
        "pg_dump": pg_dump_version,
        "counts": before,
        "file_roots": archives,
        "sha256": {p.name: _sha256(p) for p in sorted(dest.iterdir()) if p.name != MANIFEST},
    }
    (dest / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=2))
    return manifest


def _safe(name: str) -> str:
    return "".join(c if c.isalnum() or c in "_-" else "_" for c in name)


def read_manifest(src: Path) -> dict:
    try:
        manifest = json.loads((Path(src) / MANIFEST).read_text())
    except (OSError, ValueError) as exc:
        raise BackupError(f"{src} 不是 GovPortal 备份（缺少或无法读取 {MANIFEST}）") from exc
    if manifest.get("format") != FORMAT:
        raise BackupError(f"不支持的备份格式 {manifest.get('format')}")
    for name, expected in manifest["sha256"].items():
        path = Path(src) / name
        if not path.is_file() or _sha256(path) != expected:
            raise BackupError(f"备份文件 {name} 缺失或已损坏（SHA-256 不符）")
    return manifest


def restore(src: Path, *, database_url: str | None = None, roots: dict[str, Path] | None = None, force: bool = False):
    """Restore a backup into ``database_url`` (default: this installation's database; created
    when missing) and into the file roots (default: this installation's, by setting name).
    Refuses a database with tables or a non-empty file root unless ``force``; with it, the
    database's tables are replaced and each root is swapped for the backup's copy (the old one
    kept beside it as ``<root>.before-restore-<time>``). Returns (manifest, counts after)."""
    src = Path(src)
    manifest = read_manifest(src)
    db = Database.from_url(database_url) if database_url else Database.from_settings(connection.settings_dict)
    targets = {**file_roots(), **(roots or {})}
    missing = [name for name in manifest["file_roots"] if name not in targets]
    if missing:
        raise BackupError(f"此处没有备份中的文件目录：{', '.join(missing)}（用 --root NAME=DIR 指定）")

    with db.connect("postgres") as admin:
        exists = admin.execute("select 1 from pg_database where datname = %s", [db.name]).fetchone()
        if not exists:
            from psycopg import sql

            admin.execute(sql.SQL("create database {}").format(sql.Identifier(db.name)))
    with db.connect() as conn:
        tables = conn.execute("select count(*) from pg_tables where schemaname = 'public'").fetchone()[0]
    if tables and not force:
        raise BackupError(f"数据库 {db.name} 已有 {tables} 张表：确认覆盖请加 --force")
    for name in manifest["file_roots"]:
        root = Path(targets[name])
        if root.is_dir() and any(root.iterdir()) and not force:
            raise BackupError(f"文件目录 {root} 不是空的：确认覆盖请加 --force")

    command = ["pg_restore", "--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction"]
    if tables:
        command += ["--clean", "--if-exists"]
    result = subprocess.run([*command, *db.args(), str(src / DUMP)], env=db.env(), capture_output=True, text=True)
    if result.returncode != 0:
        raise BackupError(f"pg_restore 失败：{result.stderr.strip()[:2000]}")

    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    for name, info in manifest["file_roots"].items():
        root = Path(targets[name])
        root.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{root.name}.restoring-", dir=root.parent))
        with tarfile.open(src / info["archive"]) as tar:
            tar.extractall(staging, filter="data")  # no absolute paths, links out or devices
        if root.exists():
            if any(root.iterdir()):
                root.rename(root.with_name(f"{root.name}.before-restore-{stamp}"))
            else:
                root.rmdir()
        staging.rename(root)
        os.chmod(root, 0o755)
    after = counts(db)
    return manifest, after


def compare(manifest: dict, after: dict) -> list[str]:
    """Differences between the counts in the backup and after the restore (empty: all back)."""
    return [
        f"{label}: {n} in the backup, {after.get(label)} after the restore"
        for label, n in manifest["counts"].items()
        if after.get(label) != n
    ]
