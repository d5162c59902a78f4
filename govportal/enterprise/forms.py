"""Forms of the public pages: they parse and re-display input; the rules are in actions."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from govportal.cluster.models import ProductCategory
from govportal.core import citizen_input
from govportal.enterprise.models import EnterpriseKind, Industry

PRODUCT_ROWS = 3


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


class EnterpriseForm(forms.Form):
    name = citizen_input.NameField(label=_("企业名称"), max_length=citizen_input.ORG_NAME_MAX)
    credit_code = citizen_input.CreditCodeField(label=_("统一社会信用代码"))
    kind = forms.ChoiceField(label=_("企业类型"), choices=[("", "—")] + EnterpriseKind.choices)
    industry = forms.ChoiceField(label=_("所属行业"), choices=[("", "—")] + Industry.choices)
    township = citizen_input.TextField(label=_("所在乡镇（街道、园区）"), max_length=40)
    profile = citizen_input.TextField(
        label=_("企业简介"), max_length=3000, multiline=True, widget=forms.Textarea(attrs={"rows": 6})
    )
    honours = citizen_input.TextField(
        label=_("荣誉资质（选填）"),
        max_length=1000,
        multiline=True,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    address = citizen_input.TextField(label=_("地址（选填）"), max_length=200, required=False)
    website = forms.CharField(
        label=_("企业网站（选填）"),
        max_length=300,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "url", "autocomplete": "url"}),
    )
    contact_name = citizen_input.NameField(label=_("联系人"), widget=forms.TextInput(attrs={"autocomplete": "name"}))
    contact_phone = citizen_input.PhoneField(label=_("联系电话"))
    email = citizen_input.EmailField(label=_("电子邮箱（选填）"), required=False)
    documents = MultipleFileField(label=_("证明材料（选填，营业执照等，JPG、PNG 或 PDF）"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for n in range(1, PRODUCT_ROWS + 1):
            self.fields[f"product_{n}_name"] = citizen_input.TextField(
                label=_("产品名称"), max_length=60, required=False
            )
            self.fields[f"product_{n}_category"] = forms.ChoiceField(
                label=_("类别"), choices=ProductCategory.choices, initial=ProductCategory.OTHER, required=False
            )
            self.fields[f"product_{n}_description"] = citizen_input.TextField(
                label=_("产品介绍"),
                max_length=1000,
                required=False,
                multiline=True,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def product_rows(self):
        return [
            (n, self[f"product_{n}_name"], self[f"product_{n}_category"], self[f"product_{n}_description"])
            for n in range(1, PRODUCT_ROWS + 1)
        ]

    def products(self) -> list[dict]:
        data = self.cleaned_data
        return [
            {
                "name": data[f"product_{n}_name"],
                "category": data.get(f"product_{n}_category") or ProductCategory.OTHER,
                "description": data.get(f"product_{n}_description", ""),
            }
            for n in range(1, PRODUCT_ROWS + 1)
            if data.get(f"product_{n}_name")
        ]


class EnquiryForm(forms.Form):
    project = forms.TypedChoiceField(label=_("咨询项目（选填）"), required=False, coerce=int, empty_value=None)
    company = citizen_input.NameField(
        label=_("单位名称（选填）"),
        max_length=citizen_input.ORG_NAME_MAX,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    name = citizen_input.NameField(label=_("联系人"), widget=forms.TextInput(attrs={"autocomplete": "name"}))
    phone = citizen_input.PhoneField(label=_("联系电话"))
    email = citizen_input.EmailField(label=_("电子邮箱（选填）"), required=False)
    content = citizen_input.TextField(
        label=_("咨询内容"), max_length=3000, multiline=True, widget=forms.Textarea(attrs={"rows": 6})
    )

    def __init__(self, *args, projects=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["project"].choices = [("", _("不指定项目"))] + [(p.pk, p.title) for p in projects]
