"""错敏词 demo: 示例市's leaders with their titles (the names the interviews use), a draft in
review at the education bureau with a typo and an outdated institution name (the reviewer
sees them highlighted and cannot approve until each is fixed or accepted with a reason),
two published articles with hits, and the sweep run once so 错敏词巡检 lists them."""

from __future__ import annotations

from datetime import timedelta

from govportal.cluster.models import ArticlePage, ColumnPage
from govportal.core.models import Role
from govportal.demo import registry
from govportal.monitor.wording_actions import wording_sweep
from govportal.monitor.wording_models import WordingEntry, WordKind

LEADERS = [
    ("陈慧敏", "市教育局局长、局长", "示例市教育局主要负责人"),
    ("孙丽娟", "市市场监督管理局局长、局长", "示例市市场监督管理局主要负责人"),
    ("吴卫东", "市住房和城乡建设局副局长、副局长", "分管城市更新"),
]


def load(builder) -> None:
    for name, titles, note in LEADERS:
        WordingEntry.objects.get_or_create(
            kind=WordKind.LEADER, word=name, defaults={"suggestion": titles, "note": note}
        )
    specs = {s.code: s for s in registry.ALL_AGENCIES}
    edu = "SLS-JYJ"
    home = builder.homes[edu]
    column = ColumnPage.objects.child_of(home).get(slug="gzdt")
    editor = builder.users.get(f"{specs[edu].slug}_{Role.EDITOR}", builder.users["admin"])

    # In review: a typo and an outdated name.
    draft = ArticlePage(
        title="市教育局做为牵头单位推进校园安防设备按装",
        slug="wording-demo-draft",
        summary="全市中小学校园安防设备更新工作进展。",
        body=(
            "<p>市教育局会同原国土资源局、公安局，对全市中小学校园安防设备进行摸底，"
            "新设备将于本月底前按装到位。</p><p>局长陈慧敏要求各校落实安全责任。</p>"
        ),
        owner=editor,
        live=False,
    )
    column.add_child(instance=draft)
    draft.save_revision(user=editor, log_action=True)
    workflow = draft.get_workflow()
    if workflow is not None:
        workflow.start(draft, editor)
        builder.summary.workflow_tasks += 1

    # Published: a typo, and a leader under a wrong title.
    when = builder.now - timedelta(days=12)
    for slug, title, body in (
        (
            "wording-demo-typo",
            "全市教育系统总结会召开",
            "<p>会议要求全市教育系统再接再励，做好下半年各项工作。</p>",
        ),
        (
            "wording-demo-leader",
            "市教育局调研乡村学校建设",
            "<p>近日，副局长陈慧敏带队到青山镇调研乡村学校建设。</p>",
        ),
    ):
        article = ArticlePage(title=title, slug=slug, body=body, owner=editor, first_published_at=when)
        column.add_child(instance=article)
        article.save_revision(user=editor).publish(user=editor, skip_permission_checks=True)
    wording_sweep(now=builder.now)
