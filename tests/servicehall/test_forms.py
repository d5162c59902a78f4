"""Form versions: a published version is immutable (admin and actions), a new version is a
copy, and every application records the version it answered."""

from __future__ import annotations

import pytest

from govportal.core.errors import Conflict
from govportal.servicehall import actions
from govportal.servicehall.models import FormField, FormStatus, ServiceForm
from tests.servicehall.conftest import direct_submit, make_form, make_item

pytestmark = pytest.mark.django_db


def test_published_form_cannot_be_edited_in_the_admin(client, hall):
    client.force_login(hall["staff"]["lead"])
    form = hall["form"]
    url = f"/admin/snippets/servicehall/serviceform/edit/{form.pk}/"
    # Wagtail answers a permission denial with a redirect to the dashboard and a message.
    for response in (client.get(url), client.post(url, {"item": form.item_id, "intro": "改了"})):
        assert response.status_code == 302 and response["Location"] == "/admin/"
    form.refresh_from_db()
    assert form.intro == "请如实填写。"
    with pytest.raises(Conflict):
        actions.form_publish(form=form, actor=hall["staff"]["lead"])


def test_new_version_copies_the_fields_and_applications_keep_their_version(hall):
    item, v1 = hall["item"], hall["form"]
    first, _ = direct_submit(item)
    v2 = actions.form_new_version(item=item, actor=hall["staff"]["lead"])
    assert v2.version == 2 and v2.status == FormStatus.DRAFT
    assert [f.key for f in v2.fields.all()] == [f.key for f in v1.fields.all()]
    with pytest.raises(Conflict):
        actions.form_new_version(item=item, actor=None)
    FormField.objects.create(form=v2, key="staff_count", label="从业人员数", kind="number", required=False)
    actions.form_publish(form=v2, actor=hall["staff"]["lead"])
    v1.refresh_from_db()
    assert v1.status == FormStatus.RETIRED
    assert v1.fields.count() == 8 and v2.fields.count() == 9
    second, _ = direct_submit(item)
    first.refresh_from_db()
    assert first.form.version == 1 and second.form.version == 2


def test_a_draft_started_on_an_old_version_is_submitted_on_that_version(hall):
    item = hall["item"]
    draft = actions.application_save_draft(item=item, actor=None, data={"company": "好味"})
    v2 = actions.form_new_version(item=item, actor=None)
    actions.form_publish(form=v2, actor=None)
    app, _ = direct_submit(item)
    assert app.form == v2
    draft.refresh_from_db()
    assert draft.form == hall["form"]


def test_item_of_other_agency_is_404_in_the_admin(client, hall):
    other_item = make_item(hall["agencies"]["other"], code="EDU-8", name="教师资格认定")
    client.force_login(hall["staff"]["lead"])
    assert client.get(f"/admin/snippets/servicehall/serviceitem/edit/{other_item.pk}/").status_code == 404
    assert client.get(f"/admin/snippets/servicehall/serviceitem/edit/{hall['item'].pk}/").status_code == 200
    listing = client.get("/admin/snippets/servicehall/serviceitem/").content.decode()
    assert "食品经营许可" in listing and "教师资格认定" not in listing


def test_form_of_other_agency_is_not_listed_for_a_clerk(client, hall):
    other_item = make_item(hall["agencies"]["other"], code="EDU-9", name="教师资格认定")
    make_form(other_item)
    client.force_login(hall["staff"]["lead"])
    html = client.get("/admin/banshi/forms/").content.decode()
    assert "食品经营许可" in html and "教师资格认定" not in html
    other_form = ServiceForm.objects.get(item=other_item)
    assert client.post(f"/admin/banshi/forms/{other_form.pk}/new-version/").status_code == 404


def test_clerk_publishes_a_draft_version_in_the_admin(client, hall):
    client.force_login(hall["staff"]["lead"])
    response = client.post(f"/admin/banshi/forms/{hall['form'].pk}/new-version/")
    assert response.status_code == 302
    v2 = ServiceForm.objects.get(item=hall["item"], version=2)
    assert client.get(f"/admin/snippets/servicehall/serviceform/edit/{v2.pk}/").status_code == 200
    assert client.post(f"/admin/banshi/forms/{v2.pk}/publish/").status_code == 302
    v2.refresh_from_db()
    assert v2.status == FormStatus.PUBLISHED
