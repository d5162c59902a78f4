"""Every write of 便民服务."""

from __future__ import annotations

# --- 公共查询 (public query systems) — helper "query" ------------------------------------------
import hashlib
import logging
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from govportal.convenience import querying, selectors
from govportal.convenience.models import QueryImport, QueryLog, QueryRecord, QuerySource, QuerySystem
from govportal.core.antiabuse import limits
from govportal.core.errors import InvalidInput

logger = logging.getLogger(__name__)
BATCH = 2000


@transaction.atomic
def query_data_import(*, system: QuerySystem, data: bytes, file_name: str, source: str, actor=None) -> QueryImport:
    """Replace the system's rows with the rows of this xlsx/CSV file — all of them or none.

    Any row-level error (a missing column, an empty or over-long asked value, …) refuses the
    whole file: the old rows stay, and the returned record (``ok`` False) lists the errors in
    Chinese by row number. Imports of one system are serialised by a row lock; readers see
    the old rows until the new ones are committed."""
    system = QuerySystem.objects.select_for_update().get(pk=system.pk)
    name = (file_name or "")[-200:]
    problems = selectors.config_problems(system)
    if system.source == QuerySource.CONNECTOR:
        problems.append("数据来源为“接口对接”的查询不导入数据")
    try:
        table = querying.table_rows(system, data, name=name) if not problems else None
    except InvalidInput as exc:
        problems.append(exc.message)
        table = None
    if table is not None and table.errors:
        problems.extend(table.errors)
    if problems:
        return QueryImport.objects.create(
            system=system, actor=actor, source=source, file_name=name, ok=False, message=querying.errors_text(problems)
        )
    asked = system.asked_fields()
    QueryRecord.objects.filter(system=system).delete()
    records = (
        QueryRecord(system=system, key=querying.record_key(system.pk, [row[f.column] for f in asked]), data=row)
        for row in table.rows
    )
    QueryRecord.objects.bulk_create(records, batch_size=BATCH)
    system.row_count = len(table.rows)
    system.data_as_of = timezone.now()
    update = ["row_count", "data_as_of"]
    if source == QuerySource.DROP:
        system.drop_file_hash = hashlib.sha256(data).hexdigest()
        update.append("drop_file_hash")
    system.save(update_fields=update)
    return QueryImport.objects.create(
        system=system,
        actor=actor,
        source=source,
        file_name=name,
        ok=True,
        rows=len(table.rows),
        message=f"已导入 {len(table.rows)} 条，原有数据已全部替换",
    )


def query_answer(*, system: QuerySystem, values: list[str], client: str) -> list[selectors.AnswerRow]:
    """Answer one citizen's query (values already cleaned, in the asked fields' order) and
    write its audit row: when, which system, hit or miss, keyed hashes of the client and of
    the values — never the values or the answer. Misses of a personal system count against
    the client's failed-lookup budget (`core.antiabuse.limits`, 429 beyond it).

    The answer is read outside any transaction: a connector may wait for the utility's API
    (up to its timeout), and on SQLite an open write transaction would hold every other
    writer that long. The audit row is its own short transaction."""
    if system.is_personal:
        limits.check_lookup(client=client)
    rows = selectors.answer_rows(system, values)
    query_log_write(system=system, hit=bool(rows), values=values, client=client)
    if not rows and system.is_personal:
        limits.lookup_failed(client=client)
    return rows


@transaction.atomic
def query_log_write(*, system: QuerySystem, hit: bool, values: list[str], client: str) -> QueryLog:
    return QueryLog.objects.create(
        system=system,
        hit=hit,
        client_hash=querying.audit_hash("client", client),
        query_hash=querying.audit_hash(f"query:{system.pk}", "\x1f".join(values)),
    )


def drop_file(system: QuerySystem) -> Path | None:
    """The file waiting in the drop directory for this system (<slug>.xlsx or <slug>.csv)."""
    root = Path(settings.GOVPORTAL_QUERY_DROP_DIR)
    for suffix in (".xlsx", ".csv"):
        path = root / f"{system.slug}{suffix}"
        if path.is_file():
            return path
    return None


def query_drop_import_all() -> list[QueryImport]:
    """The scheduled import: every 定时导入 system whose dropped file changed since its last
    import (same content: nothing is done, so a job that runs twice imports once)."""
    done = []
    for system in QuerySystem.objects.filter(source=QuerySource.DROP):
        path = drop_file(system)
        if path is None:
            continue
        data = path.read_bytes()
        if hashlib.sha256(data).hexdigest() == system.drop_file_hash:
            continue
        with transaction.atomic():
            locked = QuerySystem.objects.select_for_update().get(pk=system.pk)
            if hashlib.sha256(data).hexdigest() == locked.drop_file_hash:
                continue  # imported meanwhile by another run
            result = query_data_import(system=locked, data=data, file_name=path.name, source=QuerySource.DROP)
        if not result.ok:
            logger.warning("query drop import of %s refused: %s", system.slug, result.message)
        done.append(result)
    return done


# --- end 公共查询 ------------------------------------------------------------------------------
