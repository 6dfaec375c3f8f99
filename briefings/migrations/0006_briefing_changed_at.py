"""Briefing.changed_at: when anything readers see of a briefing last changed, stored, so the
sitemap dates briefings without reading their updates. Filled from the updates once."""

from django.db import migrations, models
from django.db.models import Max, OuterRef, Subquery
from django.db.models.functions import Coalesce, Greatest


def fill(apps, schema_editor):
    Briefing = apps.get_model("briefings", "Briefing")
    Update = apps.get_model("briefings", "Update")
    latest = (
        Update.objects.filter(briefing=OuterRef("pk"))
        .order_by()
        .values("briefing")
        .annotate(at=Max("updated_at"))
        .values("at")
    )
    Briefing.objects.update(
        changed_at=Greatest("updated_at", Coalesce(Subquery(latest), "updated_at"))
    )


class Migration(migrations.Migration):
    dependencies = [("briefings", "0005_editorial_roles")]

    operations = [
        migrations.AddField(
            model_name="briefing",
            name="changed_at",
            field=models.DateTimeField(blank=True, db_index=True, editable=False, null=True),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop, elidable=True),
    ]
