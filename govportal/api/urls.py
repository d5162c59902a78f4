"""The HTTP API under /api/v1/ (django-ninja; OpenAPI at /api/v1/openapi.json).

Reads (live, public content only) and citizen submissions; JSON in UTF-8, errors as
``{"detail": "<中文说明>"}`` (see `govportal.api.errors`). The interactive documentation at
/api/v1/docs is served from the bundled Swagger UI files, no CDN (government networks are
often closed to the internet).
"""

from ninja.renderers import JSONRenderer

from govportal.api import errors
from govportal.api.articles import router as articles_router
from govportal.api.openapi import GovPortalAPI
from govportal.api.sites import router as sites_router
from govportal.core.antiabuse.api import router as antiabuse_router
from govportal.core.cases.api import router as case_router
from govportal.disclosure.api import router as disclosure_router
from govportal.interaction.api import router as interaction_router
from govportal.interviews.api import router as interviews_router  # 在线访谈
from govportal.search.api import router as search_router
from govportal.servicehall.api import router as servicehall_router


class UnicodeJSONRenderer(JSONRenderer):
    """Chinese text as UTF-8 rather than \\uXXXX escapes: readable in logs and curl."""

    json_dumps_params = {"ensure_ascii": False}


api = GovPortalAPI(
    title="GovPortal 开放接口",
    version="1.0.0",
    description=(
        "示例市政府网站群开放接口。读取：网站、栏目、文章、站内搜索、办事事项、信箱、公开的来信答复——"
        "无需认证，只返回已发布的公开内容。提交：写信、政府信息公开申请、网上申请（见下文“匿名提交”），"
        "以及凭办件编号和查询码查询办理进度。提交所需的各种代码都可由接口查到："
        "受理信息公开申请的单位 `GET /api/v1/disclosure/agencies`，信箱及其来信类别 `GET /api/v1/mailboxes`，"
        "办事事项及其申请表 `GET /api/v1/services`、`GET /api/v1/services/{item_id}`。"
        '时间为北京时间（ISO 8601，+08:00）。出错时返回 JSON：`{"detail": "中文说明"}`，'
        "参数校验错误另附 `errors` 明细（HTTP 422）。"
        "\n\n**匿名提交**（写信、政府信息公开申请、网上申请）：先 `POST /api/v1/captcha` 取得图片验证码"
        "（或 `POST /api/v1/captcha/sms` 向提交时填写的手机号码发送短信验证码），提交时在请求头 "
        "`X-Captcha-Key`、`X-Captcha-Answer` 中附上；受信任的接入方（`Authorization: Bearer <token>`）免验证码、"
        "不限频。同一网络每小时、同一手机号码每天的提交次数有限制，超出返回 429。"
        "\n\n**幂等**：每个 POST 接口都接受 `Idempotency-Key` 请求头（8–200 个可见 ASCII 字符，建议 UUID）。"
        "以同一键重试同一请求，返回第一次的应答（不会重复立案）；同一键用于内容不同的请求，返回 422。"
        "\n\n**查询码**：请放在请求头 `X-Query-Code` 中，或用 POST 放在请求体中；查询参数 `query_code` "
        "仍可使用但不推荐（查询码会留在日志和浏览记录中）。丢失查询码可调用 `POST /api/v1/query-code/recover`。"
    ),
    urls_namespace="api-v1",
    renderer=UnicodeJSONRenderer(),
)
errors.install(api)
api.add_router("", sites_router)
api.add_router("", articles_router)
api.add_router("", case_router)  # case kernel (H6): govportal/core/cases/api.py
api.add_router("", antiabuse_router)  # CAPTCHA, 找回查询码: govportal/core/antiabuse/api.py
api.add_router("", search_router)  # 站内搜索: govportal/search/api.py
api.add_router("", disclosure_router)  # 政府信息公开: govportal/disclosure/api.py
api.add_router("", interaction_router)  # 互动交流: govportal/interaction/api.py
api.add_router("", interviews_router)  # 在线访谈: govportal/interviews/api.py
api.add_router("", servicehall_router)  # 网上办事大厅: govportal/servicehall/api.py
