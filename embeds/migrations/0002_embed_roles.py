"""The roles (briefings migration 0005) on embedded posts: contributors add and correct the
cards of their drafts, as they do citations; editors and admins do everything."""

from django.contrib.auth.management import create_permissions
from django.db import migrations


def grant(apps, schema_editor):
    app_config = apps.get_app_config("embeds")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ours = Permission.objects.filter(content_type__app_label="embeds")
    for group in Group.objects.filter(name__in=["Contributor", "Editor", "Admin"]):
        group.permissions.add(*ours)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ours = Permission.objects.filter(content_type__app_label="embeds")
    for group in Group.objects.filter(name__in=["Contributor", "Editor", "Admin"]):
        group.permissions.remove(*ours)


class Migration(migrations.Migration):
    dependencies = [
        ("embeds", "0001_initial"),
        ("briefings", "0005_editorial_roles"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
