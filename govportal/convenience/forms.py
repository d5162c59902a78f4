"""Forms of 便民服务: the tourism page editor's publication check, the citizen's 纠错 form and
the directory's filters. They parse and re-display input; the rules are in actions."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail.admin.forms import WagtailAdminPageForm

from govportal.cluster.alt_text import PUBLISHING_ACTIONS
from govportal.core import citizen_input


def gallery_alt_errors(rows) -> list[int]:
    """The 1-based positions of gallery rows (cleaned data) with an image but no alt text."""
    missing = []
    for n, data in enumerate(rows, 1):
        if data and not data.get("DELETE") and data.get("image") is not None:
            if not (data.get("alt_text") or "").strip():
                missing.append(n)
    return missing


class TourismPageForm(WagtailAdminPageForm):
    """Refuses publication (or sending for review) while a gallery picture has no text
    alternative (GB/T 37668, WCAG 1.1.1); a draft may be saved without it."""

    def clean(self):
        cleaned = super().clean()
        if any(action in self.data for action in PUBLISHING_ACTIONS):
            formset = self.formsets.get("gallery")
            if formset is not None and formset.is_valid():
                missing = gallery_alt_errors(f.cleaned_data for f in formset.forms)
                if missing:
                    self.add_error(
                        None,
                        forms.ValidationError(
                            _("图集中第 %(rows)s 张图片缺少替代文字：请填写“替代文字”后再发布。")
                            % {"rows": "、".join(str(n) for n in missing)},
                            code="missing_alt",
                        ),
                    )
        return cleaned


class CorrectionForm(forms.Form):
    content = citizen_input.TextField(
        label=gettext_lazy("哪些信息有误，正确的是什么"),
        max_length=1000,
        multiline=True,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    name = citizen_input.NameField(label=gettext_lazy("姓名"), widget=forms.TextInput(attrs={"autocomplete": "name"}))
    phone = citizen_input.PhoneField(
        label=gettext_lazy("联系电话"), widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"})
    )


class ImportForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("导入文件（xlsx 或 CSV）"))
    agency = forms.ModelChoiceField(queryset=None, label=gettext_lazy("维护单位"), required=False)

    def __init__(self, *args, agencies=None, **kwargs):
        super().__init__(*args, **kwargs)
        if agencies is None:
            del self.fields["agency"]
        else:
            self.fields["agency"].queryset = agencies
            self.fields["agency"].required = True


class ReplyForm(forms.Form):
    reply = forms.CharField(label=gettext_lazy("处理结果"), max_length=2000, widget=forms.Textarea(attrs={"rows": 5}))
    corrected = forms.BooleanField(label=gettext_lazy("已据此更正目录条目"), required=False)
