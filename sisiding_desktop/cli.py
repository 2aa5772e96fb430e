"""The command line (its commands are listed in README.md).

Every error a user can cause ends with exit status 2 and one Chinese sentence
on stderr; never a traceback. With no sub-command the GUI starts.
"""

from __future__ import annotations

import argparse
import gc
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from sisiding_desktop import APP_DISPLAY_NAME, __version__
from sisiding_desktop.domain.model import Period, Role
from sisiding_desktop.services import ServiceError, Services
from sisiding_desktop.services.documents import plan_document, plan_summary
from sisiding_desktop.services.exporting import EXPORTS, FORMATS
from sisiding_desktop.services.tree import walk
from sisiding_desktop.store import DatabaseDamaged, StoreError
from sisiding_desktop.store.server import is_server_url
from sisiding_desktop.wording import cli_text

EXIT_OK = 0
EXIT_INTERNAL = 1
EXIT_USER_ERROR = 2


class UsageError(Exception):
    """Bad command-line arguments (message in Chinese)."""


class ChineseArgumentParser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(cli_text.translate_error(message))


def build_parser() -> ChineseArgumentParser:
    cli_text.install()
    parser = ChineseArgumentParser(
        prog="main.py",
        description=f"{APP_DISPLAY_NAME}（{__version__}）。不带子命令时打开图形界面。",
    )
    parser.add_argument(
        "--db",
        metavar="PATH|URL",
        type=_database,
        help="使用指定的数据库文件（默认：用户数据目录中的数据库），"
        "或服务器上的数据库：postgresql+psycopg://用户名@服务器:5432/数据库名",
    )
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="自检：在临时文件夹中建库、导入示例、记录进展、导出 xlsx 和 pdf 并核对，不需要屏幕，不动现有数据",
    )
    commands = parser.add_subparsers(dest="command", metavar="子命令", parser_class=ChineseArgumentParser)

    importing = commands.add_parser("import", help="从任务分工表（xlsx 或 Word .docx）导入一个新计划")
    importing.add_argument("file", metavar="FILE", type=Path, help="xlsx 或 docx 文件")
    importing.add_argument("--plan-title", metavar="T", help="计划名称（默认取表格标题）")
    importing.add_argument("--json", action="store_true", help="以 JSON 输出导入摘要")
    importing.add_argument("--dry-run", action="store_true", help="只读取并报告，不写入数据库")

    export = commands.add_parser("export", help="导出报表（xlsx、pdf 或 Word .docx）")
    export.add_argument("plan_id", metavar="PLAN_ID", type=int, help="计划编号（见 plans）")
    export.add_argument(
        "--report",
        required=True,
        choices=tuple(EXPORTS),
        help="报表：" + "，".join(f"{key}={name}" for key, name in EXPORTS.items()),
    )
    export.add_argument(
        "--format", dest="fmt", required=True, choices=FORMATS, help="文件格式：xlsx（Excel）、pdf 或 docx（Word）"
    )
    export.add_argument(
        "--out", metavar="PATH", type=Path, required=True, help="输出文件（反馈清单不写 --body 时：文件夹，每单位一份）"
    )
    export.add_argument("--period", metavar="P", type=_period, help="期间，例如 2024Q3 或 2024年第3季度")
    export.add_argument("--unit", metavar="NAME", help="单位任务清单的单位名称")
    export.add_argument("--body", metavar="NAME", help="反馈清单的报送单位（县、区）名称")
    export.add_argument("--columns", metavar="KEYS", type=_keys, help="只输出这些列（逗号分隔的列名）")

    progress_import = commands.add_parser("progress-import", help="从各单位填好的推进情况表读回进展")
    progress_import.add_argument("plan_id", metavar="PLAN_ID", type=int, help="计划编号")
    progress_import.add_argument("file", metavar="FILE", type=Path, help="填好的 xlsx 文件")
    progress_import.add_argument("--period", metavar="P", type=_period, required=True, help="期间，例如 2024Q3")
    progress_import.add_argument("--json", action="store_true", help="以 JSON 输出结果")

    returns = commands.add_parser("returns-import", help="读入各县（区）报送的表格（市级汇总用）")
    returns.add_argument("plan_id", metavar="PLAN_ID", type=int, help="计划编号")
    returns.add_argument("files", metavar="FILE", type=Path, nargs="+", help="报送的 xlsx 文件，或放这些文件的文件夹")
    returns.add_argument("--period", metavar="P", type=_period, required=True, help="期间，例如 2024Q3")
    returns.add_argument(
        "--from", dest="sender", metavar="NAME", default="", help="报送单位（不写时从填报单位、标题或文件名判断）"
    )
    returns.add_argument("--json", action="store_true", help="以 JSON 输出结果")

    fill_back = commands.add_parser("fill-back", help="把本期进展填入市里发来的表格（另存为新文件）")
    fill_back.add_argument("plan_id", metavar="PLAN_ID", type=int, help="计划编号")
    fill_back.add_argument("template", metavar="TEMPLATE", type=Path, help="市里发来的 xlsx 表格")
    fill_back.add_argument("--period", metavar="P", type=_period, required=True, help="期间，例如 2024Q3")
    fill_back.add_argument("--out", metavar="PATH", type=Path, required=True, help="输出文件")

    plans = commands.add_parser("plans", help="列出数据库中的计划")
    plans.add_argument("--json", action="store_true", help="以 JSON 输出")

    show = commands.add_parser("show", help="显示一个计划的全部内容")
    show.add_argument("plan_id", metavar="PLAN_ID", type=int, help="计划编号（见 plans）")
    show.add_argument("--json", action="store_true", help="以 JSON 输出")

    backup = commands.add_parser("backup", help="把数据库备份到一个文件")
    backup.add_argument("--out", metavar="PATH", type=Path, required=True, help="备份文件的路径")

    restore = commands.add_parser("restore", help="用备份文件恢复数据库（先自动备份当前数据）")
    restore.add_argument("path", metavar="PATH", type=Path, help="备份文件的路径")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; return the exit status."""
    try:
        args = build_parser().parse_args(argv)
        if args.command is None and not args.self_test:
            from sisiding_desktop.gui.application import run as run_gui

            return run_gui(args.db)  # switches garbage collection on once the window stands
        gc.enable()  # main.py starts with it off; a command runs with it on
        if args.self_test:
            from sisiding_desktop.gui.self_check import build_main_window_offscreen
            from sisiding_desktop.services.self_test import run_self_test

            return run_self_test(draw_window=build_main_window_offscreen)
        return _run(args)
    except (UsageError, ServiceError, StoreError) as exc:
        return _fail(str(exc))
    except KeyboardInterrupt:
        return _fail("已取消。")
    except BrokenPipeError:  # the reader (e.g. `| head`) stopped early; nothing is wrong
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except Exception:
        from sisiding_desktop.app import log_unexpected

        log_file = log_unexpected(*sys.exc_info())
        print(f"很抱歉，程序遇到内部错误，数据未受影响。详细信息已记录在：{log_file}", file=sys.stderr)
        return EXIT_INTERNAL


def _run(args: argparse.Namespace) -> int:
    from sisiding_desktop.app import open_services

    try:
        services = open_services(args.db)
    except DatabaseDamaged as exc:
        return _damaged(args, exc)
    try:
        return COMMANDS[args.command](services, args)
    finally:
        services.db.close()


def _import(services: Services, args: argparse.Namespace) -> int:
    if args.dry_run:
        preview, plan = services.importing.preview(args.file), None
    else:
        plan, preview = services.importing.import_plan(args.file, title=args.plan_title)
    summary = dict(
        preview.summary(), plan_id=plan.id if plan else None, title=plan.title if plan else preview.parsed.title
    )
    if args.json:
        _print_json(summary)
        return EXIT_OK
    counts = preview.counts()
    action = "已导入" if plan else "试读"
    print(
        f"{action}“{summary['title']}”：分组 {counts['groups']} 个，重点任务 {counts['tasks']} 项，"
        f"具体措施 {counts['measures']} 条，单位 {counts['units']} 个，指标 {counts['indicators']} 项。"
    )
    if plan:
        print(f"计划编号：{plan.id}")
    for warning in preview.warnings:
        print(f"提示：{warning}")
    return EXIT_OK


def _export(services: Services, args: argparse.Namespace) -> int:
    if args.report == "feedback" and not args.body and args.out.is_dir():  # every body's, one file each
        written = services.exporting.export_feedback(args.plan_id, args.out, args.period, args.fmt)
        for path in written:
            print(f"已导出：{path}")
        if not written:
            print("本期还没有单位报送，没有要导出的反馈清单。")
        return EXIT_OK
    out = services.exporting.export(
        args.plan_id, args.report, args.fmt, args.out, period=args.period, unit=args.unit, columns=args.columns,
        body=args.body,
    )  # fmt: skip
    print(f"已导出：{out}")
    return EXIT_OK


def _progress_import(services: Services, args: argparse.Namespace) -> int:
    report = services.progress_exchange.import_progress(args.plan_id, args.file, args.period)
    if args.json:
        _print_json(report.summary())
        return EXIT_OK
    print(f"已记录 {report.recorded} 条{args.period.label}进展。")
    for line in report.unmatched:
        print(f"未对应：{line}")
    for line in report.warnings:
        print(f"提示：{line}")
    return EXIT_OK


def _returns_import(services: Services, args: argparse.Namespace) -> int:
    """Every file read in turn; a file that cannot be read is said on stderr and the others still come in."""
    outcomes = services.returns.read_many(args.plan_id, args.files, args.period, args.sender)
    if not outcomes:
        return _fail("没有找到要读入的 xlsx 文件。")
    if args.json:
        _print_json([_outcome_json(o) for o in outcomes])
    for outcome in outcomes:
        if outcome.error:
            print(outcome.error, file=sys.stderr)
        elif not args.json:
            _print_return(outcome, args.period)
    return EXIT_USER_ERROR if any(o.error for o in outcomes) else EXIT_OK


def _print_return(outcome, period) -> None:
    saved = outcome.saved
    added = "（新增的报送单位）" if outcome.added_body else ""
    print(f"“{saved.file_name}”：{saved.body.name}{added}，已记录 {saved.recorded} 条{period.label}进展。")
    if saved.replaced is not None:
        print(f"  已替换该单位本期此前读入的“{saved.replaced.file_name}”。")
    for line in saved.unmatched:
        print(f"  未对应：{line}")
    for line in saved.warnings:
        print(f"  提示：{line}")


def _outcome_json(outcome) -> dict:
    if outcome.error:
        return {"file": outcome.path.name, "error": outcome.error}
    return {**outcome.saved.summary(), "added_body": outcome.added_body}


def _fill_back(services: Services, args: argparse.Namespace) -> int:
    report = services.progress_exchange.fill_back(args.plan_id, args.template, args.period, args.out)
    print(f"已填写 {report.filled_rows} 行，保存为：{args.out}")
    if report.added_columns:
        print(f"原表没有进展栏目，已在右侧添加：{'、'.join(report.added_columns)}")
    for item in report.unmatched:
        print(f"未对应：工作表“{report.sheet}”第{item.row_index}行：{item.reason}")
    for note in report.notes:
        print(f"提示：{note}")
    return EXIT_OK


def _plans(services: Services, args: argparse.Namespace) -> int:
    plans = services.plans.list_plans()
    if args.json:
        _print_json([plan_summary(p) for p in plans])
    elif not plans:
        print("数据库中还没有计划。")
    else:
        for plan in plans:
            print(f"{plan.id}\t{plan.title}")
    return EXIT_OK


def _show(services: Services, args: argparse.Namespace) -> int:
    contents = services.plans.contents(args.plan_id)
    if args.json:
        _print_json(plan_document(contents))
        return EXIT_OK
    print(contents.plan.title)
    for node in walk(contents.nodes):
        units = "；".join(part for part in ("、".join(u.name for u in node.units_in(role)) for role in Role) if part)
        print(f"{'  ' * node.depth}{node.number} {node.text}" + (f"  【{units}】" if units else ""))
    return EXIT_OK


def _backup(services: Services, args: argparse.Namespace) -> int:
    out = services.backups.backup_to(args.out)
    print(f"已备份到：{out}")
    return EXIT_OK


def _damaged(args: argparse.Namespace, exc: DatabaseDamaged) -> int:
    """A damaged file is never opened: ``restore`` puts a backup in its place (keeping it), others name the backup."""
    from sisiding_desktop.machine import paths
    from sisiding_desktop.store.recovery import backup_time, newest_good_backup, replace_with_backup

    db_path = Path(args.db or paths.default_db_path()).expanduser().resolve()
    if args.command == "restore":
        kept = replace_with_backup(db_path, args.path.expanduser().resolve())
        print(f"数据库文件已损坏，已用“{args.path}”替换。损坏的文件保留为：{kept}")
        return EXIT_OK
    good = newest_good_backup(db_path)
    if good is None:
        return _fail(f"{exc}没有找到完好的自动备份。")
    return _fail(
        f"{exc}最新的完好备份是 {backup_time(good)} 的“{good}”，"
        f'可以用 restore 命令恢复（损坏的文件会另行保留）：main.py --db "{db_path}" restore "{good}"'
    )


def _restore(services: Services, args: argparse.Namespace) -> int:
    safety = services.backups.restore_from(args.path)
    print(f"已从“{args.path}”恢复。恢复前的数据已另存为：{safety}")
    return EXIT_OK


COMMANDS = {
    "import": _import,
    "export": _export,
    "progress-import": _progress_import,
    "returns-import": _returns_import,
    "fill-back": _fill_back,
    "plans": _plans,
    "show": _show,
    "backup": _backup,
    "restore": _restore,
}


def _database(text: str) -> Path | str:
    """``--db``: a server database's URL as given, anything else a file."""
    return text if is_server_url(text) else Path(text)


def _period(text: str) -> Period:
    try:
        return Period.parse(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from exc


def _keys(text: str) -> list[str]:
    return [key.strip() for key in text.replace("，", ",").split(",") if key.strip()]


def _print_json(value: object) -> None:
    json.dump(value, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def _fail(message: str) -> int:
    print(message, file=sys.stderr)
    return EXIT_USER_ERROR
