from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from govportal.search import sources

MAX_ID = 2**63 - 1


class SearchForm(forms.Form):
    """The public page's GET parameters; invalid filters are dropped, never an error page."""

    q = forms.CharField(label=_("搜索词"), required=False, max_length=100)
    site = forms.IntegerField(label=_("网站"), required=False, min_value=1, max_value=MAX_ID)
    column = forms.IntegerField(label=_("栏目"), required=False, min_value=1, max_value=MAX_ID)
    agency = forms.IntegerField(label=_("单位"), required=False, min_value=1, max_value=MAX_ID)
    type = forms.ChoiceField(label=_("类型"), required=False, widget=forms.Select(attrs={"id": "search-type"}))
    start = forms.DateField(label=_("开始日期"), required=False, input_formats=["%Y-%m-%d"])
    end = forms.DateField(label=_("结束日期"), required=False, input_formats=["%Y-%m-%d"])
    sort = forms.ChoiceField(
        label=_("排序"),
        required=False,
        choices=[("relevance", _("按相关度")), ("date", _("按时间"))],
        widget=forms.Select(attrs={"id": "search-sort"}),
    )
    page = forms.IntegerField(required=False, min_value=1, max_value=100)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["type"].choices = [("", _("全部类型"))] + [(s.key, s.label) for s in sources.all_sources()]

    def cleaned(self) -> dict:
        """The valid parameters; a bad one (wrong date, unknown type) is ignored."""
        self.is_valid()
        data = {name: self.cleaned_data.get(name) for name in self.fields if name not in self.errors}
        return data
