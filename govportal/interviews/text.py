"""Text rules of questions: sensitive words flagged for the moderator, a fingerprint that
finds duplicates (the same question asked again, differing only in spacing, punctuation
or full-width characters)."""

from __future__ import annotations

import hashlib
import re

from django.conf import settings

from govportal.core.citizen_input import to_half_width

_NOISE = re.compile(r"[\s\W_]+", re.UNICODE)


def sensitive_words_in(text: str) -> list[str]:
    """The configured sensitive words found in the text (flagged, not refused: the
    moderator decides)."""
    plain = to_half_width(text or "").lower()
    return [w for w in settings.GOVPORTAL_INTERVIEWS_SENSITIVE_WORDS if w and w.lower() in plain]


def fingerprint(text: str) -> str:
    plain = _NOISE.sub("", to_half_width(text or "").lower())
    return hashlib.sha256(plain.encode()).hexdigest()
