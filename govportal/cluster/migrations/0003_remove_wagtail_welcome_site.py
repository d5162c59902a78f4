"""Remove the placeholder site and page that Wagtail's own migrations create: GovPortal's
sites are created through `cluster.actions.site_create` (the demo loader, or the admin)."""

from django.db import migrations


def remove_welcome(apps, schema_editor):
    Site = apps.get_model("wagtailcore", "Site")
    Page = apps.get_model("wagtailcore", "Page")
    ContentType = apps.get_model("contenttypes", "ContentType")
    page_type = ContentType.objects.filter(app_label="wagtailcore", model="page").first()
    if page_type is None:
        return
    for page in Page.objects.filter(depth=2, content_type=page_type, slug="home"):
        if Page.objects.filter(path__startswith=page.path, depth__gt=2).exists():
            continue
        Site.objects.filter(root_page=page).delete()
        page.delete()
        root = Page.objects.get(depth=1)
        root.numchild = Page.objects.filter(depth=2).count()
        root.save(update_fields=["numchild"])


class Migration(migrations.Migration):
    dependencies = [
        ("cluster", "0002_initial"),
        ("wagtailcore", "0002_initial_data"),
    ]

    operations = [migrations.RunPython(remove_welcome, migrations.RunPython.noop)]
