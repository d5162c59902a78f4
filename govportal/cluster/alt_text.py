"""Editors cannot publish (or send for review) an article whose images have no text
alternative: the cover image needs a description (Wagtail uses it as the alt text) and
every image embedded in the body needs its alt text. Part of the cluster's article editor
(`ArticlePage.base_form_class`); the public display modes stay in `govportal.accessibility`."""

from __future__ import annotations

import re

from django import forms
from django.utils.translation import gettext as _

from wagtail.admin.forms import WagtailAdminPageForm

_EMBED = re.compile(r"<embed\b[^>]*\bembedtype=\"image\"[^>]*>", re.I)
_ALT = re.compile(r"\balt=\"([^\"]*)\"", re.I)

# The buttons of Wagtail's page editor that lead to publication.
PUBLISHING_ACTIONS = ("action-publish", "action-submit", "action-workflow-action")


def embedded_images_without_alt(body: str) -> int:
    count = 0
    for tag in _EMBED.findall(body or ""):
        alt = _ALT.search(tag)
        if alt is None or not alt.group(1).strip():
            count += 1
    return count


def alt_text_errors(*, cover_image, body: str) -> dict[str, str]:
    errors = {}
    if cover_image is not None and not (cover_image.description or "").strip():
        errors["cover_image"] = _("标题图片“%(title)s”缺少替代文字：请先在图片库中填写该图片的“描述”，再发布。") % {
            "title": cover_image.title
        }
    missing = embedded_images_without_alt(body)
    if missing:
        errors["body"] = _("正文中有 %(n)d 张图片缺少替代文字：请选中图片，填写“替代文字”后再发布。") % {"n": missing}
    return errors


class ArticlePageForm(WagtailAdminPageForm):
    def clean(self):
        cleaned = super().clean()
        if any(action in self.data for action in PUBLISHING_ACTIONS):
            for field, message in alt_text_errors(
                cover_image=cleaned.get("cover_image"), body=cleaned.get("body") or ""
            ).items():
                self.add_error(field, forms.ValidationError(message, code="missing_alt"))
        return cleaned
