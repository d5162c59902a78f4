"""The private storage of stored files: a local directory outside the public media root,
with no URL of its own (every read goes through `views.serve`)."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.functional import LazyObject, empty


class PrivateStorage(FileSystemStorage):
    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("location", settings.PRIVATE_MEDIA_ROOT)
        super().__init__(**kwargs)

    def url(self, name):  # noqa: ARG002 — deliberately no public URL
        raise NotImplementedError("Stored files have no public URL: link to core.files.views.serve")


class _LazyPrivateStorage(LazyObject):
    def _setup(self) -> None:
        self._wrapped = PrivateStorage()


private_storage = _LazyPrivateStorage()


def get_private_storage():
    """The storage callable for FileFields (a callable keeps the path out of migrations and
    lets tests point PRIVATE_MEDIA_ROOT elsewhere)."""
    return private_storage


@receiver(setting_changed)
def _root_changed(*, setting, **kwargs) -> None:
    # override_settings(PRIVATE_MEDIA_ROOT=…) in tests: build the storage again.
    if setting == "PRIVATE_MEDIA_ROOT":
        private_storage._wrapped = empty


def new_storage_name(extension: str) -> str:
    """A random name with the detected extension: ``ab/ab3f…e1.pdf`` (two-letter shards keep
    directories small). Nothing of the citizen's file name goes into it."""
    token = secrets.token_hex(16)
    return f"{token[:2]}/{token}.{extension}"
