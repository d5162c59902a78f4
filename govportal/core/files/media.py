"""The public media storage (MEDIA_ROOT): Django's file-system storage, except that an
uploaded image's original gets a random name.

Wagtail names an image's renditions after its original (``images/<stem>.fill-300x200.jpg``)
and `/media/images/` is served as files. With the uploader's name kept (``IMG_0001.jpg``),
the renditions of an image in an agency's private collection — a draft's picture — could be
guessed; with a random original they cannot. The title shown in the admin is kept apart
from the file name, so editors see no difference. Documents keep their names: Wagtail's
serve view, which checks the collection's privacy, is their only way out (nginx answers
404 for /media/documents/).
"""

from __future__ import annotations

import os
import secrets

from django.core.files.storage import FileSystemStorage

RANDOM_NAME_FOLDERS = ("original_images/",)


class MediaStorage(FileSystemStorage):
    def generate_filename(self, filename: str) -> str:
        if filename.startswith(RANDOM_NAME_FOLDERS):
            folder, base = filename.rsplit("/", 1)
            extension = os.path.splitext(base)[1].lower()
            filename = f"{folder}/{secrets.token_hex(16)}{extension}"
        return super().generate_filename(filename)
