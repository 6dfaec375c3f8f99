"""The API's OpenAPI document, read the way a client reads it: operations and response
schemas come from ``/api/v1/openapi.json``, never from a list kept in the tests."""

import re
from urllib.parse import urlsplit

from openapi_schema_validator import OAS31Validator

SCHEMA_URL = "/api/v1/openapi.json"
PARAMETER = re.compile(r"\{(\w+)\}")


def fetch_spec(client) -> dict:
    response = client.get(SCHEMA_URL)
    assert response.status_code == 200
    return response.json()


def get_operations(spec) -> list[tuple[str, dict]]:
    """Every (path, GET operation) of the document."""
    return [(path, item["get"]) for path, item in spec["paths"].items() if "get" in item]


def list_paths(spec) -> list[str]:
    return [path for path, _ in get_operations(spec) if not PARAMETER.search(path)]


def detail_paths(spec) -> list[str]:
    return [path for path, _ in get_operations(spec) if PARAMETER.search(path)]


def list_path_of(detail_path: str) -> str:
    """``/api/v1/briefings/{slug}/`` → ``/api/v1/briefings/``."""
    return detail_path[: PARAMETER.search(detail_path).start()]


def fill(detail_path: str, item: dict) -> str:
    """A detail path with its parameter taken from an item of the list it belongs to."""
    return PARAMETER.sub(lambda m: str(item[m.group(1)]), detail_path)


def check_response(spec, path: str, response) -> None:
    """Fail unless ``response`` is one the document declares for ``path``, with a body its
    schema accepts."""
    operation = spec["paths"][path]["get"]
    declared = operation["responses"].get(str(response.status_code))
    assert declared is not None, f"{path} answered {response.status_code}, not in its schema"
    content = declared.get("content")
    if content is None:
        assert not response.content, f"{path} {response.status_code}: a body the schema lacks"
        return
    media_type = response["Content-Type"].split(";")[0]
    assert media_type in content, f"{path}: {media_type} is not among {list(content)}"
    validator(spec, content[media_type]["schema"]).validate(response.json())


def validator(spec, schema) -> OAS31Validator:
    # References ("#/components/schemas/Update") point into the document: the schema is
    # checked with the document's components beside it, where they resolve.
    return OAS31Validator(
        {**schema, "components": spec["components"]},
        format_checker=OAS31Validator.FORMAT_CHECKER,
    )


def api_path(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")
