"""形象窗口: reviewed before they go live (an editor never approves their own), shown on the
portal home only between start and end, the pre-rendered home refreshed when one starts
or ends (frozen time), accessible markup (alt text, captions, a pause button)."""

from __future__ import annotations

from datetime import timedelta

from django.core.files.base import ContentFile
from django.utils import timezone

from wagtail.documents import get_document_model

import pytest
import time_machine

from govportal.core.errors import NotAllowed
from govportal.enterprise import actions
from govportal.enterprise.models import ImageWindow, ReviewState
from govportal.prerender import registry as prerender
from tests.enterprise.conftest import picture

pytestmark = pytest.mark.django_db


def _doc(name, data=b"x"):
    doc = get_document_model()(title=name)
    doc.file.save(name, ContentFile(data), save=True)
    return doc


def test_window_review_schedule_and_refresh(world, client, monkeypatch, file_roots):
    refreshed = []
    monkeypatch.setattr(prerender, "pages_changed", lambda pages=(), urls=(): refreshed.append(list(pages)))
    portal = world["homes"]["city"]
    editor, reviewer = world["city_editor"], world["city_reviewer"]
    start = timezone.now().replace(microsecond=0) + timedelta(days=1)
    with time_machine.travel(start - timedelta(days=1), tick=False):
        window = actions.window_save(
            window=ImageWindow(
                home=portal,
                slogan="开放示例，投资首选",
                caption="园区企业宣传片",
                image=picture(),
                alt_text="示例市高新区全景",
                video=_doc("xuanchuan.mp4"),
                captions=_doc("xuanchuan.vtt", b"WEBVTT\n"),
                link_url="/qiye/zhaoshang/",
                link_text="了解招商项目",
                starts_at=start,
                ends_at=start + timedelta(days=7),
            ),
            actor=editor,
        )
        assert window.agency == world["agencies"]["city"] and window.state == ReviewState.DRAFT
        # Another agency's editor may not touch it; its screen is a 404 for them.
        client.force_login(world["edu_editor"])
        assert client.get(f"/admin/qiye/window/{window.pk}/").status_code == 404
        client.force_login(editor)
        assert client.post(f"/admin/qiye/window/{window.pk}/", {"step": "submit"}).status_code == 302
        window.refresh_from_db()
        assert window.state == ReviewState.SUBMITTED
        # The editor cannot approve what they submitted.
        with pytest.raises(NotAllowed, match="不能审核自己提交"):
            actions.window_approve(window=window, actor=editor)
        assert client.post(f"/admin/qiye/window/{window.pk}/", {"step": "approve"}).status_code == 403
        client.force_login(reviewer)
        assert client.post(f"/admin/qiye/window/{window.pk}/", {"step": "approve"}).status_code == 302
        window.refresh_from_db()
        assert window.state == ReviewState.APPROVED and window.reviewed_by == reviewer
        client.logout()
        assert "开放示例，投资首选" not in client.get("/").content.decode()  # not started yet
        assert actions.image_windows_refresh() == 0
    refreshed.clear()
    with time_machine.travel(start + timedelta(minutes=1), tick=False):
        assert actions.image_windows_refresh() == 1
        assert [p.pk for p in refreshed[-1]] == [portal.pk]
        assert actions.image_windows_refresh() == 0  # once per change
        home = client.get("/").content.decode()
        assert "开放示例，投资首选" in home
        assert 'alt="示例市高新区全景"' in home or 'aria-label="示例市高新区全景"' in home
        assert '<track kind="captions"' in home and "autoplay" not in home
        assert "data-pause" in home and "aspect-ratio" not in home  # the box is in the stylesheet
    refreshed.clear()
    with time_machine.travel(start + timedelta(days=7, minutes=1), tick=False):
        assert actions.image_windows_refresh() == 1 and refreshed
        assert "开放示例，投资首选" not in client.get("/").content.decode()


def test_an_edited_window_is_reviewed_again(world, monkeypatch):
    monkeypatch.setattr(prerender, "pages_changed", lambda pages=(), urls=(): None)
    window = actions.window_save(
        window=ImageWindow(home=world["homes"]["city"], slogan="山水示例", image=picture(), alt_text="青山绿水"),
        actor=world["city_editor"],
    )
    actions.window_submit(window=window, actor=world["city_editor"])
    actions.window_approve(window=window, actor=world["city_reviewer"])
    assert window.is_live()
    window.slogan = "山水示例欢迎您"
    actions.window_save(window=window, actor=world["city_editor"])
    window.refresh_from_db()
    assert window.state == ReviewState.DRAFT and not window.is_live()
    with pytest.raises(NotAllowed):
        actions.window_save(window=window, actor=world["edu_editor"])


def test_the_window_form_requires_alt_text_and_captions_for_a_video(world, client, file_roots):
    client.force_login(world["city_editor"])
    image = picture()
    r = client.post(
        "/admin/image_windows/new/",
        {
            "home": world["homes"]["city"].pk,
            "slogan": "示例",
            "sort_order": 1,
            "image": image.pk,
            "alt_text": "",
            "video": _doc("v.mp4").pk,
            "starts_at": "2026-01-01 08:00",
        },
    )
    page = r.content.decode()
    assert r.status_code == 200
    assert "请填写图片替代文本" in page or "这个字段是必填项" in page  # the alt text
    assert "有视频时必须提供 WebVTT 字幕文件" in page or "WebVTT" in page
    assert not ImageWindow.objects.exists()
    # Other agencies see no window screens at all.
    client.force_login(world["edu_editor"])
    assert client.get("/admin/image_windows/").status_code in (302, 403, 404)
