"""Create the local demo editor account that ``make run`` prints."""

import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

DEMO_USERNAME = "editor"


class Command(BaseCommand):
    help = (
        "Create the local demo editor account, give it a fresh random password and print it. "
        "For a local demo only: never run this on a public server."
    )

    def handle(self, *args, **options):
        password = secrets.token_urlsafe(9)
        user, created = get_user_model().objects.get_or_create(username=DEMO_USERNAME)
        user.is_staff = user.is_superuser = True
        user.set_password(password)
        user.save()
        verb = "Created" if created else "Reset"
        self.stdout.write(
            f"{verb} the demo editor account — user: {DEMO_USERNAME}  password: {password}"
        )
