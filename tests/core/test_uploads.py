"""The shared upload check: size first, then the type by content, with the form's names."""

from __future__ import annotations

import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile

import pytest

from govportal.core.errors import InvalidInput
from govportal.core.uploads import check_upload

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
PDF = b"%PDF-1.7\n" + b"x" * 64


def zip_bytes(*names: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in names or ("OFD.xml", "Doc_0/Document.xml"):
            archive.writestr(name, "<ofd/>")
    return buffer.getvalue()


def test_type_is_decided_by_content_not_by_name():
    assert check_upload(SimpleUploadedFile("scan.pdf", PNG), allowed=["pdf", "png"], max_bytes=10**6, label="x") == (
        "png",
        "image/png",
    )
    with pytest.raises(InvalidInput, match=r"营业执照的文件内容不是允许的类型（PDF、JPG）") as refused:
        check_upload(
            SimpleUploadedFile("a.pdf", b"MZ\x90\x00" + b"\x00" * 64),
            allowed=["pdf", "jpg"],
            max_bytes=10**6,
            label="营业执照",
            field="licence",
        )
    assert refused.value.field == "licence"


def test_names_for_the_same_content_and_the_file_is_left_readable():
    upload = SimpleUploadedFile("a.ofd", zip_bytes())
    assert check_upload(upload, allowed=["ofd"], max_bytes=10**6, label="x") == ("ofd", "application/ofd")
    assert upload.read(2) == b"PK"  # rewound for whoever stores it
    jpeg = b"\xff\xd8\xff\xe0" + b"\x00" * 64
    assert check_upload(SimpleUploadedFile("p.jpeg", jpeg), allowed=["jpeg"], max_bytes=10**6, label="x")[0] == "jpg"


def test_size_is_checked_before_content():
    with pytest.raises(InvalidInput, match="附件超过大小上限 1 MB"):
        check_upload(
            SimpleUploadedFile("big.pdf", PDF + b"0" * (1024 * 1024)),
            allowed=["pdf"],
            max_bytes=1024 * 1024,
            label="附件",
        )


def test_a_zip_that_is_not_an_ofd_is_refused_as_ofd():
    with pytest.raises(InvalidInput, match=r"不是允许的类型（PDF、OFD）"):
        check_upload(
            SimpleUploadedFile("a.ofd", zip_bytes("payload.exe")), allowed=["pdf", "ofd"], max_bytes=10**6, label="x"
        )
