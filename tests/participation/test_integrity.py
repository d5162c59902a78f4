"""Point 6 (the concurrent and committed parts are in test_votes_concurrent.py, last, so
that their database flush does not force this module's cluster to be rebuilt): no change once
answered except closing, an audit of changes after the opening; and 网上评议 (rating once,
ranking, publishing, xlsx for the supervision office)."""

from __future__ import annotations

from datetime import timedelta
from io import BytesIO

from django.test import Client

import pytest

from govportal.core.errors import Conflict
from govportal.participation import actions
from govportal.participation.models import (
    EvaluationResponse,
    Survey,
    SurveyChange,
)
from tests.participation.conftest import answers, make_evaluation, make_survey, office, staff
from tests.submission import guard_fields


def _lists(data):
    return {k: list(v) if isinstance(v, list | tuple) else [v] for k, v in data.items()}


@pytest.mark.django_db
def test_questions_cannot_change_once_answered_but_the_survey_can_close_and_both_are_audited(cluster, client):
    edu = cluster["agencies"]["edu"]
    survey = make_survey(edu)
    owner = staff(edu)
    client.force_login(owner)
    form = client.get(f"/admin/surveys/edit/{survey.pk}/").content.decode()
    assert "城区公交线路优化问卷调查" in form
    # Before any answer, an edit after the opening is allowed and audited.
    actions.survey_save(form=_form(survey, title="城区公交线路优化问卷调查（修订）"), actor=owner, is_new=False)
    change = SurveyChange.objects.get(survey=survey)
    assert change.actor == owner and "标题" in change.what
    actions.survey_answer(survey=survey, voter="anon:1", data=_lists(answers(survey)))
    with pytest.raises(Conflict, match="不能再修改"):
        actions.survey_save(form=_form(survey, title="又改了"), actor=owner, is_new=False)
    assert Survey.objects.get(pk=survey.pk).title == "城区公交线路优化问卷调查（修订）"
    r = client.post(f"/admin/canyu/diaocha/{survey.pk}/close/")
    assert r.status_code == 302
    survey.refresh_from_db()
    assert survey.phase() == "closed" and SurveyChange.objects.filter(survey=survey, what="提前结束").exists()
    page = client.get(f"/admin/canyu/diaocha/{survey.pk}/").content.decode()
    assert "提前结束" in page and "标题" in page
    # Nor is an answered survey deleted: its results are a record.
    assert client.post(f"/admin/surveys/delete/{survey.pk}/").status_code in (302, 403, 404)
    assert Survey.objects.filter(pk=survey.pk).exists()


def _form(survey, **changes):
    """The admin's own form class for a survey, bound to its current values plus changes."""
    from govportal.participation.wagtail_hooks import SurveyViewSet

    form_class = SurveyViewSet().get_form_class(for_update=True)
    instance = Survey.objects.get(pk=survey.pk)
    blank = form_class(instance=instance)
    data = {}
    for name, field in blank.fields.items():
        value = blank.initial.get(name, field.initial)
        if value is None:
            continue
        data[name] = value.pk if hasattr(value, "pk") else value
    for prefix, formset in blank.formsets.items():
        data[f"{prefix}-TOTAL_FORMS"] = len(formset.forms)
        data[f"{prefix}-INITIAL_FORMS"] = len(formset.forms)
        data[f"{prefix}-MIN_NUM_FORMS"] = 0
        data[f"{prefix}-MAX_NUM_FORMS"] = 1000
        for i, sub in enumerate(formset.forms):
            for name, field in sub.fields.items():
                value = sub.initial.get(name, field.initial)
                if value is not None and value is not False:
                    data[f"{prefix}-{i}-{name}"] = value.pk if hasattr(value, "pk") else value
    data.update(changes)
    form = form_class(data, instance=instance)
    assert form.is_valid(), form.errors
    return form


@pytest.mark.django_db
def test_evaluation_rated_once_ranked_published_and_exported(cluster, client, time_machine):
    from openpyxl import load_workbook

    city, edu, town = (cluster["agencies"][k] for k in ("city", "edu", "town"))
    evaluation = make_evaluation(city, [edu, town], days=1)
    url = f"/canyu/pingyi/{evaluation.pk}/"
    indicators = list(evaluation.indicators.order_by("sort_order"))
    for n, (good, bad) in enumerate([("5", "2"), ("4", "3")]):
        c = Client()
        page = c.get(url).content.decode()
        assert "示例市教育局" in page and "工作作风" in page
        data = {"respondent": "enterprise" if n else "citizen", **guard_fields(page)}
        for i in indicators:
            data[f"i{i.pk}"] = good if i.target_id == edu.pk else bad
        assert "提交成功" in c.post(url, data).content.decode()
        if n == 0:
            page = c.get(url).content.decode()
            again = c.post(url, {**data, **guard_fields(page)})
            assert again.status_code == 409 and "每人只能评议一次" in again.content.decode()
    bad = Client()
    page = bad.get(url).content.decode()
    r = bad.post(url, {"respondent": "alien", f"i{indicators[0].pk}": "9", **guard_fields(page)})
    assert r.status_code == 400
    assert EvaluationResponse.objects.filter(evaluation=evaluation).count() == 2
    time_machine.move_to(evaluation.closes_at + timedelta(minutes=1))
    assert "结果经审定后公布" in client.get(url).content.decode()
    client.force_login(staff(edu))
    assert client.get(f"/admin/canyu/pingyi/{evaluation.pk}/").status_code == 404  # not the organiser
    client.force_login(office())
    assert client.post(f"/admin/canyu/pingyi/{evaluation.pk}/publish/").status_code == 302
    sheet = client.get(f"/admin/canyu/pingyi/{evaluation.pk}/xlsx/")
    rows = list(load_workbook(BytesIO(sheet.content)).active.values)
    assert rows[2][:3] == (1, "示例市教育局", 87.5)  # mean 4.5 → (4.5 − 1) ÷ 4 × 100
    client.logout()
    html = client.get(url).content.decode()
    assert "评议结果" in html and "87.5" in html and "<svg" in html and "群众 1" in html
