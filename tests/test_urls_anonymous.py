"""Every URL of the project refuses anonymous visitors: login redirect, 403, 404 or 405, never 200."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils.regex_helper import normalize

# Pages that must be reachable before logging in.
PUBLIC = {"login", "admin:login", "healthz"}  # healthz: for load balancers, says only ok or not
# The check API has no session: it authenticates with a token and answers a request
# without one with 401 (JSON), not a login redirect.
TOKEN_AUTH = {"reviews:api_check": {401, 405}}


def walk(patterns, prefix="", namespace=""):
    for entry in patterns:
        regex = prefix + entry.pattern.regex.pattern.lstrip("^").rstrip("$").replace("\\Z", "")
        if isinstance(entry, URLResolver):
            ns = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from walk(entry.url_patterns, regex, ns)
        elif isinstance(entry, URLPattern):
            yield f"{namespace}{entry.name or entry.callback.__name__}", regex


def example_paths():
    """One concrete path per URL pattern, with placeholder arguments."""
    for name, regex in walk(get_resolver().url_patterns):
        template, params = normalize(regex)[0]
        values = {param: "1" for param in params}
        yield name, "/" + template % values


ALL = sorted(set(example_paths()))


def test_every_project_url_is_walked():
    names = {name for name, _ in ALL}
    assert "reviews:home" in names
    assert "reviews:order_detail" in names
    assert len(ALL) > 20  # admin + django-rq + Shield's own


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "path"), ALL, ids=[name for name, _ in ALL])
def test_anonymous_never_gets_a_page(client, name, path):
    if name in PUBLIC:
        assert client.get(path).status_code == 200, "the login page must open for everyone"
        return
    for method in (client.get, client.post):
        response = method(path)
        assert response.status_code != 200, f"{method.__name__.upper()} {path} answered 200 to an anonymous user"
        if response.status_code in (301, 302):
            assert "login" in response["Location"], f"{path} redirects anonymous users to {response['Location']}"
        else:
            allowed = TOKEN_AUTH.get(name, {403, 404, 405})
            assert response.status_code in allowed, f"{path}: {response.status_code}"
