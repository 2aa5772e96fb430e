"""帮助 › 使用说明: the manual is shown; every menu entry and shortcut it names is one the window really has;
a missing manual file is said in one Chinese sentence."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence

from sisiding_desktop.gui import help_dialog
from sisiding_desktop.gui.help_dialog import ManualDialog, manual_path, show_manual

SECTIONS = (
    "第一次使用",
    "编辑任务分工表",
    "每季度登记进展",
    "与市里、各单位交换表格",
    "主要指标与单位",
    "打印",
    "数据安全",
    "常见问题",
)
QUOTED = re.compile(r"“([^“”]+)”")
NAMED_MENU = re.compile(r"“([^“”]+)”菜单|菜单“([^“”]+)”")  # “进展”菜单, 菜单“进展”
# A menu path with its shortcut right after it: “文件 → 导入任务分工表…”（**Ctrl+I**）
PATH_WITH_KEY = re.compile(r"“([^“”]*→[^“”]*)”（\*\*([^*]+)\*\*）")
KEY = re.compile(
    r"(?<![A-Za-z0-9+])((?:(?:Ctrl|Alt|Shift)\+)+(?:[A-Za-z0-9]+|回车|[↑↓←→])|F\d{1,2}|Ins|Del)(?![A-Za-z0-9])"
)
KEY_WORDS = {"回车": "Return", "↑": "Up", "↓": "Down", "←": "Left", "→": "Right"}
# Keys the manual names that belong to the long-text cell editor (delegates/multiline.py), not to an action.
EDITOR_KEYS = {"Ctrl+Return"}


def manual_text() -> str:
    return manual_path().read_text(encoding="utf-8")


def clean(text: str) -> str:
    """A menu text as the manual writes it: without the (&X) accelerator, & and the closing …."""
    return re.sub(r"\(&.\)", "", text).replace("&", "").replace("…", "").strip()


def menu_entries(window) -> dict[tuple[str, ...], QAction]:
    """Every entry of the menu bar by its path: ("文件", "导入任务分工表"), ("编辑", "单位", "重命名单位") …"""
    entries: dict[tuple[str, ...], QAction] = {}

    def walk(actions: list[QAction], above: tuple[str, ...]) -> None:
        for action in actions:
            if action.isSeparator():
                continue
            path = (*above, clean(action.text()))
            entries[path] = action
            if action.menu() is not None:
                walk(action.menu().actions(), path)

    walk(window.menuBar().actions(), ())
    return entries


def quoted_menu_paths(text: str) -> list[tuple[str, ...]]:
    """The menu paths the manual quotes: “A → B → C”, and the single names before or after 菜单."""
    paths = [tuple(clean(part) for part in q.split("→")) for q in QUOTED.findall(text) if "→" in q]
    for after, before in NAMED_MENU.findall(text):
        name = after or before
        if "→" not in name:
            paths.append((clean(name),))
    return paths


def missing_entries(window, text: str) -> list[str]:
    entries = menu_entries(window)
    found = []
    for path in quoted_menu_paths(text):
        if len(path) == 1:
            ok = any(p[-1] == path[0] and entries[p].menu() is not None for p in entries)
        else:
            ok = path in entries
        if not ok:
            found.append(" → ".join(path))
    return found


def portable(key: str) -> str:
    for word, name in KEY_WORDS.items():
        key = key.replace(word, name)
    return QKeySequence(key).toString(QKeySequence.SequenceFormat.PortableText)


def window_shortcuts(window) -> set[str]:
    return {
        shortcut.toString(QKeySequence.SequenceFormat.PortableText)
        for action in window.findChildren(QAction)
        for shortcut in action.shortcuts()
    }


def unknown_keys(window, text: str) -> list[str]:
    known = window_shortcuts(window) | EDITOR_KEYS
    return sorted({key for key in KEY.findall(text) if portable(key) not in known})


def key_pairs(text: str) -> list[tuple[str, str]]:
    """(menu path, shortcut) written together: “…”（**key**） in the text, or in one row of a table."""
    pairs = [(path, key) for path, key in PATH_WITH_KEY.findall(text)]
    for line in text.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")] if line.lstrip().startswith("|") else []
        if len(cells) >= 3:
            paths, keys = [q for q in QUOTED.findall(cells[1]) if "→" in q], KEY.findall(cells[2])
            if paths and len(paths) == len(keys):
                pairs += zip(paths, keys, strict=True)
    return pairs


def mismatched_keys(window, text: str) -> list[str]:
    """Menu paths written with a shortcut that is not theirs."""
    entries = menu_entries(window)
    wrong = []
    for quoted, key in key_pairs(text):
        action = entries.get(tuple(clean(part) for part in quoted.split("→")))
        shortcuts = [s.toString(QKeySequence.SequenceFormat.PortableText) for s in action.shortcuts()] if action else []
        if portable(key) not in shortcuts:
            wrong.append(f"{quoted}（{key}）")
    return wrong


# --- the dialog ----------------------------------------------------------------------------------------------


def test_the_manual_is_shown_with_every_section_and_closes(qtbot, prompter):
    seen = {}

    def read(dialog) -> bool:
        seen["title"] = dialog.windowTitle()
        seen["text"] = dialog.browser.toPlainText()
        seen["size"] = (dialog.width(), dialog.height())
        qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
        seen["closed"] = not dialog.isVisible()
        return False

    prompter.dialogs.append(read)
    show_manual(None, prompter)
    assert not prompter.dialogs, "the manual was not shown through the prompter"
    assert seen["title"] == "使用说明"
    for section in SECTIONS:
        assert section in seen["text"], section
    assert "#" not in seen["text"] and "**" not in seen["text"]  # rendered as Markdown, not shown as source
    assert seen["size"][0] >= 800 and seen["size"][1] >= 600
    assert seen["closed"]


def test_a_missing_manual_is_said_in_chinese(qtbot, prompter, tmp_path, monkeypatch):
    missing = tmp_path / "使用说明.md"
    monkeypatch.setattr(help_dialog, "manual_path", lambda: missing)
    texts = []
    prompter.dialogs.append(lambda dialog: texts.append(dialog.browser.toPlainText()) or False)
    show_manual(None, prompter)
    assert texts and texts[0].startswith("找不到使用说明文件")
    assert str(missing) in texts[0]


def test_an_unreadable_manual_is_said_in_chinese(qtbot, tmp_path):
    garbled = tmp_path / "使用说明.md"
    garbled.write_bytes(b"\xff\xfe\xfa not utf-8 \x80")
    dialog = ManualDialog(path=garbled)
    qtbot.addWidget(dialog)
    assert not dialog.found
    assert dialog.browser.toPlainText().startswith("无法读取使用说明文件")


# --- what the manual says ------------------------------------------------------------------------------------


def test_every_menu_entry_the_manual_names_exists(make_window):
    window = make_window()
    text = manual_text()
    paths = quoted_menu_paths(text)
    assert len(paths) >= 30, "the manual should lead through the menus"
    assert ("进展", "读回各单位填报的进展") in paths and ("进展", "填入市里发来的表格") in paths
    assert missing_entries(window, text) == []


def test_every_shortcut_the_manual_names_exists_and_belongs_to_its_entry(make_window):
    window = make_window()
    text = manual_text()
    assert len(set(KEY.findall(text))) >= 20
    assert len(key_pairs(text)) >= 20  # most shortcuts are written right after their menu entry
    assert unknown_keys(window, text) == []
    assert mismatched_keys(window, text) == []


def test_the_checks_catch_what_does_not_exist(make_window):
    window = make_window()
    invented = "选择“文件 → 导入进展…”（**Ctrl+K**），或用“统计”菜单。\n| 合并 | “编辑 → 删除条目” | **Ctrl+M** |"
    assert missing_entries(window, invented) == ["文件 → 导入进展", "统计"]
    assert unknown_keys(window, invented) == ["Ctrl+K", "Ctrl+M"]
    wrong_key = "“文件 → 导入任务分工表…”（**Ctrl+E**）"
    assert mismatched_keys(window, wrong_key) == ["文件 → 导入任务分工表…（Ctrl+E）"]


def test_the_packaged_program_carries_the_manual():
    spec = (Path(__file__).resolve().parents[2] / "pyinstaller.spec").read_text(encoding="utf-8")
    assert '(str(ROOT / "resources" / "help"), "resources/help")' in spec
    assert manual_path().parent.name == "help" and manual_path().is_file()
