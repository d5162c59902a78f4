"""GET /files/<key>/ — the only way a stored file leaves the server."""

from __future__ import annotations

from django.conf import settings
from django.http import FileResponse, Http404, HttpResponse
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_safe

from govportal.core.files import access
from govportal.core.files.models import StoredFile


def _headers(response: HttpResponse, record: StoredFile) -> HttpResponse:
    response["Content-Type"] = record.content_type or "application/octet-stream"
    response["Content-Disposition"] = content_disposition_header(True, record.download_name)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    # A file opened in the browser anyway runs nothing and frames nothing.
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@require_safe
def serve(request, key):
    record = StoredFile.objects.filter(key=key).first()
    # A file that does not exist and one the asker may not read answer the same.
    if record is None or not access.may_read(request, record):
        raise Http404
    prefix = settings.GOVPORTAL_PRIVATE_MEDIA_ACCEL_PREFIX
    if prefix:
        # nginx (make serve) sends the bytes from its `internal` location after this check.
        response = HttpResponse()
        response["X-Accel-Redirect"] = prefix.rstrip("/") + "/" + record.file.name
        return _headers(response, record)
    try:
        handle = record.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    return _headers(FileResponse(handle, as_attachment=True, filename=record.download_name), record)
