"""The database connection settings come from the environment (docs/deploy.md, "Database connections")."""

import json

from tests.test_settings import run_manage

DATABASE = "from django.conf import settings; import json; print(json.dumps(settings.DATABASES['default']))"


def database_settings(**env) -> dict:
    result = run_manage("shell", "-c", DATABASE, **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_connections_persist_a_minute_with_server_side_cursors_unless_configured():
    default = database_settings()
    assert default["CONN_MAX_AGE"] == 60
    assert default["CONN_HEALTH_CHECKS"] is True
    assert default["DISABLE_SERVER_SIDE_CURSORS"] is False


def test_behind_pgbouncer_in_transaction_mode_connections_close_and_server_side_cursors_are_off():
    behind_pgbouncer = database_settings(CONN_MAX_AGE="0", DB_DISABLE_SERVER_SIDE_CURSORS="1")
    assert behind_pgbouncer["CONN_MAX_AGE"] == 0
    assert behind_pgbouncer["DISABLE_SERVER_SIDE_CURSORS"] is True
