"""Each agency's private collection (未公开材料) for unpublished images and documents, for
agencies created before it existed (new ones get it from `agency_permissions_sync`).
Collections are a treebeard tree: the real model adds the child (historical models have no
tree methods); the restriction's groups are the agency's role groups."""

from django.db import migrations

PRIVATE = "未公开材料"


def forward(apps, schema_editor):
    from wagtail.models import BaseViewRestriction, Collection, CollectionViewRestriction

    Agency = apps.get_model("core", "Agency")
    AgencyGroup = apps.get_model("core", "AgencyGroup")
    root = Collection.get_first_root_node()
    if root is None:
        return
    for agency in Agency.objects.order_by("pk"):
        parent = root.get_children().filter(name=f"{agency.short_name}（{agency.code}）").first()
        group_ids = list(AgencyGroup.objects.filter(agency=agency).values_list("group_id", flat=True))
        if parent is None or not group_ids:
            continue  # no collection yet: agency_permissions_sync makes both when it runs
        private = parent.get_children().filter(name=PRIVATE).first() or parent.add_child(name=PRIVATE)
        restriction = CollectionViewRestriction.objects.filter(collection=private).first()
        if restriction is None:
            restriction = CollectionViewRestriction.objects.create(
                collection=private, restriction_type=BaseViewRestriction.GROUPS
            )
        restriction.groups.add(*group_ids)


class Migration(migrations.Migration):
    dependencies = [
        ("cluster", "0004_remove_wagtail_default_groups"),
        ("core", "0008_stored_files"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
