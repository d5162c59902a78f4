"""The yearly report's place on every site: a 网站年度报表 link in the footer of every page
(the notice asks each site to publish its report on its home page by 31 January; the
footer is on the home page and on every page of the site)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from govportal.cluster import areas


def _site_reports_url(home) -> str:
    return reverse("monitor_public:site_reports", args=[home.pk])


areas.register_footer_link(
    areas.FooterLink(key="yearly_report", label=_("网站年度报表"), url=_site_reports_url, order=10)
)
