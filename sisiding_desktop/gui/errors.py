"""How errors reach the person: their own mistakes as a plain message, ours as an apology with the log's place."""

from __future__ import annotations

from pathlib import Path

from sisiding_desktop.app import log_unexpected
from sisiding_desktop.services import ServiceError
from sisiding_desktop.store import StoreError
from sisiding_desktop.wording.os_errors import reason

USER_ERRORS: tuple[type[BaseException], ...] = (ServiceError, StoreError)


def is_user_error(exc: BaseException) -> bool:
    """An error the person can fix (bad file, locked database, …); its message is already Chinese."""
    return isinstance(exc, USER_ERRORS)


def apology(log: Path) -> str:
    return f"很抱歉，程序遇到了一个意外错误，您的数据未受影响。\n详细信息已记录在：\n{log}"


def log_error(exc: BaseException) -> Path:
    """Write an unexpected error with its traceback to the log file; return the file."""
    return log_unexpected(type(exc), exc, exc.__traceback__)


def user_message(exc: BaseException) -> str:
    """The sentence shown for a user error; disk and permission problems get a hint."""
    if isinstance(exc, OSError):
        name = f"“{Path(exc.filename).name}”：" if exc.filename else ""
        return f"无法访问{name}{reason(exc)}。"
    return str(exc)
