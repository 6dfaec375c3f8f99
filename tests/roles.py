"""Users in the newsroom's roles (the groups the 0005 migration creates)."""

from importlib import import_module

from django.apps import apps
from django.contrib.auth.models import Group

from .factories import UserFactory

ROLES = ["Contributor", "Editor", "Admin"]
_roles_migration = import_module("briefings.migrations.0005_editorial_roles")


def role_user(role: str, username: str | None = None):
    """A staff user whose only rights come from ``role``'s group."""
    if not Group.objects.filter(name=role).exists():
        # A transactional test flushed the tables since the migration made the groups.
        _roles_migration.create_roles(apps, None)
    user = UserFactory(username=username or role.lower(), is_superuser=False)
    user.groups.set([Group.objects.get(name=role)])
    return user
