"""Reads of 便民服务."""

from __future__ import annotations

# --- 公共查询 (public query systems) — helper "query" ------------------------------------------
from dataclasses import dataclass

from django.db.models import Prefetch

from govportal.convenience import querying
from govportal.convenience.models import PERSONAL_MASKS, QueryField, QueryRecord, QuerySource, QuerySystem
from govportal.core.errors import NotFound

MAX_ANSWER_ROWS = 50
MAX_CHOICES = 300


def _with_fields(qs):
    return qs.select_related("agency").prefetch_related(
        Prefetch("fields", queryset=QueryField.objects.order_by("sort_order", "pk"))
    )


def query_systems():
    """The published query systems (the 便民服务 index and the 公共查询 list), in order."""
    return [s for s in _with_fields(QuerySystem.objects.filter(is_published=True)) if not config_problems(s)]


def query_system_public(slug: str) -> QuerySystem:
    """A published, correctly configured system, or NotFound."""
    system = _with_fields(QuerySystem.objects.filter(is_published=True, slug=slug)).first()
    if system is None or config_problems(system):
        raise NotFound("没有这个查询")
    return system


def config_problems(system: QuerySystem, fields: list | None = None) -> list[str]:
    """Why this configuration must not be served (empty = fine). The admin form refuses to
    save one with problems; a system broken by a later change is not served either."""
    fields = list(system.fields.all()) if fields is None else fields
    asked = [f for f in fields if f.asked]
    problems = []
    if not asked:
        problems.append("至少要设置一项查询条件")
    if system.is_personal and len(asked) < 2:
        problems.append("涉及个人信息的查询至少要设置两项查询条件（如户号和户主姓氏），只凭一项不能查询")
    if not system.is_personal and any(f.mask in PERSONAL_MASKS for f in fields):
        problems.append("有字段按个人信息遮蔽，查询须勾选“涉及个人信息”")
    if not any(f.shown for f in fields):
        problems.append("至少要有一项显示在结果中的字段")
    columns = [querying.normalize(f.column) for f in fields]
    if len(set(columns)) != len(columns):
        problems.append("数据列名不能重复")
    if system.source == QuerySource.CONNECTOR and not system.connector_url:
        problems.append("数据来源为“接口对接”时须填写查询接口地址")
    return problems


def choices(system: QuerySystem) -> dict[str, list[str]]:
    """For a system without personal data only: the values of its asked fields (districts,
    townships) to choose from. A personal system lists nothing."""
    if system.is_personal or system.source == QuerySource.CONNECTOR:
        return {}
    out: dict[str, set] = {f.column: set() for f in system.asked_fields()}
    for data in QueryRecord.objects.filter(system=system).values_list("data", flat=True).iterator():
        for column, values in out.items():
            if len(values) < MAX_CHOICES and data.get(column):
                values.add(data[column])
    return {column: sorted(values) for column, values in out.items()}


@dataclass(frozen=True)
class AnswerRow:
    cells: list[tuple[str, str]]  # (label, masked value)


def answer_rows(system: QuerySystem, values: list[str]) -> list[AnswerRow]:
    """The rows that match every asked value exactly, as shown: the shown fields only, each
    masked by its rule. Nothing is kept."""
    asked = system.asked_fields()
    if system.source == QuerySource.CONNECTOR:
        given = {f.column: v for f, v in zip(asked, values, strict=True)}
        raw = querying.connector_rows(system, given)
        # Exact match here too, whatever the utility's API does with what it is sent.
        rows = [r for r in raw if all(querying.normalize(r.get(c)) == v for c, v in given.items())]
    else:
        key = querying.record_key(system.pk, values)
        rows = list(
            QueryRecord.objects.filter(system=system, key=key)
            .order_by("pk")
            .values_list("data", flat=True)[:MAX_ANSWER_ROWS]
        )
    shown = system.shown_fields()
    return [AnswerRow([(f.display_label, querying.mask_value(r.get(f.column), f.mask)) for f in shown]) for r in rows]


def query_systems_admin(user):
    from govportal.convenience import access

    return access.query_systems_for_staff(user, QuerySystem.objects.select_related("agency"))


def query_system_for_staff(user, pk) -> QuerySystem:
    """A system this member of staff manages, or NotFound (404 for another agency's)."""
    system = query_systems_admin(user).filter(pk=pk).first()
    if system is None:
        raise NotFound("没有这个查询")
    return system


# --- end 公共查询 ------------------------------------------------------------------------------
