"""Who may read a stored file — the one decision `views.serve` asks.

- The information office (superuser): every file.
- Staff: what the area that owns the file's kind says. Each area registers its kinds in its
  AppConfig.ready() with a rule built on the selectors that decide who sees its cases, so
  a clerk reads a file exactly when they may see the case it belongs to.
- A citizen: a file of a case whose query code they proved in this session (`citizen`),
  when the kind allows citizens at all.
- Anyone else: nobody (the view answers 404, as for a file that does not exist).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from govportal.core import access as core_access
from govportal.core.files import citizen
from govportal.core.files.models import StoredFile


@dataclass(frozen=True)
class FileKind:
    key: str
    # (user, stored file) -> may this signed-in staff member read it?
    staff_may_read: Callable[[object, StoredFile], bool]
    # Whether the citizen who proved the case's query code may read it.
    citizen_may_read: bool = True


_KINDS: dict[str, FileKind] = {}


def register_kind(key: str, *, staff_may_read: Callable[[object, StoredFile], bool], citizen_may_read: bool = True):
    _KINDS[key] = FileKind(key=key, staff_may_read=staff_may_read, citizen_may_read=citizen_may_read)


def kind(key: str) -> FileKind | None:
    return _KINDS.get(key)


def may_read(request, record: StoredFile) -> bool:
    user = getattr(request, "user", None)
    signed_in = bool(user is not None and user.is_authenticated and user.is_active)
    if signed_in and core_access.may_read_any_file(user):
        return True
    rule = _KINDS.get(record.kind)
    if rule is None:  # an unknown kind is nobody's but the information office's
        return False
    if signed_in and rule.staff_may_read(user, record):
        return True
    return bool(rule.citizen_may_read and record.case_id and citizen.has_proven(request, record.case_id))
