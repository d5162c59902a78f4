"""The one application error hierarchy, always with a message a citizen or clerk can read
in Chinese. The API maps it to HTTP in `govportal.api.errors` (one exception handler on the
NinjaAPI); the admin views of the cluster map it to a message and the status code in
`govportal.cluster.admin_views`. A shared handler for public HTML views is still to come
with the first public form that raises these."""

from __future__ import annotations


class GovPortalError(Exception):
    """Base class. ``message`` is shown to the user as it is."""

    status_code = 400

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class InvalidInput(GovPortalError):
    status_code = 400


class NotFound(GovPortalError):
    """Also used when the object exists but the asker may not see it (never 403 for that)."""

    status_code = 404


class NotAllowed(GovPortalError):
    """The asker may see the object but not do this to it."""

    status_code = 403


class Conflict(GovPortalError):
    """The object is not in a state that allows this (e.g. an offer already decided)."""

    status_code = 409


class Unprocessable(GovPortalError):
    """Well-formed but not acceptable as it stands (e.g. an idempotency key reused for a
    different request)."""

    status_code = 422


class TooManyRequests(GovPortalError):
    """A rate limit (anonymous submissions, lookups, SMS codes): try again later."""

    status_code = 429
