"""Shared fixtures: a small cluster built through the real actions (not hand-made rows)."""

from __future__ import annotations

from django.utils import timezone

import pytest

from govportal.cluster import actions
from govportal.cluster.models import ArticlePage, ColumnPage, SiteHomePage, SiteKind
from govportal.core.models import Agency, AgencyKind, Role, User


@pytest.fixture(autouse=True)
def _fresh_process_memory():
    """Process-local copies (the mailboxes, which tracking-number shards are full) from a
    previous test's rolled-back rows must not answer this test."""
    from govportal.core.cases.actions import forget_full_shards
    from govportal.interaction.selectors import forget_mailboxes

    forget_mailboxes()
    forget_full_shards()
    yield
    forget_mailboxes()
    forget_full_shards()


@pytest.fixture(autouse=True)
def _permissions_after_a_flush(request):
    """A transactional test empties the database when it ends, and one restored from its
    serialized copy came back here without the rows that post-migrate makes (content types,
    permissions — Wagtail's "access admin", the areas' own). When they are missing, make
    them again as migrate does (a handful of transactional tests, each with a live server
    or threads)."""
    marker = request.node.get_closest_marker("django_db")
    transactional = bool(
        {"transactional_db", "live_server"} & set(request.fixturenames)
        or (marker is not None and (marker.kwargs.get("transaction") or (marker.args and marker.args[0])))
    )
    if not transactional:
        return
    from django.apps import apps
    from django.contrib.auth.management import create_permissions
    from django.contrib.auth.models import Permission
    from django.contrib.contenttypes.models import ContentType
    from django.db import IntegrityError

    request.getfixturevalue("transactional_db")
    if Permission.objects.filter(content_type__app_label="wagtailadmin", codename="access_admin").exists():
        return  # nothing missing
    ContentType.objects.clear_cache()
    for app_config in apps.get_app_configs():
        try:
            create_permissions(app_config, verbosity=0)
        except IntegrityError:  # a content type the cache did not know of: look again
            ContentType.objects.clear_cache()
            create_permissions(app_config, verbosity=0)


@pytest.fixture(autouse=True)
def _fresh_abuse_counters():
    """Every test starts with an empty cache, as on the in-process cache of the SQLite stage:
    rate-limit counters must not count one test's submissions against the next, and cached
    reads (site roots, area links) left by an earlier test changed another's query counts on
    Redis (CI's PostgreSQL stage). On Redis only this worker's keys go (its key prefix)."""
    from django.core.cache import cache

    if hasattr(cache, "delete_pattern"):  # django-redis: KEY_PREFIX is per xdist worker
        cache.delete_pattern("*")
    else:
        cache.clear()


@pytest.fixture
def gateway(settings):
    """The SMS gateway, mocked (the one thing tests may mock): `tests.sms.Gateway`."""
    from tests.sms import Gateway

    settings.GOVPORTAL_SMS_BACKEND = "tests.sms.Gateway"
    Gateway.sent = []
    return Gateway


@pytest.fixture
def make_agency(db):
    counter = {"n": 0}

    def make(kind=AgencyKind.DEPARTMENT, name=None, short_name=None, parent=None, **fields) -> Agency:
        counter["n"] += 1
        n = counter["n"]
        return Agency.objects.create(
            code=fields.pop("code", f"T{n:04d}"),
            name=name or f"测试单位{n}",
            short_name=short_name or f"单位{n}",
            kind=kind,
            parent=parent,
            **fields,
        )

    return make


def ensure_wagtail_base() -> None:
    """Recreate the rows Wagtail's data migrations made (default locale, root page, root
    collection) when a transactional test's flush has wiped them. pytest-django runs
    transactional tests last, so only those (the browser tests, concurrency tests) need it."""
    from django.conf import settings
    from django.contrib.contenttypes.models import ContentType

    from wagtail.coreutils import get_supported_content_language_variant
    from wagtail.models import Collection, Locale, Page

    ContentType.objects.clear_cache()
    Locale.objects.get_or_create(language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE))
    if not Page.objects.filter(depth=1).exists():
        Page.add_root(instance=Page(title="Root", slug="root"))
    if not Collection.objects.filter(depth=1).exists():
        Collection.add_root(name="Root")


def _new_agency(kind, *, name: str, short_name: str, code: str, parent=None) -> Agency:
    return Agency.objects.create(code=code, name=name, short_name=short_name, kind=kind, parent=parent)


def build_cluster() -> dict:
    """City portal (localhost), a department site with its own hostname, a township sub-site
    with one village page — each with its agency's column set and groups, made through the
    real actions."""
    ensure_wagtail_base()
    city = _new_agency(AgencyKind.CITY_GOVERNMENT, name="示例市人民政府", short_name="市政府", code="C0001")
    edu = _new_agency(AgencyKind.DEPARTMENT, name="示例市教育局", short_name="教育局", code="D0001")
    town = _new_agency(AgencyKind.TOWNSHIP, name="示例市青山镇人民政府", short_name="青山镇", code="X0001")
    village = _new_agency(AgencyKind.VILLAGE, name="青山镇东坪村", short_name="东坪村", parent=town, code="V0001")
    portal = actions.site_create(
        actor=None,
        agency=city,
        kind=SiteKind.PORTAL,
        title="示例市人民政府",
        slug="portal",
        hostname="localhost",
        site_code="4301000001",
        icp_record="湘ICP备00000001号",
        psb_record="湘公网安备 43010002000001号",
        conac_code="0A5FBD1E54BB4B57E05310291AAC9D05",
    )
    edu_home = actions.site_create(
        actor=None,
        agency=edu,
        kind=SiteKind.DEPARTMENT,
        title="示例市教育局",
        slug="jyj",
        hostname="jyj.localhost",
        site_code="4301000002",
    )
    town_home = actions.site_create(
        actor=None, agency=town, kind=SiteKind.TOWNSHIP, title="青山镇", slug="qsz", parent=portal
    )
    village_home = actions.site_create(
        actor=None, agency=village, kind=SiteKind.VILLAGE, title="东坪村", slug="dpc", parent=town_home
    )
    return {
        "agencies": {"city": city, "edu": edu, "town": town, "village": village},
        "homes": {"city": portal, "edu": edu_home, "town": town_home, "village": village_home},
    }


def _is_transactional(request) -> bool:
    marker = request.node.get_closest_marker("django_db")
    return bool(
        {"transactional_db", "live_server"} & set(request.fixturenames)
        or (marker is not None and (marker.kwargs.get("transaction") or (marker.args and marker.args[0])))
    )


@pytest.fixture(scope="module")
def _cluster_once(request, django_db_setup, django_db_blocker):
    """The cluster, built once per test module (per xdist worker) inside an outer
    transaction that every test of the module runs nested in (each test's own transaction is
    a savepoint, rolled back after it) and that is rolled back when the module is done — as
    Django's ``TestCase.setUpTestData`` does per class. Building it costs ~2,400 queries; 270
    tests ask for it. A module that needs a fresh tree per test sets ``CLUSTER_PER_TEST =
    True``; transactional tests always get their own."""
    plain = [
        item
        for item in request.session.items
        if item.module is request.module and _uses_db(item) and not _is_transactional_item(item)
    ]
    # Shared only where every plain database test of the module asks for the cluster: no test
    # may find rows it did not ask for.
    if (
        getattr(request.module, "CLUSTER_PER_TEST", False)
        or not plain
        or any("cluster" not in i.fixturenames for i in plain)
    ):
        yield None
        return
    from django.db import transaction

    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer._from_testcase = True  # durable blocks inside the tests stay allowed, as in TestCase
        outer.__enter__()
        _OUTER.append(outer)
        try:
            built = build_cluster()
        except BaseException:
            _close_outer()
            raise
    try:
        yield {
            "agencies": {k: v.pk for k, v in built["agencies"].items()},
            "homes": {k: v.pk for k, v in built["homes"].items()},
        }
    finally:
        with django_db_blocker.unblock():
            _close_outer()


_OUTER: list = []


def _close_outer() -> None:
    from django.db import transaction

    while _OUTER:
        outer = _OUTER.pop()
        transaction.set_rollback(True)
        outer.__exit__(None, None, None)


def pytest_collection_modifyitems(config, items):
    """The tests marked ``long`` (minutes each) go first among the transactional tests. This hook
    runs after pytest-django's sort (plain database tests, then transactional ones), and xdist
    hands tests out in this order: the longest test last kept one worker busy alone at the end
    of the run while the other idled."""
    long_ones = [item for item in items if item.get_closest_marker("long") and _is_transactional_item(item)]
    if not long_ones:
        return
    moved = {id(item) for item in long_ones}
    rest = [item for item in items if id(item) not in moved]
    at = next((n for n, item in enumerate(rest) if _is_transactional_item(item)), len(rest))
    items[:] = rest[:at] + long_ones + rest[at:]


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    """A transactional test must see the database as committed: if a module's shared
    cluster transaction is still open (its last plain test ran just before), roll it back
    before any fixture of the test is set up — pytest-django runs transactional tests after
    the plain ones, so no test of that module needs it any more."""
    if _OUTER and _is_transactional_item(item):
        from pytest_django.plugin import blocking_manager_key

        with item.config.stash[blocking_manager_key].unblock():
            _close_outer()


@pytest.fixture(scope="session", autouse=True)
def _restore_into_empty_tables():
    """A serialized-rollback test restores the database from its serialized copy, which
    needs empty tables. The previous transactional test flushed them at its end, but rows
    can come back before the restore (a live server answering a request the browser had
    begun; a content type made on the way), and the restore then fails on a duplicate. So
    every restore empties the tables first, right before it writes."""
    from django.db.backends.base.creation import BaseDatabaseCreation

    original = BaseDatabaseCreation.deserialize_db_from_string

    def deserialize(self, data):
        import json

        from django.contrib.contenttypes.models import ContentType

        _empty_tables(self.connection.alias)
        # Content types first: making a Wagtail task instance (GroupApprovalTask.__init__)
        # looks its content type up, and with the cache empty and the row not yet restored it
        # made a new one — the restored row then collided with it.
        ContentType.objects.clear_cache()
        rows = json.loads(data)
        kinds = [r for r in rows if r["model"] == "contenttypes.contenttype"]
        original(self, json.dumps(kinds))
        ContentType.objects.clear_cache()
        return original(self, json.dumps([r for r in rows if r["model"] != "contenttypes.contenttype"]))

    BaseDatabaseCreation.deserialize_db_from_string = deserialize
    yield
    BaseDatabaseCreation.deserialize_db_from_string = original


def _empty_tables(alias: str) -> None:
    """Flush as TransactionTestCase's own flush does: the sequences keep counting (the restore
    writes the rows with their old keys; a sequence back at 1 would hand those keys out
    again), no post-migrate rows."""
    from django.core.management import call_command

    call_command(
        "flush",
        database=alias,
        verbosity=0,
        interactive=False,
        inhibit_post_migrate=True,
        allow_cascade=True,
        reset_sequences=False,
    )


def _uses_db(item) -> bool:
    return "db" in getattr(item, "fixturenames", ()) or item.get_closest_marker("django_db") is not None


def _is_transactional_item(item) -> bool:
    marker = item.get_closest_marker("django_db")
    return bool(
        {"transactional_db", "live_server"} & set(getattr(item, "fixturenames", ()))
        or (marker is not None and (marker.kwargs.get("transaction") or (marker.args and marker.args[0])))
    )


@pytest.fixture
def cluster(request, _cluster_once, db):
    """The small cluster of `build_cluster`, as fresh Python objects for each test (a test may
    change them; its changes to the rows are rolled back after it)."""
    if _cluster_once is None or _is_transactional(request):
        return build_cluster()
    return {
        "agencies": {k: Agency.objects.get(pk=pk) for k, pk in _cluster_once["agencies"].items()},
        "homes": {k: SiteHomePage.objects.get(pk=pk) for k, pk in _cluster_once["homes"].items()},
    }


def column(home: SiteHomePage, slug: str) -> ColumnPage:
    return ColumnPage.objects.child_of(home).get(slug=slug).specific


def publish_article(col: ColumnPage, title: str, *, body: str = "<p>正文内容。</p>", **fields) -> ArticlePage:
    article = ArticlePage(title=title, body=body, **fields)
    col.add_child(instance=article)
    article.save_revision().publish()
    article.refresh_from_db()
    return article


def draft_article(col: ColumnPage, title: str, *, owner=None) -> ArticlePage:
    article = ArticlePage(title=title, body="<p>草稿正文。</p>", live=False, owner=owner)
    col.add_child(instance=article)
    article.save_revision(user=owner)
    return article


@pytest.fixture
def make_staff(db):
    def make(agency: Agency, role: str = Role.EDITOR, username: str | None = None) -> User:
        from govportal.cluster.permissions import agency_groups

        user = User.objects.create_user(
            username=username or f"{agency.code.lower()}_{role}",
            password="demo-pass-123",
            agency=agency,
            last_name=agency.short_name,
            first_name=str(Role(role).label),
        )
        user.groups.add(agency_groups(agency)[role])
        return user

    return make


@pytest.fixture
def now():
    return timezone.now()


# --- pre-rendered files (tests/prerender, and the areas whose pages are stored) -----


@pytest.fixture
def prerender_dir(settings, tmp_path):
    settings.PRERENDER_DIR = str(tmp_path / "prerender")
    return tmp_path / "prerender"


@pytest.fixture
def purged(prerender_dir, monkeypatch):
    """Entries purged, as (host, path, name) tuples, collected per commit."""
    from govportal.prerender import store

    seen: list[set] = []
    real = store.purge

    def spy(entries):
        entries = list(entries)
        seen.append({(e.host, e.path, e.name) for e in entries})
        return real(entries)

    monkeypatch.setattr(store, "purge", spy)
    return seen


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """Run a block's commit hooks, as the end of a real request's transaction does."""

    def run(fn, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return fn(*args, **kwargs)

    return run


# --- stored files (govportal/core/files) -------------------------------------------------


@pytest.fixture
def file_roots(settings, tmp_path):
    """Public media and the private store in this test's own folders."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.PRIVATE_MEDIA_ROOT = str(tmp_path / "private")
    return {"media": tmp_path / "media", "private": tmp_path / "private"}


def files_under(root) -> list:
    from pathlib import Path

    root = Path(root)
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()) if root.exists() else []
