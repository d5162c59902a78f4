"""Admin forms of the cluster: review decisions and synchronised publishing."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from govportal.cluster import selectors
from govportal.cluster.models import ArticlePage, ColumnPage


class RequestChangesForm(forms.Form):
    """退回修改 — the reviewer's or leader's reason, shown to the editor."""

    comment = forms.CharField(
        label=_("退回理由"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=True,
        error_messages={"required": _("退回修改时请填写理由。")},
    )

    def clean_comment(self) -> str:
        comment = self.cleaned_data["comment"].strip()
        if not comment:
            raise forms.ValidationError(_("退回修改时请填写理由。"))
        return comment


class PortalColumnChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: ColumnPage) -> str:
        return obj.title


class OfferForm(forms.Form):
    """推送到门户 — the portal list columns an article is offered to."""

    columns = PortalColumnChoiceField(
        label=_("门户栏目"),
        queryset=ColumnPage.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("请至少选择一个门户栏目。")},
    )

    def __init__(self, *args, article: ArticlePage, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Any column id is accepted here; the action decides what a valid target is, so a
        # crafted id for a non-portal column gets the action's message, not a silent drop.
        self.fields["columns"].queryset = ColumnPage.objects.all()
        self.choices_queryset = selectors.portal_offer_columns().exclude(pk=article.get_parent().pk)
        self.fields["columns"].widget.choices = [(c.pk, c.title) for c in self.choices_queryset]


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("不予采用理由"),
        max_length=255,
        widget=forms.Textarea(attrs={"rows": 3}),
        required=True,
        error_messages={"required": _("不予采用时请填写理由。")},
    )


class UrgentNoticeForm(forms.Form):
    """紧急信息 — what the banner on every site says (the action checks it again)."""

    title = forms.CharField(label=_("标题"), max_length=60, error_messages={"required": _("请填写紧急信息的标题。")})
    body = forms.CharField(
        label=_("内容"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("请填写紧急信息的内容。")},
    )
    link = forms.CharField(
        label=_("详情链接"), max_length=300, required=False, help_text=_("可选：站内地址（以 / 开头）或完整网址。")
    )
