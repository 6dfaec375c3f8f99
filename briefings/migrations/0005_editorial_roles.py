"""The newsroom's roles as groups: Contributor, Editor and Admin.

Permissions are created after all migrations have run (a post_migrate signal), so this
migration creates them first. The lists are frozen here; change a role in a new migration.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CONTRIBUTOR = [
    # Drafts of their own updates (the admin narrows change_update to own drafts), with
    # the citations, mentions and quotes they carry; everything else read-only.
    "view_briefing",
    "view_update",
    "add_update",
    "change_update",
    "view_source",
    "view_actor",
    "view_correction",
    *(f"{verb}_{model}" for model in ["citation", "mention", "quote"]
      for verb in ["add", "change", "delete", "view"]),
]  # fmt: skip
# Editors may do everything with briefings' content except delete a whole briefing.
EDITOR_EXCLUDES = ["delete_briefing"]


def create_roles(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    contributor, _ = Group.objects.get_or_create(name="Contributor")
    contributor.permissions.set(
        Permission.objects.filter(content_type__app_label="briefings", codename__in=CONTRIBUTOR)
    )
    editor, _ = Group.objects.get_or_create(name="Editor")
    editor.permissions.set(
        Permission.objects.filter(content_type__app_label__in=["briefings", "taggit"]).exclude(
            codename__in=EDITOR_EXCLUDES
        )
    )
    admin, _ = Group.objects.get_or_create(name="Admin")
    admin.permissions.set(Permission.objects.all())


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(
        name__in=["Contributor", "Editor", "Admin"]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
        ("briefings", "0004_editorial_workflow"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
