"""The live transcript as a small JSON snapshot that readers poll (ADR 0015).

Each change readers must see (a question taken, a post, the live started or ended) writes
the snapshot again, once its transaction has committed (`snapshot_changed`):

- production (``PRERENDER_DIR`` set, nginx in front — `make serve`): a file
  ``PRERENDER_DIR/_live/fangtan/<pk>/live.json`` that nginx serves at
  ``/fangtan/<pk>/live.json`` (deploy/nginx/govportal.conf) with an ETag, so a reader
  whose copy is current gets a 304. Writes are atomic (a temporary file renamed) and
  serialised per interview by a lock held while the snapshot is read from the database,
  so a slower writer can never put an older state over a newer one. A missing file is
  rendered by Django (the view below) and stored.
- the embedded default (no nginx): the same bytes from the cache, written through on each
  change and kept at most ``CACHE_SECONDS`` (other processes with their own local cache see
  a change within that), rebuilt from the database on a miss — two or three queries.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import logging
import os
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from govportal.interviews.models import Interview, InterviewState, Post, PostKind, QuestionState

logger = logging.getLogger(__name__)

CACHE_SECONDS = 1
POLL_MS = 1000
TAKEN_STATES = (QuestionState.APPROVED, QuestionState.ANSWERED, QuestionState.WRITTEN)


def _cache_key(pk: int) -> str:
    return f"govportal:interviews:live:{pk}"


def image_url(image, spec: str = "max-800x600") -> str:
    if image is None:
        return ""
    try:
        return image.get_rendition(spec).url
    except Exception:  # a missing source file must not break the live page
        logger.exception("interviews: no rendition of image %s", image.pk)
        return ""


def post_view(post: Post) -> dict:
    q = post.question
    return {
        "id": post.pk,
        "kind": post.kind,
        "speaker": post.speaker or str(PostKind(post.kind).label),
        "role": post.guest.post if post.guest_id else ("主持人" if post.kind == PostKind.HOST else ""),
        "text": post.text,
        "time": timezone.localtime(post.created_at).strftime("%H:%M"),
        "image": image_url(post.image),
        "alt": (post.image.title if post.image_id else ""),
        "q": {"name": q.public_name, "text": q.public_content} if q is not None else None,
    }


def posts_of(interview: Interview):
    return interview.posts.select_related("guest", "question", "image").order_by("created_at", "pk")


def taken_questions(interview: Interview):
    return interview.questions.filter(state__in=TAKEN_STATES).order_by("moderated_at", "pk")


def snapshot(interview: Interview) -> dict:
    posts = [post_view(p) for p in posts_of(interview)]
    taken = [
        {"id": q.pk, "name": q.public_name, "text": q.public_content, "answered": q.state != QuestionState.APPROVED}
        for q in taken_questions(interview).only("pk", "public_name", "public_content", "state")
    ]
    body = {
        "id": interview.pk,
        "state": interview.state,
        "state_label": str(InterviewState(interview.state).label),
        "posts": posts,
        "taken": taken,
    }
    body["v"] = hashlib.sha1(json.dumps(body, sort_keys=True, ensure_ascii=False).encode()).hexdigest()[:16]
    return body


def snapshot_bytes(pk: int) -> bytes | None:
    interview = Interview.objects.filter(pk=pk, is_published=True).first()
    if interview is None:
        return None
    return json.dumps(snapshot(interview), ensure_ascii=False, separators=(",", ":")).encode()


# --- where it is kept ----------------------------------------------------------------------


def file_of(pk: int) -> Path | None:
    base = getattr(settings, "PRERENDER_DIR", "")
    return Path(base) / "_live" / "fangtan" / str(int(pk)) / "live.json" if base else None


@contextlib.contextmanager
def _locked(target: Path):
    target.parent.mkdir(parents=True, exist_ok=True)
    with open(target.parent / ".lock", "a+") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _write(target: Path, content: bytes) -> None:
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(content)
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
        tmp = None
    finally:
        if tmp is not None:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)


def snapshot_changed(pk: int) -> bytes | None:
    """Write the snapshot again (called on commit)."""
    target = file_of(pk)
    if target is None:
        content = snapshot_bytes(pk)
        if content is None:
            cache.delete(_cache_key(pk))
        else:
            cache.set(_cache_key(pk), content, CACHE_SECONDS)
        return content
    try:
        with _locked(target):
            content = snapshot_bytes(pk)  # read under the lock: the last writer has the newest state
            if content is None:
                target.unlink(missing_ok=True)
            else:
                _write(target, content)
        return content
    except OSError:  # a full or read-only disk must never break the action
        logger.exception("interviews: could not write the live snapshot of %s", pk)
        return None


def current_bytes(pk: int) -> bytes | None:
    """What the view answers: the cached snapshot (embedded), or the file's content — a
    missing file is written now (production, when nginx did not find it)."""
    target = file_of(pk)
    if target is None:
        content = cache.get(_cache_key(pk))
        if content is None:
            content = snapshot_bytes(pk)
            if content is not None:
                cache.set(_cache_key(pk), content, CACHE_SECONDS)
        return content
    with contextlib.suppress(FileNotFoundError):
        return target.read_bytes()
    return snapshot_changed(pk)
