"""Staff side of 政府信息公开 in the Wagtail admin, and the site-columns hook."""

from __future__ import annotations

from wagtail import hooks


@hooks.register("govportal_site_columns")
def add_disclosure_column(*, home, actor):
    from govportal.disclosure.actions import disclosure_column_ensure

    disclosure_column_ensure(home=home, actor=actor)
