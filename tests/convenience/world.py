"""The data of 便民服务's tests (旅游文化 and the directory), made through the models and
actions on top of the `cluster` fixture; shared by the HTTP tests and the browser journey."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from wagtail.images import get_image_model

from govportal.cluster.permissions import agency_collection, agency_groups
from govportal.convenience import actions
from govportal.convenience.models import (
    DirectoryCategory,
    DirectoryEntry,
    FoodPage,
    HeritagePage,
    ScenicSpotPage,
    TourismEventPage,
    TourismImage,
    TourismIndexPage,
    TourismRoutePage,
)
from govportal.core.models import Agency, AgencyKind, Role, User


def staff(agency: Agency, role: str, username: str) -> User:
    # No password: hashing one is slow; tests log in with force_login.
    user = User(username=username, agency=agency, last_name=agency.short_name, first_name=str(Role(role).label))
    user.set_unusable_password()
    user.save()
    user.groups.add(agency_groups(agency)[role])
    return user


def image(agency: Agency, title: str):
    from wagtail.images.tests.utils import get_test_image_file

    img = get_image_model()(title=title, file=get_test_image_file(), collection=agency_collection(agency))
    img._set_image_file_metadata()
    img.save()
    return img


def build(cluster: dict, *, today: date, tourism: bool = True) -> dict:
    """A culture and tourism bureau maintaining 旅游文化 under the portal with one page of
    each kind (unless ``tourism`` is false: the directory's tests need no pages), a second
    township, and directory entries of two agencies."""
    city, town = cluster["agencies"]["city"], cluster["agencies"]["town"]
    bureau = Agency.objects.create(
        code="D0009", name="示例市文化旅游广电局", short_name="文旅广电局", kind=AgencyKind.DEPARTMENT
    )
    health = Agency.objects.create(
        code="D0010", name="示例市卫生健康委员会", short_name="卫健委", kind=AgencyKind.DEPARTMENT
    )
    town2 = Agency.objects.create(
        code="X0002", name="示例市白沙镇人民政府", short_name="白沙镇", kind=AgencyKind.TOWNSHIP
    )
    index, pages = _tourism(cluster, bureau, today) if tourism else (None, {})
    entries = _entries(bureau, health, town, town2)
    hidden = DirectoryEntry.objects.create(
        agency=bureau,
        category=DirectoryCategory.HOTEL,
        name="停业酒店",
        township=town,
        address="示例市青山镇某路",
        is_published=False,
    )
    return {
        "city": city,
        "town": town,
        "town2": town2,
        "bureau": bureau,
        "health": health,
        "index": index,
        "pages": pages,
        "entries": entries,
        "hidden": hidden,
    }


def _tourism(cluster, bureau, today):
    index = TourismIndexPage(title="旅游文化", slug="lywh", intro="<p>山水茶乡。</p>")
    cluster["homes"]["city"].add_child(instance=index)
    index.maintainers.set([bureau])
    index.save_revision().publish()
    actions.tourism_maintainers_sync(index=index, actor=None)
    pic = image(bureau, "茶园")
    pages = {}
    common = {"opening_hours": "8:00-18:00", "tickets": "成人40元", "address": "青山镇东坪村", "transport": "公交12路"}
    for key, model, title, extra in (
        ("spot", ScenicSpotPage, "青山云雾茶园", {"level": "国家AAAA级旅游景区"}),
        ("heritage", HeritagePage, "东城剪纸", {"heritage_level": "省级非物质文化遗产"}),
        (
            "event",
            TourismEventPage,
            "春茶开采节",
            {"start_date": today.replace(day=10), "end_date": today.replace(day=11)},
        ),
        ("route", TourismRoutePage, "茶香一日游", {"duration": "一日游", "itinerary": "茶园采茶\n温泉泡汤"}),
        ("food", FoodPage, "白沙小龙虾", {"where_to_eat": "白沙镇集镇中心街"}),
    ):
        page = model(
            title=title, summary=f"{title}简介", latitude=Decimal("28.3"), longitude=Decimal("112.9"), **common, **extra
        )
        page.gallery.add(TourismImage(image=pic, alt_text=f"{title}的照片", caption="图片说明"))
        index.add_child(instance=page)
        page.save_revision().publish()
        pages[key] = page
    return index, pages


def _entries(bureau, health, town, town2):
    entries = {}
    for key, agency, category, name, township, lat, lng, phone in (
        ("hotel", bureau, DirectoryCategory.HOTEL, "青山宾馆", town, "28.300100", "112.860200", "0731-82262888"),
        ("hotel2", bureau, DirectoryCategory.HOTEL, "白沙渔家客栈", town2, "28.118000", "113.046000", "13807312266"),
        ("food", bureau, DirectoryCategory.RESTAURANT, "老街米粉店", town, "28.301000", "112.861000", "0731-82236612"),
        ("hospital", health, DirectoryCategory.HOSPITAL, "白沙镇卫生院", town2, None, None, "0731-82272120"),
    ):
        entries[key] = DirectoryEntry.objects.create(
            agency=agency,
            category=category,
            name=name,
            township=township,
            address=f"示例市{township.short_name}{name}路1号",
            phone=phone,
            hours="8:00-22:00",
            services="住宿、餐饮",
            latitude=Decimal(lat) if lat else None,
            longitude=Decimal(lng) if lng else None,
        )
    return entries
