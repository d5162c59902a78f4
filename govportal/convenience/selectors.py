"""Reads of 便民服务 (travel, culture, the directory): public lists with their filters, the
offline map's projection, the events calendar. Staff listings are filtered by `access`."""

from __future__ import annotations

import calendar as pycalendar
import math
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Count, Prefetch, Q, QuerySet

from govportal.convenience import querying
from govportal.convenience.models import (
    PERSONAL_MASKS,
    TOURISM_KINDS,
    DirectoryCategory,
    DirectoryEntry,
    QueryField,
    QueryRecord,
    QuerySource,
    QuerySystem,
    TourismEventPage,
    TourismIndexPage,
    TourismPage,
)
from govportal.core.errors import NotFound
from govportal.core.models import Agency, AgencyKind

# --- 旅游文化 ----------------------------------------------------------------------------------


def tourism_index() -> TourismIndexPage | None:
    """The city's 旅游文化 root (the first live one, the portal's)."""
    return TourismIndexPage.objects.live().public().order_by("path").first()


def tourism_items(index: TourismIndexPage, *, kind: str = "") -> QuerySet[TourismPage]:
    qs = TourismPage.objects.live().public().child_of(index)
    if kind in TOURISM_KINDS:
        qs = qs.type(TOURISM_KINDS[kind])
    return qs.order_by("-first_published_at", "-pk")


def with_covers(pages) -> list:
    """The pages, each with ``cover``: its first gallery picture (a TourismImage) or None —
    one query for all."""
    from govportal.convenience.models import TourismImage

    pages = list(pages)
    covers: dict[int, object] = {}
    rows = TourismImage.objects.filter(page__in=[p.pk for p in pages]).select_related("image")
    for row in rows.order_by("page_id", "sort_order", "pk"):
        covers.setdefault(row.page_id, row)
    for p in pages:
        p.cover = covers.get(p.pk)
    return pages


@dataclass
class CalendarDay:
    day: date | None
    events: list
    today: bool = False


def parse_month(value: str, today: date) -> tuple[int, int]:
    """``YYYY-MM`` (half- or full-width digits) → (year, month); anything else → this month."""
    from govportal.core.citizen_input import to_half_width

    value = to_half_width(value or "").strip()[:7]
    try:
        year, month = (int(x) for x in value.split("-"))
    except ValueError:
        return today.year, today.month
    if not (1900 <= year <= 2200 and 1 <= month <= 12):
        return today.year, today.month
    return year, month


def month_calendar(events: list, year: int, month: int, today: date) -> list[list[CalendarDay]]:
    """The month's weeks (Monday first), each day with the month's events on it."""
    weeks = []
    for week in pycalendar.Calendar(firstweekday=0).monthdatescalendar(year, month):
        row = []
        for day in week:
            if day.month != month:
                row.append(CalendarDay(None, []))
                continue
            on = [e for e in events if e.start_date <= day <= e.last_date]
            row.append(CalendarDay(day, on, today=day == today))
        weeks.append(row)
    return weeks


def events_in_month(index: TourismIndexPage, year: int, month: int) -> list[TourismEventPage]:
    first = date(year, month, 1)
    last = date(year, month, pycalendar.monthrange(year, month)[1])
    return list(
        TourismEventPage.objects.live()
        .public()
        .descendant_of(index)
        .filter(start_date__lte=last)
        .filter(Q(end_date__gte=first) | Q(end_date__isnull=True, start_date__gte=first))
        .order_by("start_date", "pk")
    )


def upcoming_events(index: TourismIndexPage, today: date, limit: int = 4) -> list[TourismEventPage]:
    return list(
        TourismEventPage.objects.live()
        .public()
        .descendant_of(index)
        .filter(Q(end_date__gte=today) | Q(end_date__isnull=True, start_date__gte=today))
        .order_by("start_date", "pk")[:limit]
    )


# --- 便民服务目录 --------------------------------------------------------------------------------


def published_entries(*, category: str = "", township: int | None = None, q: str = "") -> QuerySet[DirectoryEntry]:
    qs = DirectoryEntry.objects.filter(is_published=True).select_related("township", "agency")
    if category in DirectoryCategory.values:
        qs = qs.filter(category=category)
    if township:
        qs = qs.filter(township_id=township)
    if q:
        qs = qs.filter(Q(name__icontains=q) | Q(address__icontains=q) | Q(services__icontains=q))
    return qs.order_by("category", "name", "pk")


def public_entry(pk: int | None) -> DirectoryEntry:
    entry = published_entries().filter(pk=pk).first() if pk else None
    if entry is None:
        raise NotFound("没有找到该条目")
    return entry


def townships() -> QuerySet[Agency]:
    """The townships with published entries (the filter's choices and the map's labels)."""
    return (
        Agency.objects.filter(kind=AgencyKind.TOWNSHIP, directory_entries_here__is_published=True)
        .distinct()
        .order_by("sort_order", "code")
    )


def category_counts() -> list[tuple[str, str, int]]:
    """(value, label, number of published entries) for every category."""
    counts = dict(
        DirectoryEntry.objects.filter(is_published=True)
        .values_list("category")
        .annotate(n=Count("pk"))
        .values_list("category", "n")
    )
    return [(value, str(label), counts.get(value, 0)) for value, label in DirectoryCategory.choices]


# --- the offline map: a bounding-box projection onto a self-drawn SVG ------------------------

MAP_WIDTH, MAP_HEIGHT, MAP_PAD = 800, 560, 40


@dataclass
class MapPoint:
    n: int
    x: float
    y: float
    entry: DirectoryEntry


@dataclass
class MapLabel:
    name: str
    x: float
    y: float
    pk: int
    r: float = 40.0  # the radius of the township's shaded area around its entries


def _bbox(coords: list[tuple[float, float]]) -> tuple[float, float, float, float]:
    lats = [c[0] for c in coords]
    lngs = [c[1] for c in coords]
    south, north, west, east = min(lats), max(lats), min(lngs), max(lngs)
    # A single point or a line still gets an area: at least ~1 km each way.
    if north - south < 0.01:
        south, north = south - 0.005, north + 0.005
    if east - west < 0.01:
        west, east = west - 0.005, east + 0.005
    return south, north, west, east


def project(coords: list[tuple[float, float]]):
    """A function (lat, lng) → (x, y) on the SVG: an equirectangular projection of the
    points' bounding box (east-west shrunk by cos(latitude), so the map keeps its shape),
    fitted and centred in the drawing."""
    south, north, west, east = _bbox(coords)
    k = math.cos(math.radians((south + north) / 2))
    span_x, span_y = (east - west) * k, north - south
    scale = min((MAP_WIDTH - 2 * MAP_PAD) / span_x, (MAP_HEIGHT - 2 * MAP_PAD) / span_y)
    off_x = (MAP_WIDTH - span_x * scale) / 2
    off_y = (MAP_HEIGHT - span_y * scale) / 2

    def to_xy(lat: float, lng: float) -> tuple[float, float]:
        return round(off_x + (lng - west) * k * scale, 1), round(off_y + (north - lat) * scale, 1)

    return to_xy


def directory_map(entries: list[DirectoryEntry]) -> dict | None:
    """The map of a list: numbered points for the entries with coordinates, and each
    township's name at the centre of its entries. None when no entry has coordinates."""
    located = [e for e in entries if e.has_coordinates]
    if not located:
        return None
    to_xy = project([(float(e.latitude), float(e.longitude)) for e in located])
    points = []
    for n, e in enumerate(located, 1):
        x, y = to_xy(float(e.latitude), float(e.longitude))
        points.append(MapPoint(n, x, y, e))
    by_town: dict[int, list[DirectoryEntry]] = {}
    for e in located:
        by_town.setdefault(e.township_id, []).append(e)
    labels = []
    for town_id, rows in by_town.items():
        lat = sum(float(e.latitude) for e in rows) / len(rows)
        lng = sum(float(e.longitude) for e in rows) / len(rows)
        x, y = to_xy(lat, lng)
        spread = max(
            [math.hypot(px - x, py - y) for px, py in (to_xy(float(e.latitude), float(e.longitude)) for e in rows)]
        )
        name = rows[0].township.short_name or rows[0].township.name
        labels.append(MapLabel(name, x, y, town_id, r=round(min(spread + 28, 220), 1)))
    return {
        "points": points,
        "labels": labels,
        "width": MAP_WIDTH,
        "height": MAP_HEIGHT,
        "unlocated": [e for e in entries if not e.has_coordinates],
    }


def as_decimal(value) -> Decimal | None:
    return None if value is None else Decimal(str(value))


# --- 公共查询 (public query systems) ------------------------------------------------------------

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
