"""Seeding the working-day calendar from maintained data sources.

Checked on 2026-11-27:
- 2026: ``chinese-calendar`` 1.11 matches the State Council notice 国办发明电〔2025〕7号
  day for day (元旦 1.1–1.3, 1.4 上班; 春节 2.15–2.23, 2.14 and 2.28 上班; 清明 4.4–4.6;
  劳动节 5.1–5.5, 5.9 上班; 端午 6.19–6.21; 中秋 9.25–9.27; 国庆 10.1–10.7, 9.20 and
  10.10 上班), so 2026 is seeded as confirmed.
- 2027: ``chinese-calendar`` raises; ``holidays`` lists rule-estimated holidays with no
  调休 working days, so 2027 is seeded provisional until the information office enters the
  notice and confirms the year.
"""

from __future__ import annotations

from datetime import date

CONFIRMED_NOTICES = {2026: "国办发明电〔2025〕7号"}

# Keyword in the source's English name -> Chinese name; the first match wins, so the
# Spring Festival keywords come before "new year".
_NAMES_ZH = (
    ("spring festival", "春节"),
    ("chinese new year", "春节"),
    ("new year", "元旦"),
    ("tomb", "清明节"),
    ("labo", "劳动节"),
    ("dragon boat", "端午节"),
    ("mid-autumn", "中秋节"),
    ("national day", "国庆节"),
)


def _zh(name: str) -> str:
    lowered = name.lower()
    return next((zh for key, zh in _NAMES_ZH if key in lowered), name)


def days_for_year(year: int) -> tuple[list[tuple[date, str, str, str]], str, bool, str]:
    """Return ([(date, kind, note, source)], source, confirmed, notice) for one year."""
    try:
        import chinese_calendar

        holidays_ = {d: n for d, n in chinese_calendar.constants.holidays.items() if d.year == year}
        workdays = {d: n for d, n in chinese_calendar.constants.workdays.items() if d.year == year}
        if holidays_:
            source = f"chinese-calendar {getattr(chinese_calendar, '__version__', '1.11')}"
            rows = [(d, "holiday", _zh(n), source) for d, n in sorted(holidays_.items())]
            rows += [(d, "workday", f"{_zh(n)}调休上班", source) for d, n in sorted(workdays.items())]
            notice = CONFIRMED_NOTICES.get(year, "")
            return sorted(rows), source, bool(notice), notice
    except (ImportError, NotImplementedError):
        pass
    import holidays

    source = f"holidays {holidays.__version__}（规则估算，无调休上班日）"
    rows = [(d, "holiday", _zh(n), source) for d, n in sorted(holidays.China(years=year).items())]
    return rows, source, False, ""


def seed(year: int, *, CalendarYear, CalendarDay) -> int:  # noqa: N803 — models passed in by migrations
    """Insert the year's overrides unless the year already exists. Returns days created."""
    if CalendarYear.objects.filter(year=year).exists():
        return 0
    rows, source, confirmed, notice = days_for_year(year)
    CalendarYear.objects.create(
        year=year, status="confirmed" if confirmed else "provisional", notice=notice, source=source
    )
    existing = set(CalendarDay.objects.filter(date__year=year).values_list("date", flat=True))
    new = [CalendarDay(date=d, kind=k, note=n, source=s) for d, k, n, s in rows if d not in existing]
    CalendarDay.objects.bulk_create(new)
    return len(new)
