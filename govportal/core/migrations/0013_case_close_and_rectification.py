
import itertools

import django.db.models.deletion
from django.db import migrations, models


def record_closes(apps, schema_editor):
    """Closed cases get what ``case_transition`` now stores at close, from their own log:
    when they closed, the due date in force just before, whether they closed by it, the
    working days taken. Replayed through the live case types and calendar (registered at
    start-up); a case of a type no longer registered is left as it is. Letters' own stored
    figures replace these in interaction 0004."""
    from govportal.core import calendar
    from govportal.core.cases import deadlines, workflow

    Case = apps.get_model("core", "Case")
    CaseEvent = apps.get_model("core", "CaseEvent")
    cal = calendar.current()
    closed = {c.pk: c for c in Case.objects.filter(is_open=False).only("pk", "case_type", "state", "created_at")}
    if not closed:
        return
    events = (
        CaseEvent.objects.filter(case__is_open=False)
        .order_by("case_id", "created_at", "id")
        .only("case_id", "type", "from_state", "to_state", "payload", "created_at")
        .iterator(chunk_size=5000)
    )
    batch = []
    for case_id, group in itertools.groupby(events, key=lambda e: e.case_id):
        case = closed.get(case_id)
        group = list(group)
        try:
            ct = workflow.get(case.case_type)
        except KeyError:
            continue
        idx = max((i for i, e in enumerate(group) if e.to_state == case.state), default=None)
        if idx is None:
            continue
        closing = group[idx]
        rule = ct.rule_for(closing.from_state) if closing.from_state else None
        due = None
        if rule is not None:
            views = [deadlines.EventView(e.type, deadlines.local_date(e.created_at), e.payload) for e in group[:idx]]
            due = deadlines.compute(rule, views, cal).due
        closed_on = deadlines.local_date(closing.created_at)
        case.closed_at = closing.created_at
        case.closed_due_date = due
        case.closed_on_time = due is None or closed_on <= due
        case.closed_working_days = max(0, cal.working_days_between(deadlines.local_date(case.created_at), closed_on))
        batch.append(case)
        if len(batch) >= 1000:
            Case.objects.bulk_update(batch, ["closed_at", "closed_due_date", "closed_on_time", "closed_working_days"])
            batch = []
    if batch:
        Case.objects.bulk_update(batch, ["closed_at", "closed_due_date", "closed_on_time", "closed_working_days"])


class Migration(migrations.Migration):

    dependencies = [
        ('core', '0012_case_timer'),
    ]

    operations = [
        migrations.AddField(
            model_name='case',
            name='closed_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='办结时间'),
        ),
        migrations.AddField(
            model_name='case',
            name='closed_due_date',
            field=models.DateField(blank=True, null=True, verbose_name='办结时的截止日期'),
        ),
        migrations.AddField(
            model_name='case',
            name='closed_on_time',
            field=models.BooleanField(blank=True, null=True, verbose_name='按期办结'),
        ),
        migrations.AddField(
            model_name='case',
            name='closed_working_days',
            field=models.PositiveSmallIntegerField(blank=True, null=True, verbose_name='办理用时（工作日）'),
        ),
        migrations.CreateModel(
            name='Rectification',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('level', models.PositiveSmallIntegerField(choices=[(5, '非常满意'), (4, '满意'), (3, '基本满意'), (2, '不满意'), (1, '非常不满意')], verbose_name='评价等级')),
                ('comment', models.TextField(blank=True, verbose_name='评价意见')),
                ('real_name', models.BooleanField(default=True, verbose_name='实名评价')),
                ('opened_at', models.DateTimeField(verbose_name='开始时间')),
                ('verification', models.TextField(blank=True, verbose_name='核实情况')),
                ('measures', models.TextField(blank=True, verbose_name='整改措施')),
                ('rectified_at', models.DateTimeField(blank=True, null=True, verbose_name='整改时间')),
                ('return_visit', models.TextField(blank=True, verbose_name='回访情况')),
                ('return_visit_satisfied', models.BooleanField(blank=True, null=True, verbose_name='回访满意')),
                ('closed_at', models.DateTimeField(blank=True, null=True, verbose_name='回访时间')),
                ('case', models.OneToOneField(on_delete=django.db.models.deletion.PROTECT, related_name='rectification', to='core.case', verbose_name='整改办件')),
                ('rated_case', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='rectifications', to='core.case', verbose_name='被评价办件')),
                ('rating_event', models.OneToOneField(on_delete=django.db.models.deletion.PROTECT, related_name='rectification', to='core.caseevent', verbose_name='评价记录')),
            ],
            options={
                'verbose_name': '差评整改',
                'verbose_name_plural': '差评整改',
                'ordering': ['-opened_at', '-pk'],
            },
        ),
        migrations.RunPython(record_closes, migrations.RunPython.noop),
    ]
