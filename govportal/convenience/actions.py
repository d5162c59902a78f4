"""Every write of 便民服务 (travel, culture, the directory): keyword-only arguments, an
actor, one transaction, an audit entry (Wagtail's log) or a case event, side effects on
commit (the case kernel's outbox, search re-indexing through the model source)."""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from wagtail.log_actions import log

from govportal.cluster.permissions import agency_permissions_sync
from govportal.convenience import access, exchange, querying, selectors
from govportal.convenience.models import (
    DirectoryCorrection,
    DirectoryEntry,
    QueryImport,
    QueryLog,
    QueryRecord,
    QuerySource,
    QuerySystem,
    TourismIndexPage,
)
from govportal.convenience.workflow import KEY
from govportal.core import citizen_input, rows
from govportal.core.antiabuse import limits
from govportal.core.cases.actions import case_create, case_transition
from govportal.core.cases.models import ActorKind
from govportal.core.errors import InvalidInput
from govportal.core.models import Agency, AgencyKind

# --- 旅游文化: the maintainers' page permissions -------------------------------------------------


@transaction.atomic
def tourism_maintainers_sync(*, index: TourismIndexPage, actor) -> list[Agency]:
    """Make the page permissions on a 旅游文化 root match its maintainers: every maintainer's
    groups (and any agency that held rights here before) are synchronised by the cluster's
    one function, which reads the roots from `access.tourism_roots`."""
    from wagtail.models import GroupPagePermission

    from govportal.core.models import AgencyGroup

    before = set(
        AgencyGroup.objects.filter(
            group__in=GroupPagePermission.objects.filter(page=index).values("group")
        ).values_list("agency_id", flat=True)
    )
    now = {agency.pk for agency in index.maintainers.all()}
    agencies = list(Agency.objects.filter(pk__in=before | now).order_by("pk"))
    for agency in agencies:
        agency_permissions_sync(agency)
    log(instance=index, action="govportal.tourism_maintainers", user=actor, data={"agencies": sorted(now)})
    return agencies


# --- 便民服务目录: import ---------------------------------------------------------------------------


class ImportRefused(InvalidInput):
    """An import with row-level problems: nothing was written. ``rows`` lists them."""

    def __init__(self, rows_with_errors: list[exchange.Row]):
        self.rows = rows_with_errors
        super().__init__(f"有 {len(rows_with_errors)} 行数据有误，未导入任何数据，请修改后重新导入", field="file")


@transaction.atomic
def directory_import(*, actor, agency: Agency, data: bytes, filename: str) -> dict[str, int]:
    """Import an xlsx or CSV into the agency's entries: every row is checked first; with
    any problem nothing is written (ImportRefused with the rows); else a row whose name
    and township match one of the agency's entries updates it, others are created. Returns
    {"created": n, "updated": m}."""
    if len(data) > settings.GOVPORTAL_DIRECTORY_IMPORT_MAX_BYTES:
        raise InvalidInput(
            f"文件超过大小上限 {settings.GOVPORTAL_DIRECTORY_IMPORT_MAX_BYTES // (1024 * 1024)} MB", field="file"
        )
    towns: dict[str, int] = {}
    for pk, name, short in Agency.objects.filter(kind=AgencyKind.TOWNSHIP).values_list("pk", "name", "short_name"):
        towns[name] = pk
        if short:
            towns.setdefault(short, pk)
    parsed = exchange.parse_rows(exchange.read_table(data, filename), townships=towns)
    bad = [r for r in parsed if r.errors]
    if bad:
        raise ImportRefused(bad)
    existing = {(e.township_id, e.name): e for e in DirectoryEntry.objects.select_for_update().filter(agency=agency)}
    created = updated = 0
    for row in parsed:
        values = row.values
        entry = existing.get((values["township_id"], values["name"]))
        if entry is None:
            entry = DirectoryEntry(agency=agency, **values)
            created += 1
        else:
            for key, value in values.items():
                setattr(entry, key, value)
            updated += 1
        entry.full_clean(validate_unique=False)
        entry.save()  # the search source re-indexes each after commit
    log(
        instance=agency,
        action="govportal.directory_import",
        user=actor,
        data={"created": created, "updated": updated, "file": filename[:100]},
    )
    return {"created": created, "updated": updated}


# --- 纠错: a citizen's correction becomes a case of the maintaining agency -----------------------


@transaction.atomic
def correction_submit(*, entry: DirectoryEntry, content: str, name: str, phone: str) -> tuple[DirectoryCorrection, str]:
    """A citizen's 纠错 of a published entry: a case of the entry's agency with the reply
    clock; returns it and its query code (shown once)."""
    if not entry.is_published:
        raise InvalidInput("该条目未公开", field="entry")
    content = citizen_input.clean_text(content, label="纠错内容", max_length=1000, multiline=True, field="content")
    if len(content) < 5:
        raise InvalidInput("请说明哪些信息有误（至少5个字）", field="content")
    name = citizen_input.clean_name(name, field="name")
    phone = citizen_input.clean_phone(phone, field="phone")
    case, code = case_create(
        case_type=KEY,
        actor=None,
        actor_kind=ActorKind.CITIZEN,
        agency=entry.agency,
        title=f"纠错：{entry.name}",
        payload={"entry": entry.pk, "limit_days": settings.GOVPORTAL_DIRECTORY_CORRECTION_DAYS},
        context={"citizen_phone": phone, "citizen_email": "", "entry_name": entry.name},
    )
    correction = DirectoryCorrection(case=case, entry=entry, content=content, name=name, phone=phone)
    rows.insert(correction)
    return correction, code


@transaction.atomic
def correction_reply(*, correction: DirectoryCorrection, actor, reply: str, corrected: bool) -> DirectoryCorrection:
    access.require_reply(actor, correction)
    reply = citizen_input.clean_text(reply, label="处理结果", max_length=2000, multiline=True, field="reply")
    if not reply:
        raise InvalidInput("请填写处理结果", field="reply")
    correction.reply = reply
    correction.save(update_fields=["reply"])
    case_transition(
        case=correction.case,
        name="reply",
        actor=actor,
        actor_kind=ActorKind.CLERK,
        payload={"corrected": corrected},
    )
    return correction


# --- 公共查询 (public query systems) ------------------------------------------------------------

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
