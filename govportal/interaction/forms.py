"""Forms of the public pages: they parse and re-display input; the rules are in actions."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from govportal.core import citizen_input
from govportal.core.cases.ratings import rating_form_field


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".jpg,.jpeg,.png,.pdf"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, list | tuple):
            return [super(MultipleFileField, self).clean(d, initial) for d in data if d]
        return [super().clean(data, initial)] if data else []


class LetterForm(forms.Form):
    category = forms.ChoiceField(label=_("来信类别"), widget=forms.RadioSelect)
    # The shared citizen-input fields (govportal.core.citizen_input).
    title = citizen_input.TextField(label=_("标题"), max_length=100)
    content = citizen_input.TextField(
        label=_("内容"), max_length=5000, multiline=True, widget=forms.Textarea(attrs={"rows": 8})
    )
    name = citizen_input.NameField(label=_("姓名"), widget=forms.TextInput(attrs={"autocomplete": "name"}))
    phone = citizen_input.PhoneField(
        label=_("联系电话"), widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"})
    )
    email = citizen_input.EmailField(label=_("电子邮箱（选填）"), required=False)
    may_publish = forms.BooleanField(label=_("同意在网站上公开本信及答复（个人信息将隐去）"), required=False)
    attachments = MultipleFileField(label=_("附件（选填，JPG、PNG 或 PDF）"), required=False)

    def __init__(self, *args, mailbox=None, **kwargs):
        super().__init__(*args, **kwargs)
        if mailbox is not None:
            self.fields["category"].choices = mailbox.category_choices()
            if len(self.fields["category"].choices) == 1:
                self.fields["category"].initial = self.fields["category"].choices[0][0]


class LookupForm(forms.Form):
    tracking_number = forms.CharField(
        label=_("信件编号"), max_length=32, widget=forms.TextInput(attrs={"autocomplete": "off"})
    )
    query_code = forms.CharField(
        label=_("查询码"), max_length=16, widget=forms.PasswordInput(attrs={"autocomplete": "off"}, render_value=True)
    )


class RatingForm(LookupForm):
    # Posted from the kernel's case page, where this session has proved the code already
    # (`core.cases.lookup.proven_case`); an old form still sends it.
    query_code = forms.CharField(max_length=16, required=False, widget=forms.HiddenInput)
    rating = rating_form_field(label=_("满意程度"))
    resolved = forms.TypedChoiceField(
        label=_("问题是否已解决"),
        choices=[("1", _("已解决")), ("0", _("未解决（将退回承办单位重新办理）"))],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("评价意见（选填）"), max_length=300, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
