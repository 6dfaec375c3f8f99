"""What changed between two revisions of a briefing or update, in words an editor reads:
the "someone else saved this" message of the change form and the history pages."""

from django.utils import timezone

from .models import Briefing, Update

# Fields a reader or an editor would not call a change: derived or bookkeeping columns.
UNINTERESTING_FIELDS = ["body_html", "updated_at", "version", "edited_at", "import_digest"]


def changes_since(obj: Briefing | Update, loaded_version: int) -> list[str]:
    """Lines saying who changed what since ``loaded_version``, field by field, from the
    history: ‘Body (alice, 10:02): “…” → “…”’."""
    history = obj.history.filter(id=obj.pk)
    before = history.filter(version=loaded_version).order_by("-history_date").first()
    after = history.order_by("-history_date", "-history_id").first()
    if before is None or after is None or before.pk == after.pk:
        return []
    delta = after.diff_against(before, excluded_fields=UNINTERESTING_FIELDS)
    editors = sorted(
        {
            str(record.history_user or "the importer")
            for record in history.filter(version__gt=loaded_version).select_related("history_user")
        }
    )
    stamp = timezone.localtime(after.history_date).strftime("%H:%M")
    who = f"{', '.join(editors)}, {stamp}"
    return [
        f"{obj._meta.get_field(change.field).verbose_name.capitalize()} ({who}): "
        f"“{_short(change.old)}” → “{_short(change.new)}”"
        for change in delta.changes
    ]


def _short(value, limit=300) -> str:
    text = "" if value is None else str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"
