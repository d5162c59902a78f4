"""Who is who, and the one scoped policy every area builds its rules on.

Every rule of who may see or do what lives in an ``access.py``: this module for the kernel
(who is the information office, which agency and which roles a user has, the agency
registry, the case kernel's screens, the outbox, the sign-in log, stored files) and
``<area>/access.py`` for each area, built on the helpers here. Nothing else in
``govportal/`` looks at ``is_superuser``, ``is_staff``, ``has_perm`` or compares a user's
agency — ``tests/test_architecture.py`` fails if it does.

The people:

- **The information office** (市信息办): superusers. They see and may do everything.
- **Staff of an agency**: ``User.agency``; their roles in it come from the agency's groups
  (`core.AgencyGroup`): 信息员 editor, 审核人 reviewer, 签发领导 leader. Areas add their own
  roles as Django permissions held through groups (a service-hall window clerk is the staff
  of the item's agency; a 监察 supervisor holds ``servicehall.supervise_servicehall``; a
  disclosure clerk ``disclosure.handle_request``) — ask them with `holds`.
- **Anyone else** sees nothing of the admin (a wrong guess is a 404, never a 403).

`ScopedPolicy` is the one implementation of Wagtail's permission-policy API for our models:
rows belong to an agency (through ``agency_path``); the users who see every row are given by
``sees_all`` (by default the information office); everybody else with an agency acts on
their agency's rows only; a model without an agency is the information office's alone.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.db.models import QuerySet

from wagtail.permission_policies.base import BasePermissionPolicy

from govportal.core.models import AgencyGroup

# --- who is who ----------------------------------------------------------------------------


def is_signed_in(user) -> bool:
    return bool(user is not None and getattr(user, "is_authenticated", False) and user.is_active)


def is_information_office(user) -> bool:
    """市信息办 — a superuser. Sees and may do everything."""
    return is_signed_in(user) and bool(user.is_superuser)


def agency_id_of(user) -> int | None:
    """The agency a member of staff belongs to (None for citizens, anonymous, unattached)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    return getattr(user, "agency_id", None)


def has_agency(user) -> bool:
    return is_signed_in(user) and agency_id_of(user) is not None


def belongs_to(user, agency_id: int | None) -> bool:
    """A member of staff of this agency (the information office is not, by this test)."""
    return agency_id is not None and agency_id_of(user) == agency_id


def office_or_member(user, agency_id: int | None) -> bool:
    """The information office, or a member of staff of this agency."""
    return is_information_office(user) or belongs_to(user, agency_id)


def holds(user, perm: str) -> bool:
    """A Django permission the user holds (through a group); superusers hold all."""
    return is_signed_in(user) and user.has_perm(perm)


def roles_in(user, agency_id: int | None) -> set[str]:
    """The user's roles (`core.Role` values) in this agency, through its groups."""
    if agency_id is None or not is_signed_in(user):
        return set()
    return set(
        AgencyGroup.objects.filter(agency_id=agency_id, group__in=user.groups.all()).values_list("role", flat=True)
    )


def role_agency_ids(user, roles: Iterable[str]) -> QuerySet:
    """Ids of the agencies in which the user has one of these roles (a values queryset)."""
    return AgencyGroup.objects.filter(group__user=user, role__in=list(roles)).values("agency_id")


def scope_to_agency(user, qs: QuerySet, path: str = "agency_id", *, sees_all: Callable | None = None) -> QuerySet:
    """The rows of `qs` this user may see: all for whoever `sees_all` (by default the
    information office), the user's agency's rows for its staff, none for anyone else."""
    if (sees_all or is_information_office)(user):
        return qs
    agency_id = agency_id_of(user)
    return qs.filter(**{path: agency_id}) if agency_id is not None and is_signed_in(user) else qs.none()


def agency_of(instance, path: str):
    obj = instance
    for part in path.split("__"):
        obj = getattr(obj, part)
        if obj is None:
            return None
    return obj


# --- the one permission policy ------------------------------------------------------------


class ScopedPolicy(BasePermissionPolicy):
    """Wagtail's permission-policy API over our access rules.

    - ``agency_path``: the ORM path from a row to its agency's id (``"agency_id"``,
      ``"item__agency_id"``); None = the model has no agency: only ``sees_all`` may use it.
    - ``sees_all(user)``: who sees and acts on every row (default: the information office).
    - ``actions``: the only actions anyone may take (e.g. ``{"view"}`` for a read-only
      screen); None = any.
    - ``instance_rule(user, action, instance)``: a further test on one row (a published
      form version cannot be changed).
    """

    def __init__(
        self,
        model,
        *,
        agency_path: str | None = None,
        sees_all: Callable[[object], bool] = is_information_office,
        actions: Iterable[str] | None = None,
        instance_rule: Callable[[object, str, object], bool] | None = None,
    ):
        super().__init__(model)
        self.agency_path = agency_path
        self.sees_all = sees_all
        self.actions = frozenset(actions) if actions is not None else None
        self.instance_rule = instance_rule

    # -- the user, any row
    def user_has_permission(self, user, action):
        if self.actions is not None and action not in self.actions:
            return False
        if not is_signed_in(user):
            return False
        return bool(self.sees_all(user)) or (self.agency_path is not None and agency_id_of(user) is not None)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, a) for a in actions)

    # -- one row
    def user_has_permission_for_instance(self, user, action, instance):
        if self.instance_rule is not None and not self.instance_rule(user, action, instance):
            return False
        if not self.user_has_permission(user, action):
            return False
        if self.sees_all(user):
            return True
        return agency_of(instance, self.agency_path) == agency_id_of(user)

    def instances_user_has_permission_for(self, user, action):
        qs = self.model._default_manager.all()
        if not self.user_has_permission(user, action):
            return qs.none()
        if self.agency_path is None:
            return qs if self.sees_all(user) else qs.none()
        return scope_to_agency(user, qs, self.agency_path, sees_all=self.sees_all)

    def instances_user_has_any_permission_for(self, user, actions):
        qs = self.model._default_manager.none()
        for action in actions:
            qs = qs | self.instances_user_has_permission_for(user, action)
        return qs

    # -- who (Wagtail asks this for notifications; the answer is an upper bound)
    def users_with_any_permission(self, actions):
        from django.contrib.auth import get_user_model

        users = get_user_model().objects.filter(is_active=True)
        if self.actions is not None and not set(actions) & self.actions:
            return users.none()
        return users if self.agency_path is not None else users.filter(is_superuser=True)


def information_office_only(model) -> ScopedPolicy:
    """The registry, mailboxes, synonyms …: the information office alone."""
    return ScopedPolicy(model)


# Kept for the areas that import it by this name.
InformationOfficeOnlyPolicy = information_office_only


def model_permission_holder(model, *codenames: str) -> Callable[[object], bool]:
    """Whoever holds one of the model's Django permissions (e.g. ``change``, ``view``)."""
    opts = model._meta

    def test(user) -> bool:
        return any(holds(user, f"{opts.app_label}.{c}_{opts.model_name}") for c in codenames)

    return test


def read_only(model) -> ScopedPolicy:
    """Cases, their events and the outbox: shown to whoever holds the model's ``change`` or
    ``view`` permission (the information office, supervisors); nobody adds, edits or deletes
    in the admin — every write goes through the actions."""
    return ScopedPolicy(model, sees_all=model_permission_holder(model, "change", "view"), actions={"view"})


# --- the kernel's own screens --------------------------------------------------------------


def may_open_admin(user) -> bool:
    """May open the admin: the information office, Django staff, and every agency editor,
    reviewer or clerk (Wagtail's ``access_admin`` through their group)."""
    if not is_signed_in(user):
        return False
    return user.is_superuser or user.is_staff or user.has_perm("wagtailadmin.access_admin")


def may_read_signin_log(user) -> bool:
    """登录日志: the information office only."""
    return is_information_office(user)


def is_demo_superuser(user) -> bool:
    """For the demo's account list: the account is the information office's."""
    return bool(getattr(user, "is_superuser", False))


def may_read_any_file(user) -> bool:
    """Stored files: the information office reads every file; others by the kind's rule."""
    return is_information_office(user)


def sees_cluster_wide(user) -> bool:
    """Screens about the whole cluster (page counts, every site): the information office."""
    return is_information_office(user)
