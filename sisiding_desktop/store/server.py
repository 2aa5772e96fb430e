"""A plan database on a PostgreSQL server: its address, its engine, and its errors in one Chinese sentence.

A server database is named by a SQLAlchemy URL (``postgresql+psycopg://user:password@host:5432/dbname``);
anything containing ``://`` is taken for one, everything else (and ``sqlite:///path``) is a file. The
password lives only in the URL the engine holds: what is shown or remembered (``display_url``, ``label``)
never carries it.

libpq reports a refused login or a missing database only as text (no SQLSTATE before the connection is
made), so those are recognised by the server's words, in English and in PostgreSQL's Chinese translation.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from sqlalchemy import URL, Connection, Engine, Table, create_engine, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, OperationalError

from sisiding_desktop.store.errors import StoreError, WriteFailed, WriteRaced

URL_MARK = "://"
DRIVER = "postgresql+psycopg"
DEFAULT_PORT = 5432
CONNECT_TIMEOUT_S = 5

AUTH_STATES = frozenset({"28P01", "28000"})  # invalid_password, invalid_authorization_specification
MISSING_DATABASE = "3D000"  # invalid_catalog_name
SHUTDOWN_STATES = frozenset({"57P01", "57P02", "57P03"})  # admin / crash shutdown, cannot connect now
CONFLICT_STATES = frozenset({"40001", "40P01"})  # serialization failure, deadlock
TOO_LONG = "22001"  # string_data_right_truncation
UNIQUE_VIOLATION = "23505"

_AUTH_WORDS = re.compile(r"password authentication failed|role \".*\" does not exist|认证失败")
_MISSING_WORDS = re.compile(r"database \".*\" does not exist|数据库 \".*\" 不存在")
_UNKNOWN_HOST_WORDS = re.compile(r"failed to resolve host|could not translate host name")


def is_server_url(target: object) -> bool:
    """True for a database address given as a URL (a str with ``://``, not ``sqlite:``); a path or a Path is a file."""
    return isinstance(target, str) and URL_MARK in target and not target.strip().startswith("sqlite")


def sqlite_file(target: Path | str) -> Path | None:
    """The file an ``sqlite:///path`` URL names, or None when ``target`` is not such a URL."""
    if not isinstance(target, str) or URL_MARK not in target:
        return None
    try:
        url = make_url(target.strip())
    except ArgumentError:
        return None
    return Path(url.database) if url.get_backend_name() == "sqlite" and url.database else None


def parse_url(text: str) -> URL:
    """The URL of a PostgreSQL database (``postgresql://`` means psycopg 3); StoreError for anything else."""
    try:
        url = make_url(text.strip())
    except ArgumentError:
        raise StoreError("数据库地址无法识别，应形如 postgresql+psycopg://用户名@服务器:5432/数据库名。") from None
    if url.get_backend_name() != "postgresql":
        raise StoreError(
            f"不支持“{url.get_backend_name()}”数据库：服务器数据库只能是 PostgreSQL（地址以 postgresql:// 开头）。"
        )
    if not url.host or not url.database:
        raise StoreError("数据库地址缺少服务器或数据库名，应形如 postgresql+psycopg://用户名@服务器:5432/数据库名。")
    return url.set(drivername=DRIVER)


def server_url(host: str, port: int, database: str, user: str, password: str = "") -> str:
    """The address of a server database from its parts, the password in it (for opening only: never shown or kept)."""
    url = URL.create(DRIVER, username=user or None, password=password or None, host=host, port=port, database=database)
    return url.render_as_string(hide_password=False)


def display_url(url: URL) -> str:
    """The address without its password: what the program shows and remembers."""
    return url._replace(password=None).render_as_string(hide_password=False)


def location_of(text: str) -> str:
    """What ``text`` is shown and remembered as (``display_url``), or ``text`` itself if it is no address."""
    try:
        return display_url(parse_url(text))
    except StoreError:
        return text


def server_name(url: URL) -> str:
    """``host`` or ``host:port`` when the port is not PostgreSQL's usual one."""
    return url.host if url.port in (None, DEFAULT_PORT) else f"{url.host}:{url.port}"


def label(url: URL) -> str:
    """The database as messages name it: 服务器数据库 sisiding@10.0.0.5."""
    return f"服务器数据库 {url.database}@{server_name(url)}"


def create_server_engine(url: URL) -> Engine:
    """An engine on the server: stale pooled connections replaced, a connection attempt given up after a few seconds."""
    return create_engine(
        url,
        pool_pre_ping=True,
        connect_args={"connect_timeout": CONNECT_TIMEOUT_S, "application_name": "sisiding"},
    )


def sqlstate(error: BaseException | None) -> str:
    """The SQLSTATE of a driver error, ``""`` when the server gave none (e.g. it was never reached)."""
    return getattr(error, "sqlstate", None) or ""


def is_concurrent_insert(error: BaseException | None) -> bool:
    """True when a driver error is a unique key met because another desk inserted the same row first."""
    return sqlstate(error) == UNIQUE_VIOLATION


def open_failure(url: URL, exc: DBAPIError) -> StoreError:
    """Why the server database could not be opened, in one sentence."""
    state, text = sqlstate(exc.orig), str(exc.orig)
    if "no password supplied" in text:
        return StoreError(
            f"数据库服务器 {server_name(url)} 要求密码，但没有提供。"
            "请把密码写在本机的 pgpass 文件中（程序不记住密码），或写在地址中。"
        )
    if state in AUTH_STATES or _AUTH_WORDS.search(text):
        return StoreError(
            f"无法登录数据库服务器 {server_name(url)}：用户名或密码不正确（用户“{url.username or ''}”）。"
        )
    if state == MISSING_DATABASE or _MISSING_WORDS.search(text):
        return StoreError(
            f"数据库“{url.database}”不存在（服务器 {server_name(url)}）。"
            "请检查地址中的数据库名，或请管理员先建好这个数据库。"
        )
    if _UNKNOWN_HOST_WORDS.search(text):
        return StoreError(f"找不到数据库服务器“{url.host}”（名称无法解析），请检查服务器地址。")
    if isinstance(exc, OperationalError):
        return StoreError(
            f"无法连接到数据库服务器 {url.host}:{url.port or DEFAULT_PORT}。"
            "请检查网络连接、服务器地址和端口，以及服务器是否已启动。"
        )
    first_line = text.strip().splitlines()[0] if text.strip() else type(exc.orig).__name__
    return StoreError(f"无法打开{label(url)}（{first_line}）。")


def use_failure(name: str, exc: DBAPIError, *, saving: bool) -> StoreError | None:
    """The user's message for a server error during a save (``saving``) or a read, or None for a program error.

    A save that fails is rolled back by the server as a whole, which the message says.
    """
    state = sqlstate(exc.orig)
    kind = WriteFailed if saving else StoreError
    outcome = "刚才的修改没有保存（已撤销）" if saving else "数据没有读出"
    lost = exc.connection_invalidated or state.startswith("08") or state in SHUTDOWN_STATES
    if lost or (isinstance(exc, OperationalError) and not state):
        return kind(f"与{name}的连接中断，{outcome}。请检查网络和服务器后重试。")
    if state in CONFLICT_STATES:
        return (WriteRaced if saving else StoreError)(f"其他人正在同时修改相同的数据，{outcome}。请稍后重试。")
    if state == TOO_LONG:
        return kind(f"内容超出了{name}允许的长度，{outcome}。")
    return None


def reset_id_sequences(connection: Connection, tables: Sequence[Table]) -> None:
    """After rows were inserted with their own ids: each table's id sequence continues after its largest id."""
    for table in tables:
        if "id" not in table.c or not table.c.id.primary_key:
            continue
        connection.exec_driver_sql(
            f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), COALESCE(MAX(id), 1), MAX(id) IS NOT NULL)"
            f" FROM {table.name}"
        )


# A plan's tree as a few numbers that change whenever anything the tree shows changes on the server: every
# node's place, kind, label and version (a text or deadline edit moves the version on), every assignment, every
# unit's version (a rename). What a file's data version gives, for one plan, in one query.
_TREE_STAMP = """
SELECT
  (SELECT count(*) || ':' || coalesce(sum(hashtextextended(
     concat_ws('|', id, parent_id, position, kind, version, source_label), 0)), 0)
   FROM nodes WHERE plan_id = %(plan)s),
  (SELECT count(*) || ':' || coalesce(sum(hashtextextended(
     concat_ws('|', a.id, a.node_id, a.unit_id, a.role, a.position), 0)), 0)
   FROM assignments a JOIN nodes n ON n.id = a.node_id WHERE n.plan_id = %(plan)s),
  (SELECT count(*) || ':' || coalesce(sum(version), 0) FROM units)
"""


def tree_stamp(connection: Connection, plan_id: int) -> tuple:
    """What ``services.tree`` compares to hand out a plan's tree again while it is unchanged on the server."""
    return tuple(connection.exec_driver_sql(_TREE_STAMP, {"plan": plan_id}).one())
