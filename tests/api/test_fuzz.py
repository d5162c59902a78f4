"""Every operation of /api/v1/openapi.json, fuzzed by schemathesis through the WSGI app:
bad input answers 4xx, never a 5xx (issue 15, point 5).

Valid and invalid data both (schemathesis's positive and negative modes, plus its coverage
phase, which sends boundary values: empty, over-long, wrong types). Every citizen string is
also tried with a NUL byte, a control character, full-width digits and 300 characters.
A trusted-client token is set for the letter API so generated letters reach validation
instead of the rate limit, and real identifiers (a mailbox, an agency that takes
disclosure requests) are mixed into the generated bodies so the write paths are exercised
to the database — PostgreSQL in CI's second stage, which refuses NUL bytes and
over-long values with an error of its own.

Bounded: a few examples per operation and mode (``MAX_EXAMPLES``), about a minute in all.
"""

from __future__ import annotations

from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error

from govportal.cluster.models import SiteKind
from govportal.disclosure.models import DisclosureRequest
from govportal.interaction.models import Category, Letter, Mailbox, MailboxCategory, MailboxKind

MAX_EXAMPLES = 12
TOKEN = "fuzz-trusted-client"

# Real identifiers from the fixture below.
IDENTIFIERS = {
    "mailbox": "szxx",
    "category": Category.CONSULT.value,
    "agency_code": "D0001",
    "phone": "0731-84567890",
    "email": "zhang@example.com",
    "id_type": "id_card",
    "id_number": "11010519491231002X",
    "postcode": "410000",
    # Text a citizen would write: with these, the write paths are reached on every run, not
    # only when the generator happens upon a valid title or description.
    "name": "张三",
    "title": "小区门前道路积水",
    "content": "小区门前道路每逢下雨积水严重，请尽快处理。",
    "description": "申请公开本校2025年食堂经费收支情况。",
}
# Hostile strings a citizen (or a broken client) may send in any text field.
HOSTILE = st.sampled_from(
    [
        "张三\x00",
        "标题\x0b控制字符",
        "１３９１２３４５６７８",
        "x" * 300,
        "测" * 6000,
        "a" * 280 + "@example.com",
        "²",
        "99999999999999999999999",
    ]
)


@pytest.fixture
def api_schema(cluster, settings):
    from govportal.disclosure import actions as disclosure_actions

    settings.GOVPORTAL_SUBMISSION_API_TOKENS = [TOKEN]
    city = cluster["agencies"]["city"]
    box = Mailbox.objects.create(kind=MailboxKind.MAYOR, name="市长信箱", slug="szxx", agency=city, triage_agency=city)
    MailboxCategory.objects.create(mailbox=box, category=Category.CONSULT, reply_days=5)
    assert cluster["homes"]["edu"].kind == SiteKind.DEPARTMENT
    disclosure_actions.disclosure_column_ensure(home=cluster["homes"]["edu"])

    # Django's test client keeps the test's database connection open across requests; a
    # bare WSGI call would close it at the end of each request (as a real server does).
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    config = schemathesis.Config.from_dict(
        {
            "headers": {"Authorization": f"Bearer {TOKEN}"},
        }
    )
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application(), config=config)

    @schema.hook
    def flatmap_body(context, body):
        if not isinstance(body, dict):
            return st.just(body)
        known = {k: v for k, v in IDENTIFIERS.items() if k in body}
        texts = [k for k, v in body.items() if isinstance(v, str) and k not in IDENTIFIERS]
        hostile = st.sampled_from(texts).flatmap(lambda k: HOSTILE.map(lambda v: {k: v})) if texts else st.just({})
        return st.one_of(
            st.just(body),
            st.just({**body, **known}),
            hostile.map(lambda extra: {**body, **known, **extra}),
        )

    yield schema
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


def test_no_operation_answers_a_server_error(api_schema):
    # One test over all operations (schemathesis's pytest integration, `parametrize`, does
    # not run under pytest 9: it sets a node attribute pytest no longer has).
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) >= 10
    for operation in operations:
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            strategy = operation.as_strategy(mode, hooks=api_schema.hooks)

            @given(case=strategy)
            @settings(
                max_examples=MAX_EXAMPLES,
                deadline=None,
                database=None,
                derandomize=True,  # the same examples on every run: a failure here is never luck
                suppress_health_check=list(HealthCheck),
                phases=[Phase.generate],
            )
            def run(case):
                case.call_and_validate(checks=[not_a_server_error])

            try:
                run()
            except Unsatisfiable:
                # No input of this operation can be made invalid (no parameters, no body).
                assert mode == GenerationMode.NEGATIVE, operation.label
    # The write paths were reached, not only the schema's 422s.
    assert Letter.objects.exists()
    assert DisclosureRequest.objects.exists()
