"""Other agencies' pages, images and documents in the Wagtail admin: a 404 on their
screens, a page's published title everywhere else.

Two rules, applied where every admin request passes rather than view by view (Wagtail
has some 60 page screens and adds more; the page chooser, the move confirmation and the
page-types report each showed another agency's unpublished title):

1. **A page screen about another agency's page is a 404.** `AdminPageScopeMiddleware`
   looks at the resolved admin URL before the view runs. A page the screen acts on
   (``page_id``, ``page_to_move_id``, ``page_pk``, the revisions' ``pk``) must lie in
   the user's own subtrees (`access.staff_edit_root_paths`). A page the screen only
   browses from (``parent_page_id`` of the explorer and chooser, a move's
   ``destination_id``, the admin API's page, the chooser's chosen pages) may also be any
   live page — live pages are public and editors link across sites.
2. **Another agency's page is shown by its published title.** Wagtail shows pages by
   their latest revision's title (`Page.get_admin_display_title` → ``draft_title``), which
   for a live page with unpublished changes is that agency's unpublished text. During an
   admin request of a member of staff, a page outside their subtrees answers with its
   published ``title`` instead — in every listing, chooser, report and API response.

3. **Images and documents outside the user's collections are not there.** Wagtail's
   chooser listings already follow collection permissions; its "chosen" answers for
   several ids and the admin API's image and document endpoints did not. The middleware
   checks the ``?id=`` of those choosers, and `collection_scoped_api_endpoint` narrows the
   API endpoints (registered by ``cluster/wagtail_hooks.py``).

The information office (superusers) is not restricted; the rules are in `access`. See
docs/security.md.
"""

from __future__ import annotations

from contextvars import ContextVar

from django.http import Http404

from wagtail.models import Page

from govportal.cluster import access
from govportal.cluster.access import media_visible_to

# Page-id URL arguments of screens that act on the page, and of screens that browse from it.
SUBJECT_ARGS = frozenset({"page_id", "page_to_move_id", "page_pk"})
BROWSE_ARGS = frozenset({"parent_page_id", "destination_id"})
# `pk` names a page in these URL namespaces.
SUBJECT_PK_NAMESPACES = frozenset({"wagtailadmin_pages"})
BROWSE_PK_NAMESPACES = frozenset({"wagtailadmin_api:pages"})
# Screens that take page ids in the query string (`?id=`), all of them browsing.
BROWSE_QUERY_VIEWS = frozenset({"wagtailadmin_choose_page_chosen_multiple"})
# Screens that take image or document ids in the query string.
MEDIA_QUERY_VIEWS = {
    "wagtailimages_chooser:chosen_multiple": "images",
    "wagtaildocs_chooser:chosen_multiple": "documents",
}


def collection_scoped_api_endpoint(base, kind: str):
    """The admin API endpoint `base` answering only for the user's images or documents."""

    class Scoped(base):
        def get_queryset(self):
            return access.media_for_admin_api(kind, self.request.user, super().get_queryset())

    Scoped.__name__ = f"CollectionScoped{base.__name__}"
    return Scoped


class _Viewer:
    """The member of staff an admin request is for; their subtrees looked up once."""

    def __init__(self, user):
        self.user = user
        self._roots: tuple[str, ...] | None = None

    @property
    def roots(self) -> tuple[str, ...]:
        if self._roots is None:
            self._roots = tuple(access.staff_edit_root_paths(self.user))
        return self._roots

    def owns(self, path: str) -> bool:
        return path.startswith(self.roots) if self.roots else False


_viewer: ContextVar[_Viewer | None] = ContextVar("govportal_admin_viewer", default=None)


def _restricted(user) -> bool:
    return access.restricted_in_admin(user)


class AdminPageScopeMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _viewer.set(None)
        try:
            return self.get_response(request)
        finally:
            _viewer.reset(token)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if match is None or not match.route.startswith("admin/") or not _restricted(request.user):
            return None
        viewer = _Viewer(request.user)
        _viewer.set(viewer)
        subjects, browsed = [], []
        for name, value in view_kwargs.items():
            if name in SUBJECT_ARGS or (name == "pk" and match.namespace in SUBJECT_PK_NAMESPACES):
                subjects.append(value)
            elif name in BROWSE_ARGS or (name == "pk" and match.namespace in BROWSE_PK_NAMESPACES):
                browsed.append(value)
        if match.view_name in BROWSE_QUERY_VIEWS:
            browsed.extend(request.GET.getlist("id"))
        if match.view_name in MEDIA_QUERY_VIEWS:
            ids = _ids(request.GET.getlist("id"))
            kind = MEDIA_QUERY_VIEWS[match.view_name]
            if len(set(ids)) != media_visible_to(kind, request.user).filter(pk__in=ids).count():
                raise Http404
        if subjects or browsed:
            _check(viewer, subjects, browsed)
        return None


def _ids(values) -> list[int]:
    try:
        return [int(v) for v in values]
    except (TypeError, ValueError) as e:
        raise Http404 from e


def _check(viewer: _Viewer, subjects, browsed) -> None:
    subject_ids, browsed_ids = _ids(subjects), _ids(browsed)
    rows = dict(
        (pk, (path, live))
        for pk, path, live in Page.objects.filter(pk__in=subject_ids + browsed_ids).values_list("pk", "path", "live")
    )
    for pk in subject_ids:
        if pk in rows and not viewer.owns(rows[pk][0]):
            raise Http404
    for pk in browsed_ids:
        if pk in rows and not (rows[pk][1] or viewer.owns(rows[pk][0])):
            raise Http404


_wagtail_admin_display_title = Page.get_admin_display_title


def _admin_display_title(self):
    viewer = _viewer.get()
    if viewer is not None and self.path and not viewer.owns(self.path):
        return self.title
    return _wagtail_admin_display_title(self)


# Page subclasses that override the method call it through super() and keep the rule.
Page.get_admin_display_title = _admin_display_title
