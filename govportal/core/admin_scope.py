"""Agency scoping of Wagtail admin viewsets: another agency's row is a 404 on every screen.

Wagtail's model and snippet viewsets have many screens per object — edit, delete, copy,
inspect, history, usage, revisions, preview, lock, the chooser's "chosen" — and new
Wagtail versions add more. Scoping them one view class at a time misses the ones nobody
thought of (history and usage showed another agency's unpublished FAQ question). So the
scoping is done where every screen passes: each URL pattern of the viewset that names an
object (``pk``) is wrapped, and the object must be among the rows the model's registered
permission policy gives the user (``instances_user_has_permission_for(user, "change")``);
if not, the answer is 404 before the view runs. The listings and choosers are narrowed to
the same rows.

Use `AgencyScopedViewSetMixin` on a ``ModelViewSet`` or ``SnippetViewSet`` whose model has
an agency-aware permission policy registered; a snippet viewset gets a scoped chooser too.
"""

from __future__ import annotations

from functools import wraps

from django.contrib.admin.utils import unquote
from django.http import Http404
from django.urls import URLPattern

from wagtail.permissions import policy_registry


def scoped_queryset(model, user):
    """The rows of `model` this user may work on, by the model's registered permission policy."""
    return policy_registry.get_by_type(model).instances_user_has_permission_for(user, "change")


def _object_arg(pattern: URLPattern) -> str | None:
    names = getattr(pattern.pattern, "converters", None) or pattern.pattern.regex.groupindex
    return "pk" if "pk" in names else None


def guard_pattern(pattern, model):
    """`pattern` with its view answering 404 for an object outside the user's scope."""
    if not isinstance(pattern, URLPattern) or _object_arg(pattern) is None:
        return pattern
    view = pattern.callback

    @wraps(view)
    def guarded(request, *args, **kwargs):
        pk = unquote(str(kwargs["pk"]))
        try:
            visible = scoped_queryset(model, request.user).filter(pk=pk).exists()
        except (ValueError, TypeError):
            visible = False
        if not visible:
            raise Http404
        return view(request, *args, **kwargs)

    return URLPattern(pattern.pattern, guarded, pattern.default_args, pattern.name)


class _ScopedChooserViews:
    """Chooser views listing and returning only the user's rows."""

    def get_object_list(self):
        return scoped_queryset(self.model_class, self.request.user)

    def get_objects(self, pks):
        return scoped_queryset(self.model_class, self.request.user).filter(pk__in=pks)

    def get_object(self, pk):
        return scoped_queryset(self.model_class, self.request.user).get(pk=pk)


def scoped_chooser_viewset_class(base):
    """A chooser viewset class like `base` whose every view sees only the user's rows."""

    def scoped(view_class):
        return type(f"Scoped{view_class.__name__}", (_ScopedChooserViews, view_class), {})

    class ScopedChooserViewSet(base):
        choose_view_class = scoped(base.choose_view_class)
        choose_results_view_class = scoped(base.choose_results_view_class)
        chosen_view_class = scoped(base.chosen_view_class)
        chosen_multiple_view_class = scoped(base.chosen_multiple_view_class)

        def get_urlpatterns(self):
            return [guard_pattern(p, self.model) for p in super().get_urlpatterns()]

    return ScopedChooserViewSet


class AgencyScopedViewSetMixin:
    """Every object screen of the viewset answers 404 for another agency's row; the listing
    shows the user's rows only; a snippet viewset's chooser likewise."""

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        base = getattr(cls, "chooser_viewset_class", None)
        if base is not None and not getattr(base, "_agency_scoped", False):
            cls.chooser_viewset_class = scoped_chooser_viewset_class(base)
            cls.chooser_viewset_class._agency_scoped = True

    def get_queryset(self, request):
        return scoped_queryset(self.model, request.user)

    def get_urlpatterns(self):
        return [guard_pattern(p, self.model) for p in super().get_urlpatterns()]
