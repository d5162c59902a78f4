"""A citizen's proof of a case's query code, remembered in their session for a short time.

The citizen's pages (the kernel's /cases/, 信件查询, 依申请公开查询, 办件进度) check the
tracking number + query code with the kernel's rate-limited `case_for_citizen` and then call
`remember_case`; a file link on the page carries only the file's random key — never the
query code, which would end up in browser history, proxies' logs and Referer headers.
"""

from __future__ import annotations

import time

from django.conf import settings

SESSION_KEY = "gp_cases_proven"
MAX_CASES = 20


def _now() -> int:
    return int(time.time())


def remember_case(request, case) -> None:
    session = getattr(request, "session", None)
    if session is None or case is None:
        return
    now = _now()
    proven = {k: v for k, v in (session.get(SESSION_KEY) or {}).items() if v > now}
    proven[str(case.pk)] = now + settings.GOVPORTAL_CITIZEN_FILE_SECONDS
    # Keep the newest few: a shared computer's session stays small.
    session[SESSION_KEY] = dict(sorted(proven.items(), key=lambda kv: kv[1])[-MAX_CASES:])


def has_proven(request, case_id: int) -> bool:
    session = getattr(request, "session", None)
    if session is None:
        return False
    until = (session.get(SESSION_KEY) or {}).get(str(case_id))
    return bool(until and until > _now())
