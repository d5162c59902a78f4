"""Stored files — the one way every area keeps citizen and case files (letter attachments,
disclosure replies, application materials and results, documents between agencies).

The contract (docs/security.md, "Citizen and case files"):

- a file is stored under a random name in a private storage rooted at
  ``PRIVATE_MEDIA_ROOT``, outside ``MEDIA_ROOT`` — nothing under ``/media/`` reaches it;
- its extension and MIME type come from the detected content (`core.uploads.check_upload`);
  the name the citizen gave is kept only as a display name;
- it is served only by `views.serve` (``/files/<key>/``), which asks the area that owns
  the file's kind whether this staff member may read it, or whether the citizen proved the
  case's query code in this session — anyone else gets a 404 — and answers as an
  attachment with ``X-Content-Type-Options: nosniff`` and the detected type; behind nginx
  (``PRIVATE_MEDIA_ACCEL_PREFIX``) it hands the bytes to nginx through ``X-Accel-Redirect``.

An area stores a file with `actions.stored_file_create` and declares who may read its kind
with `access.register_kind` (in its AppConfig.ready).
"""
