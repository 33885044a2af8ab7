"""A real, throwaway PostgreSQL server for tests.

``initdb`` into a temporary folder, start ``postgres`` on a free port (TCP on 127.0.0.1 and a unix
socket in the same folder), create a database, hand out its URL, and stop and delete it all afterwards.
PostgreSQL refuses to run as root, so under root the server runs as the ``postgres`` user (or ``nobody``).
"""

from __future__ import annotations

import contextlib
import itertools
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import find_pg_bin

DB_NAME = "trucewatch_test"
DB_USER = "trucewatch"


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _run_as() -> pwd.struct_passwd | None:
    """The unprivileged account to run the server as when we are root, else None."""
    if os.geteuid() != 0:
        return None
    for name in ("postgres", "nobody"):
        try:
            return pwd.getpwnam(name)
        except KeyError:
            continue
    raise RuntimeError("running as root and no 'postgres' or 'nobody' account to run PostgreSQL as")


def _cmd(args: list[str], user: pwd.struct_passwd | None) -> list[str]:
    if user is None:
        return args
    runuser = shutil.which("runuser")
    if runuser:
        return [runuser, "-u", user.pw_name, "--", *args]
    return ["su", "-s", "/bin/sh", user.pw_name, "-c", " ".join(_quote(a) for a in args)]


def _quote(arg: str) -> str:
    return "'" + arg.replace("'", "'\\''") + "'"


def _chown_tree(path: Path, user: pwd.struct_passwd) -> None:
    for root, dirs, files in os.walk(path):
        for name in [root, *(os.path.join(root, d) for d in dirs), *(os.path.join(root, f) for f in files)]:
            os.chown(name, user.pw_uid, user.pw_gid)


@contextlib.contextmanager
def postgres_server() -> Iterator[str]:
    """Start a private PostgreSQL server; yields a ``postgresql://`` URL to an empty database."""
    bin_dir = find_pg_bin()
    if bin_dir is None:
        raise RuntimeError("PostgreSQL server binaries (initdb, pg_ctl) not found")
    user = _run_as()
    base = Path(tempfile.mkdtemp(prefix="trucewatch-pg-"))
    data, log = base / "data", base / "server.log"
    port = _free_port()
    env = {**os.environ, "LC_ALL": "C", "LANG": "C"}
    if user is not None:
        os.chmod(base, 0o700)
        _chown_tree(base, user)
    started = False
    try:
        subprocess.run(
            _cmd([str(bin_dir / "initdb"), "-D", str(data), "-U", DB_USER, "--auth=trust", "-E", "UTF8",
                  "--no-sync", "--locale=C"], user),
            check=True, capture_output=True, env=env, cwd=base,
        )
        opts = (f"-p {port} -k {base} -c listen_addresses=127.0.0.1 -c fsync=off "
                "-c synchronous_commit=off -c full_page_writes=off")
        subprocess.run(
            _cmd([str(bin_dir / "pg_ctl"), "-D", str(data), "-l", str(log), "-o", opts, "-w", "-t", "60", "start"],
                 user),
            check=True, capture_output=True, env=env, cwd=base,
        )
        started = True
        import psycopg

        admin = f"postgresql://{DB_USER}@127.0.0.1:{port}/postgres"
        with psycopg.connect(admin, autocommit=True) as con:
            con.execute(f"CREATE DATABASE {DB_NAME}")
        yield f"postgresql://{DB_USER}@127.0.0.1:{port}/{DB_NAME}"
    except subprocess.CalledProcessError as exc:
        detail = (exc.stderr or b"").decode(errors="replace")
        if log.exists():
            detail += "\n" + log.read_text(errors="replace")[-2000:]
        raise RuntimeError(f"could not start PostgreSQL: {detail}") from exc
    finally:
        if started:
            subprocess.run(_cmd([str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop"], user),
                           capture_output=True, env=env, cwd=base)
        _remove_in_background(base)


def _remove_in_background(folder: Path) -> None:
    """Delete the stopped server's folder without making the test session wait: a session's databases are
    tens of thousands of files (6-22 s of rmtree at the end of a full run on a loaded machine)."""
    try:  # the shell starts rm in the background and returns at once
        subprocess.run(["sh", "-c", 'rm -rf -- "$1" &', "sh", str(folder)], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    except (OSError, subprocess.CalledProcessError):
        shutil.rmtree(folder, ignore_errors=True)


# --- pytest glue ---------------------------------------------------------------------------

_names = itertools.count()


@pytest.fixture(scope="session")
def pg_server_url() -> Iterator[str]:
    """One server per test session (skips, or fails under CI, without PostgreSQL binaries)."""
    from conftest import require

    require("PostgreSQL", find_pg_bin() is not None)
    with postgres_server() as url:
        yield url


def fresh_database(server_url: str) -> str:
    """A new empty database on the test server; returns its URL."""
    import psycopg

    base = server_url.rsplit("/", 1)[0]
    name = f"tw_{os.getpid()}_{next(_names)}"
    with psycopg.connect(f"{base}/postgres", autocommit=True) as con:
        con.execute(f"CREATE DATABASE {name}")
    return f"{base}/{name}"
