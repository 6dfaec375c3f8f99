"""Hostile query strings on every list of the API: answers, never a server error, and
nothing written. The parameters are those the OpenAPI document declares for each list."""

import pytest
from django.core.cache import cache
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefings.models import Update

from .api_schema import fetch_spec, get_operations
from .factories import BriefingFactory
from .test_api import make_update
from .test_hostile_input import NASTY

pytestmark = pytest.mark.django_db


def documented_parameters() -> dict[str, list[str]]:
    spec = fetch_spec(Client())
    return {
        path: [parameter["name"] for parameter in operation.get("parameters", [])]
        for path, operation in get_operations(spec)
        if operation.get("parameters") and "{" not in path
    }


@pytest.fixture
def api(django_settings_for_fuzz):
    make_update(BriefingFactory(slug="fuzz"), 0)
    return documented_parameters()


@pytest.fixture
def django_settings_for_fuzz(settings):
    settings.NEWSROOM_API_ANON_RATE = "100000/min"
    cache.clear()


# The fixtures hold no per-example state.
@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_no_query_string_causes_a_server_error(client, api, data):
    path = data.draw(st.sampled_from(sorted(api)))
    params = data.draw(st.dictionaries(st.sampled_from(api[path]), NASTY, max_size=4))
    before = list(Update.objects.values_list("pk", "version"))
    response = client.get(path, params)
    assert response.status_code in (200, 400, 404), (path, params, response.status_code)
    assert response["Content-Type"] == "application/json"
    assert list(Update.objects.values_list("pk", "version")) == before


def test_nul_bytes_in_every_parameter(client, api):
    for path, names in api.items():
        for name in names:
            response = client.get(path, {name: "x\x00y"})
            assert response.status_code in (200, 400, 404), (path, name, response.status_code)
