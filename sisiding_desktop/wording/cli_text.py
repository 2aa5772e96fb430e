"""Chinese wording for argparse: its headings, help and error messages.

argparse looks its strings up through a module-level ``_`` (gettext); the
table below answers that lookup, and ``translate_error`` rewrites the few
messages argparse builds by formatting.
"""

from __future__ import annotations

import argparse
import re

_WORDS = {
    "usage: ": "用法：",
    "positional arguments": "位置参数",
    "options": "选项",
    "optional arguments": "选项",
    "show this help message and exit": "显示本帮助并退出",
    "%(prog)s: error: %(message)s\n": "%(prog)s：错误：%(message)s\n",
}

_ERRORS = (
    (re.compile(r"the following arguments are required: (.+)"), "缺少必需的参数：{0}"),
    (re.compile(r"argument (\S+): invalid int value: '(.*)'"), "参数 {0} 应为整数，而不是“{1}”"),
    (
        re.compile(r"argument (\S+): invalid choice: '?(.*?)'? \(choose from (.+)\)"),
        "参数 {0} 的取值“{1}”无效，可选：{2}",
    ),
    (re.compile(r"argument (\S+): expected one argument"), "参数 {0} 后面缺少取值"),
    (re.compile(r"unrecognized arguments: (.+)"), "无法识别的参数：{0}"),
    (re.compile(r"argument (\S+): (.+)"), "参数 {0} 有误：{1}"),
)


def install() -> None:
    """Make argparse speak Chinese."""
    argparse._ = lambda text: _WORDS.get(text, text)  # type: ignore[attr-defined]


def translate_error(message: str) -> str:
    for pattern, template in _ERRORS:
        match = pattern.fullmatch(message.strip())
        if match:
            return template.format(*match.groups())
    return message
