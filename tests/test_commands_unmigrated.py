"""Every command of the project's own apps, run on a database nobody has migrated, stops with
one line that says to run migrate: no traceback. The commands are read from Django's own
registry, so a new command is checked (or must say here why it needs no tables)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import get_commands

ROOT = Path(__file__).resolve().parents[1]
OURS = ("briefings", "alerts", "images", "embeds", "api")

# Commands that work without the project's tables, and why.
NEED_NO_TABLES = {
    "backup_database": "copies whatever the database holds, set up or not",
    "restore_database": "is how an empty database gets its tables and rows back",
}
# Arguments a command needs before it gets to the database.
ARGUMENTS = {
    "import_briefings": ["fixtures"],
    "score_import": ["tests/importing/corpus/tune"],
    "export_newsroom": ["/dev/null"],
    "import_newsroom": ["/dev/null"],
    "subscriber_data": ["reader@example.org"],
}


def ours() -> list[str]:
    return sorted(name for name, app in get_commands().items() if app in OURS)


def test_the_commands_are_found():
    assert {"import_briefings", "score_import", "worker", "demo_content"} <= set(ours())


@pytest.mark.parametrize("name", [n for n in ours() if n not in NEED_NO_TABLES])
def test_a_command_on_an_unmigrated_database_says_to_migrate(name, tmp_path):
    environment = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'empty.sqlite3'}"}
    process = subprocess.run(  # noqa: S603 - our own manage.py, our own arguments
        [sys.executable, "manage.py", name, *ARGUMENTS.get(name, [])],
        cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert process.returncode == 1, (process.stdout, process.stderr)
    assert "Traceback" not in process.stderr, process.stderr
    assert "run `python manage.py migrate` first" in process.stderr, process.stderr
