"""An address's personal data, exported (JSON on standard output) or erased."""

import json

from django.core.management.base import CommandError

from alerts import personal_data
from briefings.management.base import NewsroomCommand


class Command(NewsroomCommand):
    help = "Export (JSON) or erase everything stored about a subscriber's email address."

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument(
            "--erase", action="store_true", help="Delete the address and all that refers to it."
        )

    def handle(self, *, email, erase, **options):
        data = personal_data.export(email)
        if data is None:
            raise CommandError(f"No subscriber has the address {email}.")
        if erase:
            personal_data.erase(email)
            self.stdout.write(f"Erased {email}: {len(data['subscriptions'])} subscriptions.")
        else:
            self.stdout.write(json.dumps(data, indent=2))
