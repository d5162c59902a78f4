"""The 监管 area's models; each part keeps its own module."""

from govportal.monitor.yearly.models import (  # noqa: F401
    ReportStatus,
    YearlyReport,
    YearlyReportEdit,
    YearlyReportValue,
)
