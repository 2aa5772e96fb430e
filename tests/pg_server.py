"""Fresh databases on a PostgreSQL server for the tests (``--pg-url`` or ``SISIDING_TEST_PG_URL``, see conftest).

Each test gets a database of its own, copied from one template migrated once per run (``CREATE DATABASE …
TEMPLATE``: a file copy on the server, some 50 ms), so ids start at 1 and nothing leaks between tests; it is
dropped when the test ends. The names carry the run's process id, so two runs can share a server.
"""

from __future__ import annotations

import os
from itertools import count

import psycopg
from sqlalchemy import URL, make_url

from sisiding_desktop.store import Database


class TestServer:
    """Creates and drops the run's databases through an admin connection (a role that may create databases)."""

    __test__ = False  # not a test class

    def __init__(self, admin_url: str) -> None:
        self.admin_url = make_url(admin_url)
        self.prefix = f"sisiding_test_{os.getpid()}"
        self.template = f"{self.prefix}_template"
        self._numbers = count(1)
        self._admin = psycopg.connect(_conninfo(self.admin_url), autocommit=True)
        self._drop(self.template)
        self._admin.execute(f"CREATE DATABASE \"{self.template}\" TEMPLATE template0 ENCODING 'UTF8'")
        Database.open(self.url_of(self.template)).close()

    def url_of(self, name: str) -> str:
        """The URL (password included) of the database ``name`` on this server."""
        return self.admin_url.set(drivername="postgresql+psycopg", database=name).render_as_string(hide_password=False)

    def create(self, *, empty: bool = False, options: str = "") -> str:
        """A new database, at the newest schema (or ``empty``: no tables at all); returns its name.

        ``options`` are further words of ``CREATE DATABASE`` (a collation); they need ``empty``.
        """
        name = f"{self.prefix}_{next(self._numbers)}"
        template = "template0" if empty else self.template
        self._admin.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}" {options}')
        return name

    def terminate(self, pid: int) -> None:
        """End the server process of one connection, as a network cut or a restarted server would."""
        self._admin.execute("SELECT pg_terminate_backend(%s, 5000)", (pid,))

    def connections_to(self, name: str) -> list[int]:
        """The server processes of the open connections to the database ``name``."""
        rows = self._admin.execute("SELECT pid FROM pg_stat_activity WHERE datname = %s", (name,))
        return [pid for (pid,) in rows]

    def drop(self, name: str) -> None:
        self._drop(name)

    def close(self) -> None:
        self._drop(self.template)
        self._admin.close()

    def _drop(self, name: str) -> None:
        self._admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _conninfo(url: URL) -> str:
    return url.set(drivername="postgresql").render_as_string(hide_password=False)
