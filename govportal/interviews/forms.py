"""Forms: the citizens' question form (shared citizen-input fields) and the console's."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from govportal.core import citizen_input


class QuestionForm(forms.Form):
    content = citizen_input.TextField(
        label=_("您的问题"), max_length=500, multiline=True, widget=forms.Textarea(attrs={"rows": 4})
    )
    name = citizen_input.NameField(label=_("姓名"), widget=forms.TextInput(attrs={"autocomplete": "name"}))
    phone = citizen_input.PhoneField(
        label=_("联系电话"), widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"})
    )
