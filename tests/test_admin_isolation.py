"""No agency sees another agency's material in the admin — every screen, not a chosen few.

The test walks Django's URL resolver for every pattern under /admin/ (Wagtail's and ours,
whoever registered them), fills each pattern's arguments with the objects of agency B
(财政局) from the registry below, and requests it with GET as agency A's (教育局) editor,
reviewer, leader and window clerk. Every object screen must turn them away (403, 404, 405
or a redirect) and no response may show one of B's secrets: the title of a draft page,
the title of an unpublished revision of a live page, an unpublished FAQ question, a reply
template, an unpublished service item, a letter, a disclosure request, an applicant, an
image, a document.

A new screen joins the matrix by being registered in the admin: its pattern is found by
the walk. If its arguments have names the registry does not know, the test fails with
"register this URL" until the registry says which of B's objects fill them — nobody has to
remember to add a test. Screens that take no object are requested too and checked for B's
secrets; the few that take arguments but no object of B are listed in `NO_OBJECT`, each
with the reason.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.test import Client, TestCase
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.log_actions import log
from wagtail.models import Page, UploadedFile

from govportal.cluster import actions as cluster_actions
from govportal.cluster.models import SiteKind, SyncOffer
from govportal.cluster.permissions import agency_collection, agency_groups
from govportal.core.models import AgencyKind, Role, User
from tests.conftest import column, draft_article, ensure_wagtail_base, publish_article

# Every secret of agency B starts with this prefix and is never a search term itself: the
# screens that echo the query cannot produce a false alarm.
SEARCH = "财政乙密"
SECRETS = {
    "draft page": f"{SEARCH}草稿文章标题",
    "unpublished revision": f"{SEARCH}未发布修订标题",
    "unpublished FAQ": f"{SEARCH}未发布热点问题",
    "published FAQ": f"{SEARCH}已发布热点问题",
    "reply template": f"{SEARCH}答复模板名称",
    "unpublished service item": f"{SEARCH}未发布办事事项",
    "rollout plan": f"{SEARCH}推进措施内容",
    "letter": f"{SEARCH}来信标题",
    "disclosure request": f"{SEARCH}政府信息公开申请内容",
    "applicant": f"{SEARCH}申请企业名称",
    "bad rating": f"{SEARCH}差评意见",
    "image": f"{SEARCH}图片标题",
    "document": f"{SEARCH}文件标题",
    "best bet": f"{SEARCH}推荐结果标题",
    "office document": f"{SEARCH}协同办公公文标题",
    # 企业风采 and 招商引资 (govportal/enterprise)
    "enterprise": f"{SEARCH}申报企业名称",
    "enquiry": f"{SEARCH}投资咨询内容",
    "image window": f"{SEARCH}形象窗口标语",
    "investment project": f"{SEARCH}招商项目名称",
    "investment policy": f"{SEARCH}招商政策名称",
    "interview question": f"{SEARCH}访谈网友提问",
    # 调查征集 (surveys, evaluations)
    "survey": f"{SEARCH}网上调查标题",
    "survey answer": f"{SEARCH}调查文字意见",
    "evaluation": f"{SEARCH}网上评议标题",
    # 意见征集 and 网上听证 (participation)
    "draft for comment": f"{SEARCH}征求意见草案名称",
    "draft comment": f"{SEARCH}草案意见内容",
    "hearing": f"{SEARCH}听证名称",
    "hearing statement": f"{SEARCH}听证书面陈述",
    # 错敏词巡检 (govportal/monitor): the context of a hit the sweep found on B's page
    "wording finding": f"{SEARCH}错敏词上下文",
    # 便民服务目录 (govportal/convenience): B's unpublished entry and a citizen's 纠错 of B's entry
    "directory entry": f"{SEARCH}未公开目录条目",
    "directory correction": f"{SEARCH}目录纠错内容",
    "query system": f"{SEARCH}公共查询名称",  # 公共查询
    # 监管 链接检查 (govportal/monitor/links): a broken link on B's page
    "broken link": f"{SEARCH}失效链接",
    "yearly report": f"{SEARCH}年度报表填报人",  # 政府网站工作年度报表 (govportal/monitor/yearly)
}
# B's published things are public anyway; these must not be the only proof of isolation.
B_LIVE_TITLE = "财政局公开文章"

ROLES = ("editor", "reviewer", "leader", "window_clerk")


# --- Agency B's objects ---------------------------------------------------------------------


class World:
    """Agency A (教育局) with its staff, agency B (财政局) with one of everything."""

    def __init__(self) -> None:
        from govportal.core.calendar_models import CalendarDay, CalendarYear
        from govportal.core.cases.models import Case, CaseEvent
        from govportal.core.outbox.models import OutboxMessage
        from govportal.disclosure import actions as disclosure_actions
        from govportal.interaction import actions as interaction_actions
        from govportal.interaction.models import (
            Category,
            FaqEntry,
            Mailbox,
            MailboxCategory,
            MailboxKind,
            ReplyTemplate,
        )
        from govportal.search.models import BestBet, SearchQueryStat, SynonymGroup
        from govportal.servicehall import actions as hall_actions
        from govportal.servicehall.models import Decision, RolloutPlan, ServiceForm
        from tests.disclosure.conftest import applicant
        from tests.servicehall.conftest import direct_submit, make_form, make_item

        ensure_wagtail_base()
        mk = _agency_maker()
        city = mk(AgencyKind.CITY_GOVERNMENT, "示例市人民政府", "市政府", "C0001")
        self.a = mk(AgencyKind.DEPARTMENT, "示例市教育局", "教育局", "D0001")
        self.b = mk(AgencyKind.DEPARTMENT, "示例市财政局", "财政局", "D0002")
        portal = cluster_actions.site_create(
            actor=None, agency=city, kind=SiteKind.PORTAL, title="示例市人民政府", slug="portal", hostname="localhost"
        )
        self.a_home = cluster_actions.site_create(
            actor=None,
            agency=self.a,
            kind=SiteKind.DEPARTMENT,
            title="示例市教育局",
            slug="jyj",
            hostname="jyj.localhost",
        )
        self.b_home = cluster_actions.site_create(
            actor=None,
            agency=self.b,
            kind=SiteKind.DEPARTMENT,
            title="示例市财政局",
            slug="czj",
            hostname="czj.localhost",
        )
        self.a_staff = {role: _staff(self.a, role) for role in ROLES}
        self.b_staff = {role: _staff(self.b, role) for role in ROLES}
        b_editor, b_leader = self.b_staff["editor"], self.b_staff["leader"]
        self.superuser = User.objects.create_superuser("xxb_matrix", password=None)

        # Pages: a draft in review (locked by B's leader), and a live page whose newer,
        # unpublished revision has a new title — also in review.
        self.draft = draft_article(column(self.b_home, "gzdt"), SECRETS["draft page"], owner=b_editor)
        self.live = publish_article(column(self.b_home, "tzgg"), B_LIVE_TITLE)
        self.live.title = SECRETS["unpublished revision"]
        self.live.save_revision(user=b_editor)
        for page in (self.draft, self.live):
            page.get_workflow().start(page, b_editor)
            page.refresh_from_db()
        Page.objects.filter(pk=self.draft.pk).update(locked=True, locked_by=b_leader, locked_at=timezone.now())
        self.live_column = column(self.b_home, "tzgg")
        self.offer = SyncOffer.objects.create(article=self.live, column=column(portal, "bmdt"), offered_by=b_editor)

        # Images, documents, an upload in progress — in B's collection.
        self.collection = agency_collection(self.b)
        self.image = get_image_model().objects.create(
            title=SECRETS["image"], file=get_test_image_file(), collection=self.collection, uploaded_by_user=b_editor
        )
        self.document = get_document_model()(title=SECRETS["document"], collection=self.collection)
        self.document.file.save("caizheng.txt", ContentFile(b"internal"), save=True)
        self.uploaded = UploadedFile.objects.create(
            file=ContentFile(b"x", name="upload.txt"), uploaded_by_user=b_editor, for_content_type=None
        )

        # 互动交流: a mailbox, a letter accepted by B, FAQ (unpublished and published, with
        # history), a reply template.
        self.mailbox = Mailbox.objects.create(
            kind=MailboxKind.AGENCY, name="财政局信箱", slug="czj", agency=self.b, triage_agency=self.b
        )
        MailboxCategory.objects.create(mailbox=self.mailbox, category=Category.CONSULT, reply_days=5)
        self.letter, _ = interaction_actions.letter_submit(
            mailbox=self.mailbox,
            category=Category.CONSULT,
            title=SECRETS["letter"],
            content="请问专项资金何时拨付？",
            name="王五",
            phone="13812345678",
            may_publish=False,
        )
        interaction_actions.letter_accept(letter=self.letter, actor=b_editor, assign_to=self.b)
        self.faq = FaqEntry.objects.create(
            agency=self.b, topic="预算", question=SECRETS["unpublished FAQ"], answer="内部。", is_published=False
        )
        self.faq_live = FaqEntry.objects.create(
            agency=self.b, topic="预算", question=SECRETS["published FAQ"], answer="公开。"
        )
        for faq in (self.faq, self.faq_live):
            log(instance=faq, action="wagtail.create", user=b_editor)
            log(instance=faq, action="wagtail.edit", user=b_editor)
        self.reply_template = ReplyTemplate.objects.create(agency=self.b, title=SECRETS["reply template"], body="您好")
        log(instance=self.reply_template, action="wagtail.create", user=b_editor)

        # 调查征集: B's survey (answered, closed: results and review screens open) and evaluation.
        from datetime import timedelta

        from govportal.participation import actions as participation_actions
        from govportal.participation.models import Evaluation, EvaluationIndicator, Question, Survey

        now = timezone.now()
        self.survey = Survey.objects.create(
            agency=self.b,
            title=SECRETS["survey"],
            opens_at=now - timedelta(days=2),
            closes_at=now + timedelta(days=2),
            status="published",
            results_public_while_open=True,
        )
        question = Question.objects.create(survey=self.survey, kind="text", text="意见")
        participation_actions.survey_answer(
            survey=self.survey, voter="anon:b", data={f"q{question.pk}": [SECRETS["survey answer"]]}
        )
        self.survey_answer = question.answers.get()
        self.evaluation = Evaluation.objects.create(
            agency=self.b,
            year=now.year,
            title=SECRETS["evaluation"],
            opens_at=now - timedelta(days=2),
            closes_at=now - timedelta(days=1),
            status="published",
        )
        EvaluationIndicator.objects.create(evaluation=self.evaluation, target=self.b, name="工作作风")

        # 政府信息公开: a request to B.
        self.disclosure_request, _ = disclosure_actions.disclosure_request_submit(
            agency=self.b, data=applicant(description=SECRETS["disclosure request"])
        )

        # 网上办事: an unpublished item (with history), a published one with a published
        # form, a draft form version, an application accepted, decided and rated badly,
        # and B's rollout plan.
        self.item = make_item(self.b, code="CZJ-0001", name=SECRETS["unpublished service item"], published=False)
        log(instance=self.item, action="wagtail.create", user=b_editor)
        open_item = make_item(self.b, code="CZJ-0002", name="财政票据核发")
        make_form(open_item)
        self.form = ServiceForm.objects.create(item=self.item, version=1, intro="草稿")
        self.application, _ = direct_submit(open_item, company=SECRETS["applicant"])
        clerk = self.b_staff["window_clerk"]
        hall_actions.application_accept(application=self.application, actor=clerk)
        self.task = self.application.tasks.get()
        hall_actions.task_decide(task=self.task, actor=clerk, decision=Decision.APPROVED, opinion="同意")
        rating = hall_actions.rating_submit(
            application=self.application, actor=None, level=1, answers={}, comment=SECRETS["bad rating"]
        )
        self.rectification = rating.rectification
        self.application_file = self.application.files.first()
        self.plan = RolloutPlan.objects.create(
            agency=self.b, year=timezone.localdate().year, planned_online_items=2, measures=SECRETS["rollout plan"]
        )
        # 监管: a construction goal (seeded by the data migration; the information office's).
        from govportal.monitor.models import ConstructionGoal

        self.goal = ConstructionGoal.objects.filter(agency_kind=AgencyKind.PARTY_MASS).first()
        if self.goal is None:  # a flush wiped the seeded rows
            self.goal = ConstructionGoal.objects.create(
                name="党群部门网站全覆盖", agency_kind=AgencyKind.PARTY_MASS, deadline=timezone.localdate()
            )

        # The case kernel's rows of B's letter; the information office's global rows.
        self.case = Case.objects.get(pk=self.letter.case_id)
        self.case_event = CaseEvent.objects.filter(case=self.case).first()
        self.outbox = OutboxMessage.objects.create(
            key="matrix-b", channel="email", recipient="b@example.gov.cn", next_attempt_at=timezone.now()
        )
        self.calendar_day = CalendarDay.objects.first() or CalendarDay.objects.create(
            date=timezone.localdate(), kind="holiday", note="矩阵"
        )
        self.calendar_year = CalendarYear.objects.first() or CalendarYear.objects.create(year=timezone.localdate().year)
        self.synonyms = SynonymGroup.objects.create(terms="财政 财经")
        self.hot_query = SearchQueryStat.objects.create(query="财政")
        self.best_bet = BestBet.objects.create(
            keywords="财政预算", target_url="/caizheng/", title=SECRETS["best bet"], agency=self.b
        )

        # 协同办公: a document B drafted, signed and sent to the city government (issue 25).
        from govportal.office import actions as office_actions

        self.b_office_clerk = b_clerk = User.objects.create(username="b_office_clerk", agency=self.b)
        b_clerk.groups.add(office_actions.office_roles_ensure(agency=self.b))
        self.office_doc = office_actions.document_draft(
            actor=b_clerk,
            data={
                "kind": "notice",
                "title": SECRETS["office document"],
                "body": "内部通知正文。",
                "disclosure": "none",
            },
            issuer=b_leader,
            target="chosen",
            agencies=[city],
        )
        office_actions.document_submit(document=self.office_doc, actor=b_clerk)
        office_actions.document_sign(document=self.office_doc, actor=b_leader)
        office_actions.document_send(document=self.office_doc, actor=b_clerk)
        # 在线访谈: B's interview with a citizen's question waiting for B's moderator.
        from datetime import timedelta

        from govportal.interviews import actions as interview_actions
        from govportal.interviews.models import Interview

        starts = timezone.now() + timedelta(days=1)
        self.interview = interview_actions.interview_saved(
            interview=Interview.objects.create(
                title="财政预算在线访谈", agency=self.b, host="主持人", starts_at=starts,
                ends_at=starts + timedelta(hours=1), intro="预算解读。",
            ),
            actor=self.superuser,
        )  # fmt: skip
        interview_actions.question_submit(
            interview=self.interview, name="赵六", phone="13812340000", content=SECRETS["interview question"]
        )

        # 意见征集 and 网上听证 (participation): B's unpublished draft with a
        # comment, B's hearing with a registration and its written statement.
        from datetime import timedelta as _td

        from govportal.participation.models_drafts import Hearing, HearingRegistration, Solicitation
        from govportal.participation.models_drafts import SolicitationComment as _Comment

        _now = timezone.now()
        self.solicitation = Solicitation.objects.create(
            agency=self.b,
            title=SECRETS["draft for comment"],
            explanation="内部。",
            opens_at=_now,
            closes_at=_now + _td(days=30),
        )
        _Comment.objects.create(
            solicitation=self.solicitation, content=SECRETS["draft comment"], name="甲", phone="13812345678"
        )
        self.hearing = Hearing.objects.create(
            agency=self.b,
            title=SECRETS["hearing"],
            matter="内部。",
            held_at=_now + _td(days=10),
            place="财政局",
            registration_opens_at=_now,
            registration_closes_at=_now + _td(days=5),
        )
        HearingRegistration.objects.create(
            hearing=self.hearing, kind="person", name="乙", phone="13812345679", statement=SECRETS["hearing statement"]
        )
        # 公共查询: B's query system, with an import and a query logged.
        from govportal.convenience.models import QueryField, QueryImport, QueryLog, QuerySystem

        self.query_system = QuerySystem.objects.create(
            agency=self.b, name=SECRETS["query system"], slug="caizheng-chaxun", provider="财政局"
        )
        QueryField.objects.create(system=self.query_system, column="票据号", asked=True)
        QueryField.objects.create(system=self.query_system, column="金额", asked=True)
        QueryImport.objects.create(system=self.query_system, source="upload", ok=True, rows=0)
        QueryLog.objects.create(system=self.query_system, hit=False, client_hash="x", query_hash="y")

        # 监管 链接检查: a broken external link on B's live page, recorded by the checker's actions.
        from govportal.core.linkcheck import LinkResult
        from govportal.monitor.links import actions as link_actions
        from govportal.monitor.links.collect import Reference

        broken_url = f"https://old-czj.invalid/{SECRETS['broken link']}.html"
        link_actions.links_found(
            references=[Reference(self.live.pk, self.b_home.pk, self.b.pk, "a", broken_url, False, broken_url)]
        )
        self.broken_link = link_actions.LinkTarget.objects.get(url=broken_url)
        link_actions.link_checked(target_id=self.broken_link.pk, result=LinkResult(ok=False, error="域名不存在"))
        link_actions.link_checked(target_id=self.broken_link.pk, result=LinkResult(ok=False, error="域名不存在"))

        # A redirect on B's site (redirects are the information office's).
        from wagtail.contrib.redirects.models import Redirect

        self.redirect = Redirect.objects.create(old_path="/caizheng-old", site=_site(self), redirect_page=self.live)

        # Editing session of B's editor on B's draft.
        from wagtail.admin.models import EditingSession

        self.editing_session = EditingSession.objects.create(
            user=b_editor,
            content_type=ContentType.objects.get_for_model(Page),
            object_id=str(self.draft.pk),
            last_seen_at=timezone.now(),
        )

        # 企业风采 and 招商引资: B stands for the bureau (its rows), a window on B's site.
        from govportal.enterprise import actions as enterprise_actions
        from govportal.enterprise.models import (
            Enterprise,
            EnterpriseProduct,
            ImageWindow,
            InvestmentPolicy,
            InvestmentProject,
        )

        self.enterprise = Enterprise.objects.create(
            agency=self.b,
            name=SECRETS["enterprise"],
            credit_code="91350100M000100Y43",
            kind="sme",
            industry="food",
            township="青山镇",
            profile="简介",
            contact_name="李明",
            contact_phone="13812345678",
        )
        self.enterprise_product = EnterpriseProduct.objects.create(enterprise=self.enterprise, name="茶")
        self.window = ImageWindow.objects.create(
            home=self.b_home, agency=self.b, slogan=SECRETS["image window"], image=self.image, alt_text="图"
        )
        self.project = InvestmentProject.objects.create(
            agency=self.b,
            title=SECRETS["investment project"],
            sector="food",
            location="青山镇",
            scale="1亿元",
            description="概况",
            terms="条件",
            contact_name="周强",
            contact_phone="0731-84560001",
        )
        self.policy = InvestmentPolicy.objects.create(agency=self.b, title=SECRETS["investment policy"])
        from django.test import override_settings

        with override_settings(GOVPORTAL_INVESTMENT_BUREAU_CODE=self.b.code):
            self.enquiry, _ = enterprise_actions.enquiry_submit(
                project=None, company="", name="陈先生", phone="13912345678", content=SECRETS["enquiry"]
            )
        # end 企业风采
        # 便民服务目录 (govportal/convenience): B's entries and a 纠错 case of B's.
        from govportal.convenience import actions as convenience_actions
        from govportal.convenience.models import DirectoryEntry

        town = mk(AgencyKind.TOWNSHIP, "示例市青山镇人民政府", "青山镇", "X0001")
        self.directory_entry = DirectoryEntry.objects.create(
            agency=self.b,
            category="bank",
            name=SECRETS["directory entry"],
            township=town,
            address="示例市青山镇",
            is_published=False,
        )
        live_entry = DirectoryEntry.objects.create(
            agency=self.b, category="bank", name="财政局公开目录条目", township=town, address="示例市青山镇"
        )
        self.directory_correction, _ = convenience_actions.correction_submit(
            entry=live_entry, content=SECRETS["directory correction"], name="王五", phone="13800000003"
        )

        # 错敏词 (govportal/monitor): a dictionary entry (one for the whole city) and a hit the
        # sweep found on B's live page.
        from govportal.monitor.wording_models import WordingEntry, WordingFinding

        self.wording_entry = WordingEntry.objects.get(word="按装")
        WordingFinding.objects.create(
            page=self.live,
            agency=self.b,
            field="body",
            field_label="正文",
            offset=0,
            kind="typo",
            word="按装",
            suggestion="安装",
            before=SECRETS["wording finding"],
            found_at=timezone.now(),
        )
        # 监管: B's site checked (its letter and service items among the findings).
        from govportal.monitor import checks as monitor_checks

        monitor_checks.check_site(self.b_home)
        # 政府网站工作年度报表 (govportal/monitor/yearly): B's draft report, its 填报人 a secret.
        from govportal.monitor.yearly import actions as yearly_actions

        self.yearly_report = yearly_actions.yearly_report_generate(
            actor=None, site=self.b_home, year=timezone.localdate().year - 1
        )
        yearly_actions.yearly_report_edit(
            actor=self.superuser, report=self.yearly_report, values={"filler": SECRETS["yearly report"]}
        )

        self.page_contexts = [self.page_context(self.draft), self.page_context(self.live)]

    def page_context(self, page) -> dict[str, Any]:
        """The ids a page screen takes, consistent with one page of B."""
        page.refresh_from_db()
        task_state = page.current_workflow_task_state
        return {
            "page": page,
            "revision": page.latest_revision,
            "task_state": task_state,
            "task": task_state.task,
            "workflow_state": page.current_workflow_state,
        }


def _agency_maker():
    from govportal.core.models import Agency

    def make(kind, name, short_name, code):
        return Agency.objects.create(code=code, name=name, short_name=short_name, kind=kind)

    return make


def _staff(agency, role: str) -> User:
    """Staff as the demo makes them: the window clerk (窗口) sits in the agency's editor group."""
    group_role = Role.EDITOR if role == "window_clerk" else role
    user = User(
        username=f"{agency.code.lower()}_{role}",
        agency=agency,
        last_name=agency.short_name,
        first_name="窗口" if role == "window_clerk" else str(Role(group_role).label),
    )
    user.set_unusable_password()
    user.save()
    user.groups.add(agency_groups(agency)[group_role])
    return user


# --- The registry: what fills each URL argument -----------------------------------------------
#
# `Fill` gets the world and the page context (B's draft in review, then B's live page with an
# unpublished revision — screens about a page are requested with both) and returns the value.

Fill = Callable[[World, dict[str, Any]], Any]

# An argument that means the same on every screen.
BY_ARG: dict[str, Fill] = {
    "page_id": lambda w, p: p["page"].pk,
    "parent_page_id": lambda w, p: p["page"].pk,
    "page_to_move_id": lambda w, p: p["page"].pk,
    "page_pk": lambda w, p: p["page"].pk,
    "destination_id": lambda w, p: w.live_column.pk,
    "revision_id": lambda w, p: p["revision"].pk,
    "revision_id_a": lambda w, p: "earliest",
    "revision_id_b": lambda w, p: "latest",
    "task_state_id": lambda w, p: p["task_state"].pk,
    "task_id": lambda w, p: p["task"].pk,
    "workflow_state_id": lambda w, p: p["workflow_state"].pk,
    "workflow_pk": lambda w, p: p["workflow_state"].workflow_id,
    "action_name": lambda w, p: "approve",
    "collection_id": lambda w, p: w.collection.pk,
    "document_id": lambda w, p: w.document.pk,
    "doc_id": lambda w, p: w.document.pk,
    "image_id": lambda w, p: w.image.pk,
    "uploaded_file_id": lambda w, p: w.uploaded.pk,
    "filter_spec": lambda w, p: "original",
    "offer_id": lambda w, p: w.offer.pk,
    "task_pk": lambda w, p: w.task.pk,
    "file_pk": lambda w, p: w.application_file.pk,
    "agency_code": lambda w, p: w.b.code,
    "year": lambda w, p: timezone.localdate().year,
    "session_id": lambda w, p: w.editing_session.pk,
    "redirect_id": lambda w, p: w.redirect.pk,
    "object_id": lambda w, p: w.editing_session.object_id,
    "survey_id": lambda w, p: w.survey.pk,
    "evaluation_id": lambda w, p: w.evaluation.pk,
    "answer_id": lambda w, p: w.survey_answer.pk,
    "notice_id": lambda w, p: 0,  # B's request has no written notice yet (SUPERUSER_404)
}

# `pk` (and the chooser's `str:pk`) is the object of the screen's viewset, by URL namespace.
PK_BY_NAMESPACE: dict[str, Fill] = {
    "wagtailadmin_pages": lambda w, p: p["page"].pk,  # revisions_compare
    "wagtailadmin_api:pages": lambda w, p: p["page"].pk,
    "wagtailadmin_api:documents": lambda w, p: w.document.pk,
    "wagtailadmin_api:images": lambda w, p: w.image.pk,
    "wagtailadmin_collections": lambda w, p: w.collection.pk,
    "wagtailadmin_workflows": lambda w, p: p["workflow_state"].workflow_id,
    "disclosure_admin": lambda w, p: w.disclosure_request.pk,
    "interaction_admin": lambda w, p: w.letter.pk,
    "interviews_admin": lambda w, p: w.interview.pk,
    "interview_list": lambda w, p: w.interview.pk,
    "servicehall_admin": lambda w, p: w.application.pk,
    "office_admin": lambda w, p: w.office_doc.pk,
    "wagtailsnippets_core_calendarday": lambda w, p: w.calendar_day.pk,
    "wagtailsnippetchoosers_core_calendarday": lambda w, p: w.calendar_day.pk,
    "wagtailsnippets_core_calendaryear": lambda w, p: w.calendar_year.pk,
    "wagtailsnippetchoosers_core_calendaryear": lambda w, p: w.calendar_year.pk,
    "wagtailsnippets_servicehall_serviceitem": lambda w, p: w.item.pk,
    "wagtailsnippetchoosers_servicehall_serviceitem": lambda w, p: w.item.pk,
    "wagtailsnippets_servicehall_serviceform": lambda w, p: w.form.pk,
    "wagtailsnippetchoosers_servicehall_serviceform": lambda w, p: w.form.pk,
    "wagtailsnippets_servicehall_rolloutplan": lambda w, p: w.plan.pk,
    "wagtailsnippetchoosers_servicehall_rolloutplan": lambda w, p: w.plan.pk,
    "wagtailsnippets_servicehall_servicetopic": lambda w, p: w.item.themes.first().pk,
    "wagtailsnippetchoosers_servicehall_servicetopic": lambda w, p: w.item.themes.first().pk,
    "case_admin": lambda w, p: w.case.pk,
    "case_events": lambda w, p: w.case_event.pk,
    "outbox": lambda w, p: w.outbox.pk,
    "agencies": lambda w, p: w.b.pk,
    "monitor_goals": lambda w, p: w.goal.pk,  # 监管 建设目标: the information office's alone
    "search-synonyms": lambda w, p: w.synonyms.pk,
    "monitor_wording_dictionary": lambda w, p: w.wording_entry.pk,  # 错敏词词库 (one for the city)
    "search-hot-queries": lambda w, p: w.hot_query.pk,
    "search-best-bets": lambda w, p: w.best_bet.pk,
    "query_systems": lambda w, p: w.query_system.pk,  # 公共查询
    "monitor_links": lambda w, p: w.broken_link.pk,  # 监管 链接检查
    "monitor_yearly_admin": lambda w, p: w.yearly_report.pk,  # 政府网站工作年度报表
    "convenience_query_admin": lambda w, p: w.query_system.pk,
    "faq": lambda w, p: w.faq.pk,
    "directory": lambda w, p: w.directory_entry.pk,  # 便民服务目录 (govportal/convenience)
    "convenience_admin": lambda w, p: w.directory_correction.pk,
    "reply_templates": lambda w, p: w.reply_template.pk,
    "mailboxes": lambda w, p: w.mailbox.pk,
    "image_windows": lambda w, p: w.window.pk,
    "enterprises": lambda w, p: w.enterprise.pk,
    "investment_projects": lambda w, p: w.project.pk,
    "investment_policies": lambda w, p: w.policy.pk,
    "surveys": lambda w, p: w.survey.pk,
    "evaluations": lambda w, p: w.evaluation.pk,
    "solicitations": lambda w, p: w.solicitation.pk,
    "hearings": lambda w, p: w.hearing.pk,
    "monitor_state": lambda w, p: w.b_home.pk,  # 监测状态: B's site (its checks run in World)
    "wagtailsites": lambda w, p: _site(w).pk,
    "wagtailusers_users": lambda w, p: w.b_staff["editor"].pk,
    "wagtailusers_groups": lambda w, p: agency_groups(w.b)[Role.EDITOR].pk,
    "wagtaildocs_chooser": lambda w, p: w.document.pk,
    "wagtailimages_chooser": lambda w, p: w.image.pk,
}

# Screens whose arguments mean something only there.
BY_NAME: dict[str, dict[str, Fill]] = {
    "wagtail_bulk_action": {
        "app_label": lambda w, p: "wagtailcore",
        "model_name": lambda w, p: "page",
        "action": lambda w, p: "publish",
    },
    "wagtailadmin_pages:add": {
        "content_type_app_name": lambda w, p: "cluster",
        "content_type_model_name": lambda w, p: "articlepage",
    },
    "wagtailadmin_pages:preview_on_add": {
        "content_type_app_name": lambda w, p: "cluster",
        "content_type_model_name": lambda w, p: "articlepage",
    },
    "wagtailadmin_pages:type_use": {
        "content_type_app_name": lambda w, p: "cluster",
        "content_type_model_name": lambda w, p: "articlepage",
    },
    "wagtailadmin_pages:type_use_results": {
        "content_type_app_name": lambda w, p: "cluster",
        "content_type_model_name": lambda w, p: "articlepage",
    },
    "wagtailadmin_pages:choose_parent": {
        "app_label": lambda w, p: "cluster",
        "model_name": lambda w, p: "articlepage",
    },
    "wagtailadmin_tag_model_autocomplete": {
        "app_name": lambda w, p: "cluster",
        "model_name": lambda w, p: "articlepage",
    },
    "wagtailadmin_workflows:add_task": {
        "app_label": lambda w, p: "wagtailcore",
        "model_name": lambda w, p: "groupapprovaltask",
    },
    "wagtailadmin_workflows:edit_task": {"pk": lambda w, p: p["task"].pk},
    "wagtailadmin_workflows:disable_task": {"pk": lambda w, p: p["task"].pk},
    "wagtailadmin_workflows:enable_task": {"pk": lambda w, p: p["task"].pk},
    "wagtailadmin_editing_sessions:ping": {
        "app_label": lambda w, p: "wagtailcore",
        "model_name": lambda w, p: "page",
    },
    "interaction_admin:act": {"step": lambda w, p: "reply"},
    "office_admin:act": {"step": lambda w, p: "sign_for"},
    "interviews_admin:act": {"step": lambda w, p: "approve"},
    "participation_drafts_admin:solicitation": {"pk": lambda w, p: w.solicitation.pk},
    "participation_drafts_admin:hearing": {"pk": lambda w, p: w.hearing.pk},
    "servicehall_admin:act": {"name": lambda w, p: "accept"},
    "servicehall_admin:form_publish": {"pk": lambda w, p: w.form.pk},
    "servicehall_admin:form_new_version": {"pk": lambda w, p: w.item.pk},
    "servicehall_admin:rectification": {"pk": lambda w, p: w.rectification.pk},
    "cases_admin:rectification": {"pk": lambda w, p: w.rectification.pk},
    "participation_admin:evaluation_act": {
        "evaluation_id": lambda w, p: w.evaluation.pk,
        "step": lambda w, p: "publish",
    },
    "wagtailsettings:edit": {"app_name": lambda w, p: "wagtailcore", "model_name": lambda w, p: "site"},
    "wagtailsettings:preview_on_edit": {"app_name": lambda w, p: "wagtailcore", "model_name": lambda w, p: "site"},
}
# wagtailsettings:edit's second pattern takes B's site as the settings object.
BY_NAME["wagtailsettings:edit"]["pk"] = lambda w, p: _site(w).pk
BY_NAME["wagtailsettings:preview_on_edit"]["pk"] = lambda w, p: _site(w).pk


def _urgent_notice(w):
    """紧急信息 belong to no agency: one published by the information office (the screen
    answers 404 to everyone else but the city government's leaders; a GET of the withdraw
    action 405)."""
    from govportal.cluster.models import UrgentNotice

    notice = UrgentNotice.objects.first()
    return notice or UrgentNotice.objects.create(title="暴雨预警", body="停课。", published_by=w.superuser)


BY_NAME["cluster_urgent:withdraw"] = {"pk": lambda w, p: _urgent_notice(w).pk}
BY_NAME["enterprise_admin:enterprise"] = {"pk": lambda w, p: w.enterprise.pk}
BY_NAME["enterprise_admin:enquiry"] = {"pk": lambda w, p: w.enquiry.pk}
BY_NAME["enterprise_admin:window"] = {"pk": lambda w, p: w.window.pk}

# Screens that take arguments but no object of B (or none at all and have no name): still
# requested, still checked for B's secrets, but with these fixed arguments.
NO_OBJECT: dict[str, dict[str, Any]] = {
    # Password reset by e-mail link: a token for nobody.
    "wagtailadmin_password_reset_confirm": {"uidb64": "MQ", "token": "set-password"},
}
# Patterns without a name, by route: requested at this URL.
UNNAMED = {
    "admin/test404/": "/admin/test404/",  # Wagtail's 404 preview
    "admin/^.*/$": "/admin/no-such-screen/",  # Wagtail's catch-all: an unknown admin URL is a 404
}

# Extra query strings: bulk actions take their objects there; search screens their query.
QUERY: dict[str, Fill] = {
    "wagtail_bulk_action": lambda w, p: f"id={p['page'].pk}",
    "wagtailadmin_choose_page_chosen_multiple": lambda w, p: f"id={p['page'].pk}",
    "wagtaildocs_chooser:chosen_multiple": lambda w, p: f"id={w.document.pk}",
    "wagtailimages_chooser:chosen_multiple": lambda w, p: f"id={w.image.pk}",
    "wagtailadmin_api:pages:find": lambda w, p: f"id={p['page'].pk}",
    "wagtailadmin_api:documents:find": lambda w, p: f"id={w.document.pk}",
    "wagtailadmin_api:images:find": lambda w, p: f"id={w.image.pk}",
}

# Arguments that name a kind of thing, not one of B's objects.
TYPE_ARGS = frozenset(
    {
        "content_type_app_name",
        "content_type_model_name",
        "app_label",
        "app_name",
        "model_name",
        "action",
        "action_name",
        "filter_spec",
        "step",
        "name",
        "revision_id_a",
        "revision_id_b",
        "agency_code",
        "year",
    }
)

# Object screens that legitimately answer 200 to another agency's staff, and why. They are
# still checked for B's secrets.
MAY_SHOW: dict[str, str] = {
    "wagtailadmin_choose_page_child": "the page chooser browses every site's live pages (links across sites)",
    "wagtailadmin_choose_page_chosen_multiple": "as the chooser: live pages, by their published title",
    "wagtailadmin_explore": "the explorer browses live pages, listing only what the user may see",
    "wagtailadmin_explore_results": "as the explorer",
    "wagtailadmin_api:pages:detail": "the explorer's API answers for live pages, by their published title",
    "wagtail_bulk_action": "the confirmation lists the user's own pages only; B's are left out",
    "wagtailsnippetchoosers_core_calendarday:chosen": "the working-day calendar is one for the whole city",
    "wagtailsnippetchoosers_core_calendaryear:chosen": "the working-day calendar is one for the whole city",
    "wagtailsnippetchoosers_servicehall_servicetopic:chosen": "themes and life events are shared by all agencies",
    "wagtailadmin_workflows:task_chosen": "workflow tasks are chosen by the information office's screens only; "
    "the answer carries the task's name, not B's material",
}
# Requested with B's draft page (never published), those screens must turn the user away
# too — except the bulk confirmation, which leaves the page out.
MAY_SHOW_DRAFT = frozenset({"wagtail_bulk_action"})


def _site(w: World):
    from wagtail.models import Site

    return Site.objects.get(root_page=w.b_home)


# --- Walking the resolver ---------------------------------------------------------------------


@dataclass(frozen=True)
class Screen:
    route: str  # the pattern as written, e.g. "admin/faq/history/<int:pk>/"
    name: str | None  # namespaced, e.g. "faq:history"
    args: tuple[str, ...]

    @property
    def namespace(self) -> str:
        return self.name.rpartition(":")[0] if self.name else ""


def admin_screens() -> list[Screen]:
    def walk(patterns, prefix: str, namespace: str) -> Iterator[Screen]:
        for p in patterns:
            if isinstance(p, URLResolver):
                ns = f"{namespace}:{p.namespace}" if namespace and p.namespace else (p.namespace or namespace)
                yield from walk(p.url_patterns, prefix + str(p.pattern), ns)
            elif isinstance(p, URLPattern):
                args = tuple(getattr(p.pattern, "converters", {}) or p.pattern.regex.groupindex)
                name = f"{namespace}:{p.name}" if namespace and p.name else p.name
                yield Screen(prefix + str(p.pattern), name, args)

    seen, screens = set(), []
    for screen in walk(get_resolver().url_patterns, "", ""):
        if screen.route.startswith("admin/") and screen not in seen:
            seen.add(screen)
            screens.append(screen)
    return screens


def filler(screen: Screen, arg: str) -> Fill | None:
    if screen.name in NO_OBJECT:
        value = NO_OBJECT[screen.name][arg]
        return lambda w, p: value
    if arg in BY_NAME.get(screen.name or "", {}):
        return BY_NAME[screen.name][arg]
    if arg == "pk" and screen.namespace in PK_BY_NAMESPACE:
        return PK_BY_NAMESPACE[screen.namespace]
    return BY_ARG.get(arg)


PAGE_ARGS = {"page_id", "parent_page_id", "page_to_move_id", "page_pk", "revision_id"}
PAGE_QUERY = {"wagtail_bulk_action", "wagtailadmin_choose_page_chosen_multiple", "wagtailadmin_api:pages:find"}


def urls_of(screen: Screen, world: World) -> list[tuple[str, bool]]:
    """The URLs to request for a screen, each with whether it names B's draft page: one
    per page of B when the screen is about a page."""
    if screen.name is None:
        return [(UNNAMED[screen.route], False)]
    about_page = bool(set(screen.args) & PAGE_ARGS) or screen.namespace in (
        "wagtailadmin_pages",
        "wagtailadmin_api:pages",
    )
    about_page = about_page or screen.name in PAGE_QUERY
    urls = []
    for context in world.page_contexts if about_page else world.page_contexts[:1]:
        kwargs = {arg: filler(screen, arg)(world, context) for arg in screen.args}
        url = reverse(screen.name, kwargs=kwargs)
        query = QUERY[screen.name](world, context) if screen.name in QUERY else ""
        # Search screens get a query matching every secret (the bare listings list them anyway).
        search = "q=" + SEARCH[:2] if "search" in screen.name or "choose" in screen.name else ""
        url = "?".join(filter(None, [url, "&".join(filter(None, [query, search]))]))
        urls.append((url, about_page and context["page"].pk == world.draft.pk))
    return urls


def unregistered(screens: list[Screen]) -> list[str]:
    missing = []
    for screen in screens:
        if screen.name is None:
            if screen.route not in UNNAMED:
                missing.append(f"register this URL: {screen.route} (no name)")
            continue
        for arg in screen.args:
            if filler(screen, arg) is None:
                missing.append(f"register this URL: {screen.route} ({screen.name}) — argument {arg!r}")
    return missing


def body_of(response) -> str:
    if getattr(response, "streaming", False):
        content = b"".join(response.streaming_content)
    else:
        content = response.content
    text = content.decode(errors="replace")
    if response.get("Content-Type", "").startswith("application/json"):
        try:
            text += json.dumps(json.loads(text), ensure_ascii=False)  # \uXXXX escapes decoded
        except ValueError:
            pass
    return text


def leaked_secrets(text: str) -> list[str]:
    return [what for what, secret in SECRETS.items() if secret in text]


DENIED = {302, 403, 404, 405}


class AgencyIsolationMatrix(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.world = World()
        # Signing out ends the walk: request it last.
        cls.screens = sorted(admin_screens(), key=lambda screen: screen.name == "wagtailadmin_logout")
        cls.urls = {s: urls_of(s, cls.world) for s in cls.screens if not unregistered([s])}
        cls.away = {reverse("wagtailadmin_home"), reverse("wagtailadmin_login")}

    def observe(self, user) -> list[str]:
        """Every admin screen as this user; the problems found."""
        client = Client(raise_request_exception=False)
        client.force_login(user)
        problems = []
        for screen in self.screens:
            if unregistered([screen]):
                continue  # reported by test_every_admin_url_is_registered
            object_screen = screen.name not in NO_OBJECT and (
                bool(set(screen.args) - TYPE_ARGS) or screen.name in QUERY
            )
            for url, names_draft in self.urls[screen]:
                may_show = screen.name in MAY_SHOW and (not names_draft or screen.name in MAY_SHOW_DRAFT)
                response = client.get(url)
                first = response.status_code
                text = body_of(response)
                # Follow a redirect, unless it turns the user away to the dashboard or the
                # sign-in page (both checked as screens of their own).
                hops = 0
                while response.status_code in (301, 302) and response["Location"] not in self.away and hops < 3:
                    response, hops = client.get(response["Location"]), hops + 1
                    text += body_of(response)
                if "_auth_user_id" not in client.session and screen.name != "wagtailadmin_logout":
                    problems.append(f"{url} ({screen.name}) signed the user out")
                    client.force_login(user)
                leaks = leaked_secrets(text)
                if leaks:
                    problems.append(f"{url} ({screen.name}) shows B's {', '.join(leaks)}")
                if response.status_code >= 500 and screen.name != "wagtailadmin_error_test":
                    problems.append(f"{url} ({screen.name}) answers {response.status_code}")
                if object_screen and first not in DENIED and not may_show:
                    problems.append(f"{url} ({screen.name}) answers {first} for B's object")
        return problems

    def test_every_admin_url_is_registered(self):
        assert len(self.screens) > 300  # the walk found Wagtail's screens as well as ours
        assert unregistered(self.screens) == []

    def test_the_information_office_sees_bs_objects_so_the_arguments_are_real(self):
        """Calibration: the arguments point at B's real objects, and the secrets are what
        these screens show — otherwise a 404 or a clean body would prove nothing."""
        client = Client(raise_request_exception=False)
        client.force_login(self.world.superuser)
        w = self.world
        shown = {
            reverse("faq:history", args=[w.faq.pk]): "unpublished FAQ",
            reverse("faq:edit", args=[w.faq.pk]): "unpublished FAQ",
            reverse("wagtailsnippets_servicehall_serviceitem:history", args=[w.item.pk]): "unpublished service item",
            reverse("wagtailadmin_choose_page_child", args=[w.live_column.pk]): "unpublished revision",
            reverse("wagtailadmin_reports:page_types_usage"): "unpublished revision",
            reverse("wagtailadmin_pages:edit", args=[w.draft.pk]): "draft page",
            reverse("interaction_admin:detail", args=[w.letter.pk]): "letter",
            reverse("disclosure_admin:request", args=[w.disclosure_request.pk]): "disclosure request",
            reverse("servicehall_admin:detail", args=[w.application.pk]): "applicant",
            reverse("wagtailimages:edit", args=[w.image.pk]): "image",
            reverse("wagtaildocs:edit", args=[w.document.pk]): "document",
            reverse("search-best-bets:edit", args=[w.best_bet.pk]): "best bet",
            reverse("enterprise_admin:enterprise", args=[w.enterprise.pk]): "enterprise",
            reverse("enterprise_admin:enquiry", args=[w.enquiry.pk]): "enquiry",
            reverse("enterprise_admin:window", args=[w.window.pk]): "image window",
            reverse("investment_projects:edit", args=[w.project.pk]): "investment project",
            reverse("investment_policies:edit", args=[w.policy.pk]): "investment policy",
            reverse("solicitations:edit", args=[w.solicitation.pk]): "draft for comment",
            reverse("participation_drafts_admin:solicitation", args=[w.solicitation.pk]): "draft comment",
            reverse("participation_drafts_admin:hearing", args=[w.hearing.pk]): "hearing statement",
            reverse("query_systems:edit", args=[w.query_system.pk]): "query system",
            reverse("convenience_query_admin:data", args=[w.query_system.pk]): "query system",
            reverse("monitor_links:index"): "broken link",
            reverse("monitor_yearly_admin:report", args=[w.yearly_report.pk]): "yearly report",
        }
        missing = [f"{url}: {what}" for url, what in shown.items() if SECRETS[what] not in body_of(client.get(url))]
        assert missing == []
        # 协同办公: B's document, as B's OA clerk (the information office sees statistics only).
        b_clerk = Client(raise_request_exception=False)
        b_clerk.force_login(w.b_office_clerk)
        office_url = reverse("office_admin:detail", args=[w.office_doc.pk])
        assert SECRETS["office document"] in body_of(b_clerk.get(office_url))
        assert client.get(office_url).status_code == 404
        # Every filled object screen finds its object for the information office.
        not_found = []
        for screen in self.screens:
            if screen.args and screen.name and screen.name not in NO_OBJECT and not unregistered([screen]):
                for url, _ in self.urls[screen]:
                    if client.get(url).status_code == 404 and screen.name not in SUPERUSER_404:
                        not_found.append(f"{url} ({screen.name})")
        assert not not_found, "\n".join(not_found)

    def test_editor(self):
        problems = self.observe(self.world.a_staff["editor"])
        assert not problems, "\n".join(problems)

    def test_reviewer(self):
        problems = self.observe(self.world.a_staff["reviewer"])
        assert not problems, "\n".join(problems)

    def test_leader(self):
        problems = self.observe(self.world.a_staff["leader"])
        assert not problems, "\n".join(problems)

    def test_window_clerk(self):
        problems = self.observe(self.world.a_staff["window_clerk"])
        assert not problems, "\n".join(problems)


# Object screens that are a 404 even for the information office with B's real objects: the
# object is not of the kind the screen serves. A 404 proves nothing there, so the secrets
# check is what holds them.
SUPERUSER_404: dict[str, str] = {
    "wagtailadmin_pages:convert_alias": "B's pages are not aliases",
    "wagtailadmin_tag_model_autocomplete": "articles have no tag model of their own",
    "disclosure_admin:letter": "B's request has no reply letter yet",
    "disclosure_admin:notice": "B's request has no written notice yet",
    "wagtailforms:list_submissions": "B's pages are not form pages",
    "wagtailforms:list_submissions_results": "B's pages are not form pages",
    "wagtailsettings:edit": "no site settings are registered",
    "wagtailsettings:preview_on_edit": "no site settings are registered",
    "wagtailimages:url_generator": "dynamic image serving is not configured",
    "wagtailimages:url_generator_output": "dynamic image serving is not configured",
    # 协同办公 (issue 25.6): the information office sees the statistics, not the documents;
    # the calibration reads B's document as B's OA clerk instead.
    "office_admin:detail": "the information office sees office statistics, not documents",
    "office_admin:pdf": "the information office sees office statistics, not documents",
    "office_admin:act": "the information office sees office statistics, not documents",
}


class PublishedTitleForOtherAgencies(TestCase):
    """The page chooser still offers another agency's live page — by its published title —
    while its own agency keeps seeing the revision it is working on."""

    @classmethod
    def setUpTestData(cls):
        cls.world = World()

    def test_other_agency_chooses_the_live_page_by_its_published_title(self):
        w = self.world
        client = Client()
        client.force_login(w.a_staff["editor"])
        for url in [
            reverse("wagtailadmin_choose_page_child", args=[w.live_column.pk]),
            reverse("wagtailadmin_choose_page_search") + "?q=财政局公开",
            reverse("wagtailadmin_choose_page_chosen_multiple") + f"?id={w.live.pk}",
        ]:
            text = body_of(client.get(url))
            assert B_LIVE_TITLE in text, url
            assert SECRETS["unpublished revision"] not in text, url

    def test_own_agency_sees_its_unpublished_revision_title(self):
        w = self.world
        client = Client()
        client.force_login(w.b_staff["editor"])
        text = body_of(client.get(reverse("wagtailadmin_choose_page_child", args=[w.live_column.pk])))
        assert SECRETS["unpublished revision"] in text
        history = client.get(reverse("faq:history", args=[w.faq.pk]))
        assert history.status_code == 200 and SECRETS["unpublished FAQ"] in body_of(history)
