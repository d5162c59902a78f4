"""Point 6 with real threads and real commits: no double votes under 50 concurrent voters of
the same person; the vote is committed before the answer page. Transactional tests — kept in
this module, which runs after the ones sharing the small cluster."""

from __future__ import annotations

import threading
import time

from django.db import OperationalError, connection
from django.test import Client

import pytest

from govportal.core.errors import Conflict
from govportal.participation import actions
from govportal.participation.models import SurveyAnswer, SurveyResponse
from tests.participation.conftest import answers, make_survey
from tests.submission import guard_fields


def _lists(data):
    return {k: list(v) if isinstance(v, list | tuple) else [v] for k, v in data.items()}


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_fifty_concurrent_answers_of_the_same_person_store_one(make_agency):
    # Real threads with their own connections. PostgreSQL runs them truly in parallel; SQLite's
    # shared in-memory test database allows one writer at a time, so there they take turns —
    # the unique constraint decides in both.
    survey = make_survey(make_agency(name="示例市交通运输局", short_name="交通局"))
    data = _lists(answers(survey))
    serial = threading.Lock() if connection.vendor == "sqlite" else None
    barrier = threading.Barrier(50)
    outcomes, errors = [], []

    def answer():
        # The server may be short of connections while other tests hold theirs (CI shares one
        # PostgreSQL of 100): a refused *connection* is retried — the vote itself never is.
        for attempt in range(100):
            try:
                connection.ensure_connection()
                break
            except OperationalError:
                connection.close()
                time.sleep(0.05 * (attempt % 10 + 1))
        actions.survey_answer(survey=survey, voter="sms:same-person", data=data)

    def vote():
        try:
            barrier.wait()
            try:
                if serial:
                    with serial:
                        answer()
                else:
                    answer()
                outcomes.append("stored")
            except Conflict as exc:
                outcomes.append(exc.message)
        except Exception as exc:  # noqa: BLE001 — reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=vote) for _ in range(50)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert outcomes.count("stored") == 1
    assert outcomes.count("您已参与过本次调查，每人只能参与一次") == 49
    assert SurveyResponse.objects.filter(survey=survey).count() == 1
    assert SurveyAnswer.objects.filter(response__survey=survey).count() == 8


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_vote_is_committed_before_the_answer_page(make_agency):
    from tests.conftest import ensure_wagtail_base

    ensure_wagtail_base()
    survey = make_survey(make_agency(name="示例市教育局", short_name="教育局"))
    client = Client()
    page = client.get(f"/canyu/diaocha/{survey.pk}/").content.decode()
    r = client.post(f"/canyu/diaocha/{survey.pk}/", {**answers(survey), **guard_fields(page)})
    assert r.status_code == 200 and "提交成功" in r.content.decode()
    assert not connection.in_atomic_block  # the request's transaction is over …
    seen = []

    def read():  # … and another connection sees the vote: it was committed
        try:
            seen.append(SurveyResponse.objects.filter(survey_id=survey.pk).count())
        finally:
            connection.close()

    reader = threading.Thread(target=read)
    reader.start()
    reader.join()
    assert seen == [1]
