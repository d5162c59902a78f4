"""Forms of the public pages of 意见征集 and 网上听证: they parse and re-display input; the
rules are in `actions`."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from govportal.core import citizen_input
from govportal.participation.models_drafts import ParticipantKind


class CommentForm(forms.Form):
    article = forms.ChoiceField(label=_("意见针对"), required=False)
    content = citizen_input.TextField(
        label=_("意见内容"), max_length=3000, multiline=True, widget=forms.Textarea(attrs={"rows": 8})
    )
    name = citizen_input.NameField(label=_("姓名"), widget=forms.TextInput(attrs={"autocomplete": "name"}))
    phone = citizen_input.PhoneField(
        label=_("联系电话"), widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"})
    )
    email = citizen_input.EmailField(label=_("电子邮箱（选填）"), required=False)

    def __init__(self, *args, solicitation=None, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", _("草案整体"))]
        if solicitation is not None:
            choices += [(str(a.number), a.label) for a in solicitation.articles.all()]
        self.fields["article"].choices = choices

    def article_number(self) -> int | None:
        value = self.cleaned_data.get("article") or ""
        return int(value) if value else None


class RegistrationForm(forms.Form):
    kind = forms.ChoiceField(label=_("报名类型"), choices=ParticipantKind.choices, widget=forms.RadioSelect)
    name = citizen_input.NameField(label=_("姓名或联系人"), widget=forms.TextInput(attrs={"autocomplete": "name"}))
    organisation = citizen_input.TextField(
        label=_("单位或组织名称（以单位或组织名义报名时填写）"), max_length=100, required=False
    )
    phone = citizen_input.PhoneField(
        label=_("联系电话"), widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"})
    )
    statement = citizen_input.TextField(
        label=_("书面陈述意见"), max_length=5000, multiline=True, widget=forms.Textarea(attrs={"rows": 8})
    )
