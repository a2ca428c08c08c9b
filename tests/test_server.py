"""End-to-end tests of kg.server: a real Neo4j Community server, nothing mocked.

Needs Java 17/21 and, unless the jar cache is already filled, Maven with
access to Maven Central. The jars come from the shared per-version cache
(``$KG_NEO4J_HOME`` or ``~/.cache/kg/neo4j-<version>``); the server itself
runs in a temporary home so it never clashes with a developer's own server.
The tests share one server and run in file order; the last one stops it.
"""

from __future__ import annotations

import os
import stat

import neo4j
import pytest

from kg import server

pytestmark = pytest.mark.neo4j


@pytest.fixture(scope="module")
def home(tmp_path_factory):
    """A fresh server home, stopped (whatever happens) after the module's tests."""
    server.fetch()  # fill the shared jar cache once, outside any start timeout
    path = tmp_path_factory.mktemp("neo4j-home")
    yield path
    server.stop(path)


@pytest.fixture(scope="module")
def info(home):
    """A server running in ``home``."""
    return server.start(home, heap="512m", timeout=180)


def test_start_records_connection_info(info, home):
    assert info.home == home.resolve()
    assert info.version == server.DEFAULT_VERSION
    assert info.user == "neo4j"
    assert info.uri == f"bolt://127.0.0.1:{info.port}"
    assert info.env() == {
        "NEO4J_URI": info.uri,
        "NEO4J_USER": "neo4j",
        "NEO4J_PASSWORD": info.password,
    }
    state = home / server.STATE_FILE
    assert stat.S_IMODE(os.stat(state).st_mode) == 0o600


def test_status_shows_running_server(info, home):
    assert server.status(home) == info


def test_start_is_idempotent(info, home):
    assert server.start(home, heap="512m") == info


def test_cypher_with_generated_credentials(info):
    with neo4j.GraphDatabase.driver(info.uri, auth=(info.user, info.password)) as driver:
        records, _, _ = driver.execute_query("RETURN 1 AS one")
    assert records[0]["one"] == 1


def test_wrong_password_is_refused(info):
    with neo4j.GraphDatabase.driver(info.uri, auth=(info.user, info.password + "x")) as driver:
        with pytest.raises(neo4j.exceptions.AuthError):
            driver.verify_connectivity()


def test_stop_stops_server(info, home):
    assert server.stop(home) is True
    assert server.status(home) is None
    assert not (home / server.STATE_FILE).exists()
    assert server.stop(home) is False
    with neo4j.GraphDatabase.driver(info.uri, auth=(info.user, info.password)) as driver:
        with pytest.raises(neo4j.exceptions.ServiceUnavailable):
            driver.verify_connectivity()


def test_a_generated_password_never_starts_with_a_dash(tmp_path, monkeypatch):
    """neo4j-admin takes the password as an argument, so "-x..." would be read as an option and the
    server would not start (1 start in 64 failed this way). The real neo4j-admin runs here."""
    lib = server.fetch()
    draws = iter(["-starts-with-a-dash", "then-a-good-one"])
    monkeypatch.setattr(server.secrets, "token_urlsafe", lambda n: next(draws))
    password = server._password(tmp_path, server.java_executable(), lib)
    assert password == "then-a-good-one"
    assert (tmp_path / server.PASSWORD_FILE).read_text().strip() == password
