"""Every write of the link checker: the occurrences found in a run, each address's result,
the "recheck now" of one address by a member of staff."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from datetime import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from govportal.core import linkcheck
from govportal.monitor.links.collect import Reference
from govportal.monitor.links.models import LinkKind, LinkOccurrence, LinkTarget


def url_hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


@transaction.atomic
def links_found(*, references: Iterable[Reference]) -> int:
    """Replace every occurrence with the ones found now (a page that no longer links an
    address, or is no longer published, no longer counts), create the addresses seen for
    the first time and forget the ones no page links any more. Returns the occurrences."""
    refs = list(references)
    keys = {r.key: r for r in refs}
    known = dict(LinkTarget.objects.filter(url_hash__in=[url_hash(k) for k in keys]).values_list("url_hash", "pk"))
    new = [
        LinkTarget(
            url=key,
            url_hash=url_hash(key),
            kind=LinkKind.INTERNAL if ref.internal else LinkKind.EXTERNAL,
            host="" if ref.internal else (key.split("/")[2].split(":")[0] if "://" in key else ""),
        )
        for key, ref in keys.items()
        if url_hash(key) not in known
    ]
    LinkTarget.objects.bulk_create(new, batch_size=500)
    ids = dict(LinkTarget.objects.filter(url_hash__in=[url_hash(k) for k in keys]).values_list("url_hash", "pk"))
    LinkOccurrence.objects.all().delete()
    seen: set[tuple[int, int, str]] = set()
    rows = []
    for ref in refs:
        target_id = ids[url_hash(ref.key)]
        if (target_id, ref.page_id, ref.tag) in seen:
            continue
        seen.add((target_id, ref.page_id, ref.tag))
        rows.append(
            LinkOccurrence(
                target_id=target_id,
                page_id=ref.page_id,
                site_id=ref.site_id,
                agency_id=ref.agency_id,
                tag=ref.tag,
                written=ref.written,
            )
        )
    LinkOccurrence.objects.bulk_create(rows, batch_size=500)
    LinkTarget.objects.filter(occurrences__isnull=True).delete()
    return len(rows)


@transaction.atomic
def link_checked(*, target_id: int, result: linkcheck.LinkResult, now: datetime | None = None) -> LinkTarget | None:
    """Record one check. An external address counts as broken after
    ``MONITOR_LINK_FAILURES`` failed checks in a row (a site that is down for an hour must
    not cost points); an internal one at once (the database does not fail by chance)."""
    now = now or timezone.now()
    target = LinkTarget.objects.select_for_update().filter(pk=target_id).first()
    if target is None:
        return None  # no page links it any more
    target.checked_at = now
    target.ok, target.status, target.error = result.ok, result.status, result.error[:200]
    if result.ok:
        target.failures, target.first_failed_at, target.broken = 0, None, False
    else:
        target.failures += 1
        target.first_failed_at = target.first_failed_at or now
        needed = 1 if target.kind == LinkKind.INTERNAL else max(1, settings.GOVPORTAL_MONITOR_LINK_FAILURES)
        target.broken = target.failures >= needed
    target.save()
    return target


def link_recheck(*, actor, target: LinkTarget, now: datetime | None = None) -> LinkTarget | None:
    """A member of staff fixed a link (or the site behind it came back): check it now, outside
    any transaction (the request may take the whole timeout), then record the result. The
    caller has checked that ``actor`` may see the address (``monitor.access``)."""
    from govportal.monitor.links.checker import check_one

    result = check_one(target)
    return link_checked(target_id=target.pk, result=result, now=now)
