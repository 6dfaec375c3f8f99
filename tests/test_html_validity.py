"""Every public page type is valid HTML: the Nu HTML Checker (vnu.jar, from package.json)
reports no errors. Run once on all pages, since starting the JVM costs two seconds."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from .conftest import require_service
from .public_pages import NOT_FOUND_PATH, build_demo_content

VNU_JAR = Path(__file__).resolve().parent.parent / "node_modules/vnu-jar/build/dist/vnu.jar"


@pytest.mark.django_db
def test_every_public_page_is_valid_html(client, tmp_path):
    java = shutil.which("java")
    if not java or not VNU_JAR.exists():
        require_service("the Nu HTML Checker: java and node_modules/vnu-jar (npm ci)")
    files = {}
    for name, path in build_demo_content().items():
        response = client.get(path)
        assert response.status_code == (404 if path == NOT_FOUND_PATH else 200), name
        file = tmp_path / (name.replace(" ", "-").replace("(", "").replace(")", "") + ".html")
        file.write_bytes(response.content)
        files[f"file:{file}"] = f"{name} ({path})"

    result = subprocess.run(  # noqa: S603 (fixed arguments: the jar and our own temp files)
        [
            java,
            "-jar",
            str(VNU_JAR),
            "--format",
            "json",
            "--errors-only",
            *map(str, sorted(tmp_path.iterdir())),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    try:
        messages = json.loads(result.stderr)["messages"]
    except ValueError:
        pytest.fail(f"vnu did not answer JSON (exit {result.returncode}):\n{result.stderr}")
    report = [
        f"{files.get(m.get('url'), m.get('url'))} line {m.get('lastLine')}: {m['message']}\n"
        f"    {m.get('extract', '').strip()}"
        for m in messages
    ]
    assert not report, "vnu found errors:\n" + "\n".join(report)
