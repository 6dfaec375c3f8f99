"""The roles (briefings migration 0005) on images: contributors upload images and put them in
their drafts' galleries; editors and admins do everything with images."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CONTRIBUTOR = [
    "add_image", "view_image",
    *(f"{verb}_updateimage" for verb in ["add", "change", "delete", "view"]),
    "view_leadimage",
]  # fmt: skip


def grant(apps, schema_editor):
    app_config = apps.get_app_config("images")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ours = Permission.objects.filter(content_type__app_label="images")
    for group in Group.objects.filter(name="Contributor"):
        group.permissions.add(*ours.filter(codename__in=CONTRIBUTOR))
    for group in Group.objects.filter(name__in=["Editor", "Admin"]):
        group.permissions.add(*ours)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ours = Permission.objects.filter(content_type__app_label="images")
    for group in Group.objects.filter(name__in=["Contributor", "Editor", "Admin"]):
        group.permissions.remove(*ours)


class Migration(migrations.Migration):
    dependencies = [
        ("images", "0001_initial"),
        ("briefings", "0005_editorial_roles"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
