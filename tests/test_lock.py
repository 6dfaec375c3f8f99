"""requirements.lock pins every dependency pyproject.toml declares, within its bounds.

`make run` and `make test` install from the lock (then the project with --no-deps), so a
dependency added to pyproject.toml but not to the lock would be missing on a fresh machine
while passing here in a virtualenv that already has it. `make lock` renews the lock.
"""

import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent


def locked() -> dict[str, str]:
    pins = {}
    for line in (ROOT / "requirements.lock").read_text().splitlines():
        if line and not line[0].isspace() and not line.startswith("#"):
            requirement = Requirement(line.rstrip(" \\"))
            (version,) = [spec.version for spec in requirement.specifier if spec.operator == "=="]
            pins[canonicalize_name(requirement.name)] = version
    return pins


def declared() -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    extras = project.get("optional-dependencies", {})
    return [Requirement(r) for r in [*project["dependencies"], *extras.get("test", [])]]


def test_every_declared_dependency_is_pinned_within_its_bounds():
    pins = locked()
    missing = [str(r) for r in declared() if canonicalize_name(r.name) not in pins]
    assert missing == [], "not in requirements.lock (run `make lock`)"
    outside = [
        f"{r} (locked {pins[canonicalize_name(r.name)]})"
        for r in declared()
        if not r.specifier.contains(pins[canonicalize_name(r.name)], prereleases=True)
    ]
    assert outside == [], "locked outside pyproject.toml's bounds (run `make lock`)"


def test_every_pin_carries_hashes():
    """pip's --require-hashes refuses the whole file if one pin lacks a hash."""
    pin, unhashed = None, []
    for line in [*(ROOT / "requirements.lock").read_text().splitlines(), ""]:
        if line.startswith("    --hash=sha256:"):
            pin = None
        elif not line.startswith(" "):
            if pin:
                unhashed.append(pin)
            pin = line if line and not line.startswith("#") else None
    assert unhashed == []
