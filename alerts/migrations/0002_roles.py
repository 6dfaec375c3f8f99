"""What the newsroom's roles may do here: editors send newsletters and read the delivery
logs and subscriber list; admins also register webhooks. Contributors get nothing.

Frozen lists, as in briefings' 0005 migration; change a role in a new migration.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITOR = [
    "view_message",
    "add_message",
    "change_message",
    "send_newsletter",
    "view_subscriber",
    "view_emaildelivery",
    "view_webhookdelivery",
]


def grant(apps, schema_editor):
    alerts = apps.get_app_config("alerts")
    alerts.models_module = True
    create_permissions(alerts, apps=apps, verbosity=0)
    alerts.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ours = Permission.objects.filter(content_type__app_label="alerts")
    for group in Group.objects.filter(name="Editor"):
        group.permissions.add(*ours.filter(codename__in=EDITOR))
    for group in Group.objects.filter(name="Admin"):
        group.permissions.add(*ours)


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    for group in apps.get_model("auth", "Group").objects.filter(name__in=["Editor", "Admin"]):
        group.permissions.remove(*Permission.objects.filter(content_type__app_label="alerts"))


class Migration(migrations.Migration):
    dependencies = [
        ("alerts", "0001_initial"),
        ("briefings", "0005_editorial_roles"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
