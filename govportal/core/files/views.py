"""GET /files/<key>/ — the only way a stored file leaves the server."""

from __future__ import annotations

import posixpath

from django.conf import settings
from django.http import FileResponse, Http404, HttpResponse
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_safe
from django.views.static import serve as static_serve

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


# Under MEDIA_ROOT but not public: Wagtail's document files (served by /documents/<id>/…,
# which enforces collection privacy) and the original uploads of images (pages use
# renditions). The nginx config closes the same folders.
CLOSED_MEDIA_FOLDERS = ("documents", "original_images")


@require_safe
def public_media(request, path: str):
    """/media/ in the embedded mode (SERVE_MEDIA): published renditions and the like."""
    normal = posixpath.normpath(path).lstrip("/")
    if normal.split("/", 1)[0] in CLOSED_MEDIA_FOLDERS or normal.startswith(".."):
        raise Http404
    return static_serve(request, normal, document_root=settings.MEDIA_ROOT)


@require_safe
def serve(request, key):
    record = StoredFile.objects.filter(key=key).first()
    # A file that does not exist and one the asker may not read answer the same.
    if record is None or not access.may_read(request, record):
        raise Http404
    prefix = settings.GOVPORTAL_PRIVATE_MEDIA_ACCEL_PREFIX
    if prefix and record.file.name:
        # nginx (make serve) sends the bytes from its `internal` location after this check.
        response = HttpResponse()
        response["X-Accel-Redirect"] = prefix.rstrip("/") + "/" + record.file.name
        return _headers(response, record)
    if not record.file.name:  # recorded by a migration whose file was already missing
        raise Http404
    try:
        handle = record.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    return _headers(FileResponse(handle, as_attachment=True, filename=record.download_name), record)
