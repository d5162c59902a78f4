"""API of 在线访谈 under /api/v1/ (added to the NinjaAPI in govportal/api/urls.py).

- ``POST /interviews/{id}/questions`` (JSON): ask a question, under the one submission
  policy (`core.antiabuse`): a trusted client (``Authorization: Bearer <token>``) needs no
  CAPTCHA and no limit; anyone else sends ``X-Captcha-Key``/``X-Captcha-Answer`` and gets the
  limits (429 beyond them). ``Idempotency-Key`` makes a retry return the first answer. The
  question is committed before the answer.
"""

from __future__ import annotations

from typing import Annotated

from ninja import Field, Path, Router, Schema, Status

from govportal.core import citizen_input as ci
from govportal.core.antiabuse.guard import api_submit
from govportal.core.errors import NotFound
from govportal.interviews import actions, selectors

router = Router(tags=["在线访谈"])

Content = ci.api_text("问题", 500, multiline=True)
Name = ci.api_name()
Phone = ci.api_phone()


class QuestionIn(Schema):
    content: Content = Field(description="问题内容", examples=["老旧小区加装电梯的补贴标准是多少？"])
    name: Name = Field(description="提问人姓名（公开时只显示姓氏）", examples=["张三"])
    phone: Phone = Field(description="联系电话（不公开）", examples=["13800138000"])


class QuestionCreated(Schema):
    question: int = Field(description="问题编号", examples=[128])
    merged: bool = Field(description="与已有的相同问题合并", examples=[False])


@router.post(
    "/interviews/{interview_id}/questions",
    response={200: QuestionCreated},
    summary="向在线访谈提问（JSON）",
)
def ask(
    request,
    interview_id: Annotated[int, Path(ge=1, le=ci.INT_MAX, description="访谈 ID", examples=[3])],
    data: QuestionIn,
):
    interview = selectors.published().filter(pk=interview_id).first()
    if interview is None:
        raise NotFound("访谈不存在")

    def run() -> tuple[int, dict]:
        question = actions.question_submit(interview=interview, name=data.name, phone=data.phone, content=data.content)
        return 200, {"question": question.pk, "merged": question.duplicate_of_id is not None}

    outcome = api_submit(request, run=run, phone=data.phone)
    return Status(outcome.status_code, outcome.body)
