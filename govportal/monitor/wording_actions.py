"""错敏词 writes: a reviewer accepts a hit with a reason; the sweep records what the published
pages hold. Keyword-only, with the actor; the acceptance is also written to the page's
history (``govportal.wording_accept``), where the reviewer's reason is shown."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction

from wagtail.log_actions import log
from wagtail.models import Page

from govportal.core.errors import InvalidInput, NotAllowed
from govportal.monitor import access, wording
from govportal.monitor.wording_models import WordingAcceptance, WordingFinding, WordKind
from govportal.monitor.wording_selectors import agency_home_paths, page_agency_id

REASON_MAX = 500


def _clean_reason(reason: str) -> str:
    from govportal.core.citizen_input import strip_controls

    reason = strip_controls(reason or "", multiline=True).strip()
    if not reason:
        raise InvalidInput("请填写接受的理由。", field="reason")
    if len(reason) > REASON_MAX:
        raise InvalidInput(f"理由不能超过 {REASON_MAX} 个字。", field="reason")
    return reason


@transaction.atomic
def wording_accept(
    *, actor, page: Page, reason: str, kind: str = "", word: str = "", live: bool = False
) -> list[WordingAcceptance]:
    """Accept one hit (``kind`` and ``word``) or, without them, every open hit of the page —
    of its latest revision, or with ``live`` of its published content (the sweep's list)."""
    agency_id = page_agency_id(page)
    if not access.may_accept_wording(actor, agency_id):
        raise NotAllowed("只有本单位的审核人、签发领导或信息办可以接受错敏词。")
    reason = _clean_reason(reason)
    if kind and kind not in WordKind.values:
        raise InvalidInput("类别不正确。", field="kind")
    hits = wording.open_hits(wording.check_page(page, live=live))
    if kind or word:
        hits = [h for h in hits if h.kind == kind and h.word == word]
        if not hits:
            raise InvalidInput("该词语不在本页的待处理检查结果中。", field="word")
    if not hits:
        raise InvalidInput("本页没有待处理的错敏词。")
    revision = page.get_latest_revision()
    accepted = []
    for key in dict.fromkeys((h.kind, h.word) for h in hits):
        acceptance, _ = WordingAcceptance.objects.update_or_create(
            page=page,
            kind=key[0],
            word=key[1],
            defaults={"reason": reason, "accepted_by": actor, "revision": revision},
        )
        accepted.append(acceptance)
        WordingFinding.objects.filter(page=page, kind=key[0], word=key[1]).delete()
    words = "、".join(f"「{a.word}」" for a in accepted)
    log(
        instance=page,
        action="govportal.wording_accept",
        user=actor,
        revision=revision,
        data={"comment": f"接受错敏词{words}：{reason}", "words": [a.word for a in accepted], "reason": reason},
    )
    return accepted


def _agency_of_path(path: str, homes: dict[str, int]) -> int | None:
    for end in range(len(path), 0, -Page.steplen):
        agency_id = homes.get(path[:end])
        if agency_id is not None:
            return agency_id
    return None


@transaction.atomic
def wording_sweep(*, now: datetime) -> dict:
    """Check every published page of the cluster's sites and record its open hits (the
    previous sweep's findings are replaced)."""
    homes = agency_home_paths()
    m = wording.matcher()
    accepted: dict[int, set[tuple[str, str]]] = {}
    for page_id, kind, word in WordingAcceptance.objects.values_list("page_id", "kind", "word"):
        accepted.setdefault(page_id, set()).add((kind, word))
    rows, pages = [], 0
    for page in Page.objects.live().order_by("path").specific().iterator(chunk_size=200):
        agency_id = _agency_of_path(page.path, homes)
        if agency_id is None:
            continue
        pages += 1
        for name, label, text in wording.page_texts(page):
            for hit in wording.find_in_text(text, m):
                if (hit.kind, hit.word) in accepted.get(page.pk, ()):
                    continue
                rows.append(
                    WordingFinding(
                        page_id=page.pk,
                        agency_id=agency_id,
                        field=name[:64],
                        field_label=label[:64],
                        offset=hit.start,
                        kind=hit.kind,
                        word=hit.word[:100],
                        suggestion=hit.suggestion[:255],
                        before=hit.before[-64:],
                        after=hit.after[:64],
                        found_at=now,
                    )
                )
    WordingFinding.objects.all().delete()
    WordingFinding.objects.bulk_create(rows, batch_size=500)
    return {"pages": pages, "findings": len(rows)}
