"""Each agency's groups, page permissions, image/document collection and review workflow.

Rules (DESIGN decision 2):
- every agency has one group per role (信息员, 审核人, 签发领导);
- the groups get page permissions on the agency's *permission roots*: its site home if no
  other agency's site lies beneath it, otherwise each of its own columns — so the portal's
  editors never see a township's drafts, and a township's never see a village's;
- images and documents live in one collection per agency, with a private child collection
  (未公开材料) for unpublished material: its documents are served (/documents/<id>/…) only
  to the agency's groups and the information office (a Wagtail collection view restriction);
- the agency's review workflow (configurable by the information office) is attached to
  the same roots.

`agency_permissions_sync` is idempotent: call it whenever an agency's sites or columns change.
"""

from __future__ import annotations

from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from wagtail.models import (
    BaseViewRestriction,
    Collection,
    CollectionViewRestriction,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from govportal.cluster.models import ColumnPage, ConfidentialityCheckTask, SignOffTask, SiteHomePage
from govportal.core.models import Agency, AgencyGroup, Role

ROLE_PAGE_PERMISSIONS: dict[str, list[str]] = {
    Role.EDITOR: ["add", "change"],
    Role.REVIEWER: ["add", "change"],
    Role.LEADER: ["add", "change", "publish", "lock", "unlock"],
}
ROLE_COLLECTION_PERMISSIONS: dict[str, list[tuple[str, str]]] = {
    role: [
        ("wagtailimages", "add_image"),
        ("wagtailimages", "change_image"),
        ("wagtailimages", "choose_image"),
        ("wagtaildocs", "add_document"),
        ("wagtaildocs", "change_document"),
        ("wagtaildocs", "choose_document"),
    ]
    for role in Role.values
}


def _permission(app_label: str, codename: str) -> Permission:
    found = Permission.objects.filter(content_type__app_label=app_label, codename=codename).first()
    if found is not None:
        return found
    # Wagtail's "access admin" permission hangs on a model without a table (wagtailadmin.Admin);
    # a database emptied and refilled without post-migrate signals (a flushed test database
    # restored from its serialized copy) lacks the row. Make it as post-migrate would.
    model = apps.get_model(app_label, "admin" if codename == "access_admin" else codename.split("_", 1)[1])
    content_type = ContentType.objects.get_for_model(model, for_concrete_model=False)
    return Permission.objects.get_or_create(content_type=content_type, codename=codename, defaults={"name": codename})[
        0
    ]


def agency_groups(agency: Agency) -> dict[str, Group]:
    """The agency's group per role, created if missing."""
    groups = {}
    access_admin = _permission("wagtailadmin", "access_admin")
    for role in Role:
        link = AgencyGroup.objects.filter(agency=agency, role=role).select_related("group").first()
        if link is None:
            group, _ = Group.objects.get_or_create(name=f"{agency.short_name}·{role.label}（{agency.code}）")
            link = AgencyGroup.objects.create(agency=agency, role=role, group=group)
        link.group.permissions.add(access_admin)
        groups[role] = link.group
    return groups


def agency_collection(agency: Agency) -> Collection:
    root = Collection.get_first_root_node()
    name = f"{agency.short_name}（{agency.code}）"
    existing = root.get_children().filter(name=name).first()
    return existing or root.add_child(name=name)


PRIVATE_COLLECTION_NAME = "未公开材料"


def agency_private_collection(agency: Agency, groups: dict[str, Group]) -> Collection:
    """The agency's collection for unpublished images and documents (drafts' attachments):
    a child of its collection (so the same groups may add and choose there), restricted to
    the agency's groups — Wagtail lets superusers (the information office) through too."""
    parent = agency_collection(agency)
    collection = parent.get_children().filter(name=PRIVATE_COLLECTION_NAME).first()
    if collection is None:
        collection = parent.add_child(name=PRIVATE_COLLECTION_NAME)
    restriction = CollectionViewRestriction.objects.filter(collection=collection).first()
    if restriction is None:
        restriction = CollectionViewRestriction.objects.create(
            collection=collection, restriction_type=BaseViewRestriction.GROUPS
        )
    restriction.groups.add(*groups.values())
    return collection


def publish_private_attachments(sender=None, instance=None, **kwargs) -> None:
    """On publishing a page: its attachments (``page.attachments``, `AttachmentBase`) that
    sit in a private collection (未公开材料) move to that collection's parent, the agency's
    public collection — the draft's files stay private until the page itself is public.
    Connected to Wagtail's ``page_published``."""
    attachments = getattr(instance, "attachments", None)
    if attachments is None or not hasattr(attachments, "all"):
        return
    for attachment in attachments.all():
        document = getattr(attachment, "document", None)
        if document is None:
            continue
        collection = document.collection
        if collection.name != PRIVATE_COLLECTION_NAME or not collection.get_view_restrictions().exists():
            continue
        document.collection = collection.get_parent()
        document.save(update_fields=["collection"])


# Areas whose page subtrees are maintained by an agency other than the site's owner (the
# tourism and culture bureaus' 旅游文化 under the portal) declare them here from their
# `access.py`: a function of the agency returning the roots of its subtrees in other sites.
_ROOT_SOURCES: list = []


def register_root_source(source) -> None:
    """Add a function ``(agency) -> iterable of Page`` whose pages become permission roots of
    that agency's groups (and carry its review workflow), like its own site homes."""
    if source not in _ROOT_SOURCES:
        _ROOT_SOURCES.append(source)


def permission_roots(agency: Agency) -> list[Page]:
    roots: list[Page] = []
    for source in _ROOT_SOURCES:
        roots.extend(source(agency))
    for home in SiteHomePage.objects.filter(agency=agency).order_by("path"):
        foreign_below = SiteHomePage.objects.descendant_of(home).exclude(agency=agency).exists()
        if foreign_below:
            roots.extend(ColumnPage.objects.child_of(home).order_by("path"))
        else:
            roots.append(home)
    # A root inside another root of the same agency is redundant.
    return [r for r in roots if not any(o.pk != r.pk and r.path.startswith(o.path) for o in roots)]


def agency_workflow(agency: Agency, groups: dict[str, Group]) -> Workflow:
    """The agency's review workflow: 审核（含保密审查） → 签发. Created once; afterwards the
    information office edits its steps in the admin and this function leaves them alone."""
    name = f"{agency.short_name}信息发布审核（{agency.code}）"
    workflow = Workflow.objects.filter(name=name).first()
    if workflow:
        return workflow
    workflow = Workflow.objects.create(name=name, active=True)
    review = ConfidentialityCheckTask.objects.create(name=f"{agency.short_name}·审核（含保密审查）")
    review.groups.set([groups[Role.REVIEWER]])
    sign = SignOffTask.objects.create(name=f"{agency.short_name}·领导签发")
    sign.groups.set([groups[Role.LEADER]])
    WorkflowTask.objects.create(workflow=workflow, task=review, sort_order=0)
    WorkflowTask.objects.create(workflow=workflow, task=sign, sort_order=1)
    return workflow


@transaction.atomic
def agency_permissions_sync(agency: Agency) -> list[Page]:
    """Make the agency's groups, collection, page permissions and workflow match its sites."""
    groups = agency_groups(agency)
    collection = agency_collection(agency)
    agency_private_collection(agency, groups)
    roots = permission_roots(agency)
    root_ids = {r.pk for r in roots}

    for role, group in groups.items():
        wanted = {(root.pk, codename) for root in roots for codename in ROLE_PAGE_PERMISSIONS[role]}
        have = {
            (gpp.page_id, gpp.permission.codename.removesuffix("_page")): gpp
            for gpp in GroupPagePermission.objects.filter(group=group).select_related("permission")
        }
        for key, gpp in have.items():
            if key not in wanted:
                gpp.delete()
        for page_id, codename in wanted - set(have):
            GroupPagePermission.objects.create(
                group=group, page_id=page_id, permission=_permission("wagtailcore", f"{codename}_page")
            )
        for app_label, codename in ROLE_COLLECTION_PERMISSIONS[role]:
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=collection, permission=_permission(app_label, codename)
            )

    workflow = agency_workflow(agency, groups)
    WorkflowPage.objects.filter(workflow=workflow).exclude(page_id__in=root_ids).delete()
    for root in roots:
        WorkflowPage.objects.update_or_create(page=root, defaults={"workflow": workflow})
    return roots
