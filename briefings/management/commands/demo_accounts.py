"""Create the local demo accounts that ``make run`` prints: an admin, an editor and a
contributor, one for each role."""

import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import CommandError

from briefings.management.base import NewsroomCommand

# user name → (role group, superuser?)
DEMO_ACCOUNTS = {
    "admin": ("Admin", True),
    "editor": ("Editor", False),
    "contributor": ("Contributor", False),
}


class Command(NewsroomCommand):
    help = (
        "Create the local demo accounts (admin, editor, contributor), give each a fresh "
        "random password and print them. For a local demo only: never run this on a public "
        "server."
    )

    def handle(self, *args, **options):
        for username, (role, superuser) in DEMO_ACCOUNTS.items():
            try:
                group = Group.objects.get(name=role)
            except Group.DoesNotExist:
                raise CommandError(
                    f"The {role} role is missing: run `manage.py migrate` first."
                ) from None
            password = secrets.token_urlsafe(9)
            user, created = get_user_model().objects.get_or_create(username=username)
            user.is_staff = True
            user.is_superuser = superuser
            user.set_password(password)
            user.save()
            user.groups.set([group])
            verb = "Created" if created else "Reset"
            self.stdout.write(
                f"{verb} the demo {role.lower()} account — user: {username}  password: {password}"
            )
