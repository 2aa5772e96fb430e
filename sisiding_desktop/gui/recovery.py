"""A damaged database file met at start or on 打开: offer the newest sound backup, never overwrite the file."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from sisiding_desktop.gui.prompts import Prompter
from sisiding_desktop.services import Services
from sisiding_desktop.store import DatabaseDamaged
from sisiding_desktop.store.recovery import backup_time, newest_good_backup, replace_with_backup

TITLE = "数据库文件已损坏"


def open_with_recovery(
    path: Path | str, opener: Callable[[Path | str], Services], prompter: Prompter
) -> Services | None:
    """Open ``path``; if it is damaged, offer its newest sound backup. None when nothing was opened.

    Other errors (locked, read-only, network share, …) propagate for the caller to report.
    """
    try:
        return opener(path)
    except DatabaseDamaged as exc:
        return _offer_backup(Path(path).expanduser().resolve(), exc, opener, prompter)


def _offer_backup(
    path: Path, exc: DatabaseDamaged, opener: Callable[[Path], Services], prompter: Prompter
) -> Services | None:
    good = newest_good_backup(path)
    if good is None:
        prompter.error(TITLE, f"{exc}\n\n没有找到完好的自动备份。损坏的文件未作任何改动，请联系技术人员。")
        return None
    when = backup_time(good)
    question = (
        f"{exc}\n\n找到一份完好的自动备份（{when}）：\n{good}\n\n"
        "是否用这份备份打开？损坏的文件会改名保留在原文件夹中，不会被覆盖或删除；"
        "这份备份之后所做的修改将不在其中。"
    )
    if not prompter.ask(TITLE, question):
        return None
    kept = replace_with_backup(path, good)
    services = opener(path)
    prompter.inform("已从备份恢复", f"已打开 {when} 的备份。\n损坏的文件保留为：\n{kept}")
    return services
