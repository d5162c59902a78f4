"""The stored-file record (see the package docstring for the contract)."""

from __future__ import annotations

import uuid
from pathlib import PurePath

from django.db import models
from django.utils.translation import gettext_lazy as _

from govportal.core.files.storage import get_private_storage


class StoredFile(models.Model):
    """存储文件 — one citizen or case file in the private store. Areas point at it (a letter
    attachment, a reply file, an application's material); `kind` names the area's access rule."""

    # Nothing in page content links to a stored file; keep it out of Wagtail's reference index.
    wagtail_reference_index_ignore = True

    key = models.UUIDField(_("访问标识"), default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField(_("类别"), max_length=60)
    case = models.ForeignKey(
        "core.Case", verbose_name=_("办件"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # A random name with the detected extension (storage.new_storage_name), never the citizen's.
    file = models.FileField(_("文件"), storage=get_private_storage, max_length=100)
    name = models.CharField(_("文件名"), max_length=200, help_text=_("上传者给出的文件名，仅用于显示"))
    extension = models.CharField(_("类型"), max_length=10)
    content_type = models.CharField(_("MIME 类型"), max_length=100)
    size = models.PositiveBigIntegerField(_("大小（字节）"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    created_at = models.DateTimeField(_("存储时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("存储文件")
        verbose_name_plural = _("存储文件")

    def __str__(self) -> str:
        return self.name

    @property
    def download_name(self) -> str:
        """The display name with the detected extension: "x.html" holding a PDF downloads as "x.pdf"."""
        stem = PurePath(self.name.replace("\\", "/")).stem.strip() or "file"
        return f"{stem[:100]}.{self.extension}"

    @property
    def url(self) -> str:
        from django.urls import reverse

        return reverse("stored_file", args=[self.key])


class CaseFile(models.Model):
    """The base of every area's file row (a letter's attachment, a disclosure reply file, an
    application's material): a row that points at one `StoredFile` and adds the area's own
    links (the letter, the request, the application's field). One upload path for all of
    them: `actions.case_file_attach` checks the upload (type by content, size), stores it
    and makes the row.

    A subclass declares ``stored`` itself (a ``OneToOneField`` to ``core.StoredFile`` with
    ``on_delete=PROTECT`` and its own ``related_name``) and, in ``copied``, the columns it
    keeps as copies of the stored file's attributes (older tables display them)."""

    # Nothing in page content links to a case file; keep it out of Wagtail's reference index.
    wagtail_reference_index_ignore = True

    # row column -> StoredFile attribute, filled when the row is made
    copied: dict[str, str] = {}

    class Meta:
        abstract = True

    @property
    def display_name(self) -> str:
        return self.stored.name

    @property
    def url(self) -> str:
        return self.stored.url
