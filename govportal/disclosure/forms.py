"""Forms of 政府信息公开: parse and validate input; the rules are in `actions`."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from govportal.core import citizen_input
from govportal.disclosure.choices import (
    SUB_REASONS,
    ApplicantType,
    Channel,
    DeliveryChannel,
    DeliveryForm,
    FeeMethod,
    IdType,
    Outcome,
)
from govportal.disclosure.report import LITIGATION_COLUMNS, LITIGATION_ROWS

APPLICANT_FIELDS = (
    "applicant_type",
    "name",
    "contact_person",
    "id_type",
    "id_number",
    "phone",
    "email",
    "address",
    "postcode",
    "description",
    "purpose",
    "delivery_form",
    "delivery_channel",
)


class RequestForm(forms.Form):
    agency = forms.ModelChoiceField(label=_("受理机关"), queryset=None, empty_label=_("请选择"))
    applicant_type = forms.ChoiceField(label=_("申请人类型"), choices=ApplicantType.choices, widget=forms.RadioSelect)
    # The shared citizen-input fields (govportal.core.citizen_input); the ID number's check
    # digit is checked in the action, where the ID type is known.
    name = citizen_input.NameField(label=_("姓名或名称"), max_length=citizen_input.ORG_NAME_MAX)
    contact_person = citizen_input.NameField(label=_("联系人（法人或其他组织填写）"), required=False)
    id_type = forms.ChoiceField(label=_("证件类型"), choices=IdType.choices)
    id_number = citizen_input.TextField(label=_("证件号码"), max_length=citizen_input.ID_NUMBER_MAX)
    phone = citizen_input.PhoneField(label=_("联系电话"))
    email = citizen_input.EmailField(label=_("电子邮箱"), required=False)
    address = citizen_input.TextField(label=_("通信地址"), max_length=200, required=False)
    postcode = citizen_input.PostcodeField(label=_("邮政编码"), required=False)
    description = citizen_input.TextField(
        label=_("所需政府信息的名称、文号或便于查询的其他特征性描述"),
        widget=forms.Textarea(attrs={"rows": 5}),
        min_length=5,
        max_length=2000,
        multiline=True,
    )
    purpose = citizen_input.TextField(label=_("用途（选填）"), max_length=200, required=False)
    delivery_form = forms.ChoiceField(label=_("获取信息的方式"), choices=DeliveryForm.choices, widget=forms.RadioSelect)
    delivery_channel = forms.ChoiceField(
        label=_("获取信息的途径"), choices=DeliveryChannel.choices, widget=forms.RadioSelect
    )

    def __init__(self, *args, agencies=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies

    def applicant_data(self) -> dict:
        return {k: self.cleaned_data.get(k) or "" for k in APPLICANT_FIELDS}


class RegisterForm(RequestForm):
    channel = forms.ChoiceField(label=_("申请方式"), choices=[c for c in Channel.choices if c[0] != Channel.ONLINE])
    received_on = forms.DateField(
        label=_("收到日期"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_(
            "当面提交为申请人递交之日（登记晚于递交时请填递交日）；挂号信为签收日；"
            "平常信函为本机关确认收到之日；传真为双方确认之日。"
        ),
    )


class CorrectionForm(forms.Form):
    description = forms.CharField(label=_("补正内容"), widget=forms.Textarea(attrs={"rows": 4}), max_length=2000)


class ReceiveForm(forms.Form):
    received_on = forms.DateField(
        label=_("双方确认收到日期"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    late_reason = forms.CharField(
        label=_("超过确认时限的理由"),
        max_length=200,
        required=False,
        help_text=_("确认收到日期晚于网上提交后的确认时限时必填，记入办件记录。"),
    )


class CorrectionNoticeForm(forms.Form):
    items = forms.CharField(label=_("需要补正的全部事项"), widget=forms.Textarea(attrs={"rows": 3}))


class ClerkCorrectionForm(forms.Form):
    description = forms.CharField(label=_("补正内容"), widget=forms.Textarea(attrs={"rows": 3}))
    received_on = forms.DateField(
        label=_("收到补正日期"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )


class ConsultForm(forms.Form):
    party = forms.CharField(label=_("征求意见对象"), max_length=100)
    co_author = forms.BooleanField(label=_("共同制作机关（逾期未提出意见视为同意）"), required=False)
    served_on = forms.DateField(
        label=_("征求意见书送达日期"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("第三方的15个工作日自送达之日起算，至第15个工作日止；尚未送达的留空，送达后再登记。"),
    )


class ConsultServedForm(forms.Form):
    served_on = forms.DateField(label=_("征求意见书送达日期"), widget=forms.DateInput(attrs={"type": "date"}))


class ConsultEndForm(forms.Form):
    opinion = forms.CharField(label=_("意见"), widget=forms.Textarea(attrs={"rows": 2}))
    objects = forms.BooleanField(label=_("第三方不同意公开"), required=False)


class ThirdPartyNoticeForm(forms.Form):
    content = forms.CharField(label=_("决定公开的政府信息内容"), widget=forms.Textarea(attrs={"rows": 2}))
    reason = forms.CharField(
        label=_("决定公开的理由（不公开可能对公共利益造成重大影响）"), widget=forms.Textarea(attrs={"rows": 2})
    )


class RequireReasonsForm(forms.Form):
    note = forms.CharField(label=_("说明（选填）"), max_length=500, required=False)


class DelayForm(forms.Form):
    days = forms.IntegerField(label=_("延迟答复的工作日数"), min_value=1, max_value=60)
    reason = forms.CharField(label=_("理由"), max_length=200)


class FeeNoticeForm(forms.Form):
    method = forms.ChoiceField(label=_("计收方式"), choices=FeeMethod.choices)
    quantity = forms.IntegerField(
        label=_("计费数量（按件：本申请拆分后的件数；按量：页数）"), min_value=1, max_value=100000
    )
    how = forms.CharField(label=_("缴费方式"), max_length=200)


class FeePaidForm(forms.Form):
    paid_on = forms.DateField(label=_("缴费日期"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))


class ExtendForm(forms.Form):
    days = forms.IntegerField(label=_("延长工作日数"), min_value=1, max_value=20)
    reason = forms.CharField(label=_("延期理由"), max_length=200)


def _sub_choices():
    out = [("", "—")]
    for outcome, subs in SUB_REASONS.items():
        for s in subs:
            out.append((s.value, f"{Outcome(outcome).label} · {s.label}"))
    return out


class ReplyForm(forms.Form):
    outcome = forms.ChoiceField(label=_("办理结果"), choices=Outcome.choices)
    sub_reason = forms.ChoiceField(label=_("具体情形"), choices=_sub_choices, required=False)
    reply_text = forms.CharField(label=_("答复内容与理由"), widget=forms.Textarea(attrs={"rows": 4}), required=False)
    already_public = forms.BooleanField(label=_("该信息已主动公开（第三十六条第（一）项）"), required=False)
    public_link = forms.URLField(label=_("已公开信息的获取链接"), max_length=500, required=False, assume_scheme="https")
    responsible_agency = forms.CharField(
        label=_("负责公开的行政机关（第三十六条第（五）项）"), max_length=100, required=False
    )
    responsible_contact = forms.CharField(label=_("该机关的联系方式"), max_length=200, required=False)
    attachments = forms.FileField(label=_("提供的信息（附件）"), required=False)


class AnnualReportForm(forms.Form):
    overview = forms.CharField(label=_("一、总体情况"), widget=forms.Textarea(attrs={"rows": 4}), required=False)
    licensing_decisions = forms.IntegerField(label=_("行政许可本年处理决定数量"), min_value=0, required=False)
    penalty_decisions = forms.IntegerField(label=_("行政处罚本年处理决定数量"), min_value=0, required=False)
    compulsory_decisions = forms.IntegerField(label=_("行政强制本年处理决定数量"), min_value=0, required=False)
    fees_amount = forms.DecimalField(
        label=_("行政事业性收费金额（万元）"), min_value=0, decimal_places=2, required=False
    )
    problems = forms.CharField(
        label=_("五、存在的主要问题及改进情况"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    other_matters = forms.CharField(
        label=_("六、其他需要报告的事项"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    carry_over_note = forms.CharField(
        label=_("上年结转差异说明"),
        help_text=_("本年“上年结转”与上一年度报告“结转下年度继续办理”不一致时，须说明原因方可发布。"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for key, label in LITIGATION_ROWS:
            for col, col_label in LITIGATION_COLUMNS:
                self.fields[f"lit_{key}_{col}"] = forms.IntegerField(
                    label=f"{label}·{col_label}", min_value=0, required=False
                )

    def report_data(self) -> dict:
        data = {
            k: self.cleaned_data.get(k)
            for k in (
                "overview",
                "licensing_decisions",
                "penalty_decisions",
                "compulsory_decisions",
                "fees_amount",
                "problems",
                "other_matters",
                "carry_over_note",
            )
        }
        data["litigation"] = {
            key: {col: self.cleaned_data.get(f"lit_{key}_{col}") or 0 for col, _l in LITIGATION_COLUMNS}
            for key, _label in LITIGATION_ROWS
        }
        return data
