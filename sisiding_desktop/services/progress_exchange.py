"""Progress travelling as xlsx: read a filled-in table back, fill the prefecture's own table."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sisiding_desktop.domain.model import Node, NodeKind, Period, Status
from sisiding_desktop.exchange.errors import ExchangeError
from sisiding_desktop.exchange.parsed import ImportWarning
from sisiding_desktop.services.backups import BackupService
from sisiding_desktop.services.base import Service
from sisiding_desktop.services.conflicts import NO_ENTRY, saving_batch
from sisiding_desktop.services.errors import ServiceError
from sisiding_desktop.services.periods import ensure_period
from sisiding_desktop.services.plans import PlanService
from sisiding_desktop.services.progress import ProgressService, checked_changes, entry_edited
from sisiding_desktop.services.tree import walk
from sisiding_desktop.wording.os_errors import reason

if TYPE_CHECKING:  # the readers and writers load openpyxl, so they are imported on first use
    from sisiding_desktop.exchange.progress_reader import MatchTarget, ProgressRowRead, Unmatched
    from sisiding_desktop.exchange.template_filler import FillReport


@dataclass(frozen=True)
class ProgressImportReport:
    recorded: int
    unmatched: tuple[str, ...]  # one Chinese sentence per row that found no measure
    warnings: tuple[str, ...]

    def summary(self) -> dict:
        return {"recorded": self.recorded, "unmatched": list(self.unmatched), "warnings": list(self.warnings)}


class ProgressExchangeService(Service):
    def import_progress(self, plan_id: int, path: Path, period: Period) -> ProgressImportReport:
        """Record every matched row of a filled-in progress workbook, in one transaction.

        The entries are saved against their versions as they were when the reading began: an entry another
        desk saved meanwhile makes the whole import EditConflict, with nothing recorded.
        """
        from sisiding_desktop.exchange.progress_reader import match_rows

        path = Path(path)
        progress = ProgressService(self.db, self.user)
        seen = progress.versions(plan_id, period)
        nodes = PlanService(self.db, self.user).tree(plan_id)
        rows, warnings = _read(path)
        matches, unmatched = match_rows([(r.number_text, r.task_text, r.measure_text) for r in rows], targets(nodes))
        if not matches:
            raise ServiceError(f"文件“{path.name}”中没有一行能与本计划的任务对应上，未记录任何进展。")
        BackupService(self.db, self.user).make_automatic_backup("before-progress-import")
        by_id = {node.id: node for node in walk(nodes)}
        recorded = 0
        with saving_batch(self.db) as (s, edited):
            period_row = ensure_period(s, period)
            for match in matches:
                changes = row_changes(rows[match.row_index], by_id[match.node_id])
                if changes:
                    edited.append(entry_edited(match.node_id, period, _named(by_id[match.node_id])))
                    expected = seen.get(match.node_id, NO_ENTRY)
                    progress.apply(s, match.node_id, period_row, period, changes, expected, edited[-1],
                                   status_from_percent=True)  # fmt: skip
                    recorded += 1
        return ProgressImportReport(
            recorded,
            tuple(unmatched_sentence(rows, u) for u in unmatched),
            tuple(str(w) for w in warnings),
        )

    def fill_back(self, plan_id: int, template: Path, period: Period, out: Path) -> FillReport:
        """Write ``period``'s progress into a copy of the prefecture's workbook at ``out``."""
        template, out = Path(template), Path(out).expanduser().resolve()
        if not template.is_file():
            raise ServiceError(f"找不到文件“{template}”。")
        if out == template.resolve():
            raise ServiceError("输出文件不能覆盖市里发来的原表，请另存为新文件。")
        if not out.parent.is_dir():
            raise ServiceError(f"文件夹“{out.parent}”不存在。")
        from sisiding_desktop.exchange.template_filler import FillValues, fill_template

        nodes = PlanService(self.db, self.user).tree(plan_id)
        service = ProgressService(self.db, self.user)
        entries = service.for_period(plan_id, period)
        lights = service.lights(plan_id, period, period.end)
        values = {
            node_id: FillValues(
                status_label=p.status.label,
                percent=p.percent,
                progress_text=p.progress_text,
                problems=p.problems,
                next_steps=p.next_steps,
                light_label=lights[node_id].label if lights.get(node_id) else "",
                done_flag="是" if p.status is Status.DONE else "否",
            )
            for node_id, p in entries.items()
        }
        try:
            return fill_template(template, out, targets(nodes), values)
        except ExchangeError as exc:
            raise ServiceError(str(exc)) from exc
        except PermissionError as exc:
            raise ServiceError(f"无法写入“{out.name}”：文件可能正在被 Excel 或 WPS 打开。") from exc


def targets(nodes: tuple[Node, ...]) -> list[MatchTarget]:
    """The rows a progress table has: every measure, and every task without measures, in table order."""
    from sisiding_desktop.exchange.progress_reader import MatchTarget

    result: list[MatchTarget] = []
    for node in walk(nodes):
        if node.kind is NodeKind.TASK and not node.children:
            result.append(MatchTarget(node.id, len(result), node.number, node.number, node.text, node.text))
        elif node.kind is NodeKind.TASK:
            for measure in node.children:
                result.append(
                    MatchTarget(measure.id, len(result), measure.number, node.number, node.text, measure.text)
                )
    return result


def _named(node: Node) -> str:
    """How a conflict message names a measure: its number and the start of its text."""
    text = node.text if len(node.text) <= 16 else node.text[:15] + "…"
    kind = "措施" if node.kind is NodeKind.MEASURE else "任务"
    return f"{kind}{node.number}“{text}”"


def _read(path: Path) -> tuple[list[ProgressRowRead], list[ImportWarning]]:
    if not path.is_file():
        raise ServiceError(f"找不到文件“{path}”。")
    from sisiding_desktop.exchange.progress_reader import read_progress_workbook

    try:
        return read_progress_workbook(path)
    except ExchangeError as exc:
        raise ServiceError(str(exc)) from exc
    except OSError as exc:
        raise ServiceError(f"无法读取文件“{path.name}”：{reason(exc)}。") from exc


def row_changes(row: ProgressRowRead, node: Node | None = None) -> dict[str, object]:
    """What a returned row reports for ``node``. A 备注 that only repeats the plan's own 备注 of the node is
    the prefecture's note, still standing in the table it sent, not what the sender reported."""
    own_remarks = node is not None and " ".join(row.remarks.split()) == " ".join(node.remarks.split())
    texts = {
        "progress_text": row.progress_text,
        "problems": row.problems,
        "next_steps": row.next_steps,
        "remarks": "" if own_remarks else row.remarks,
    }
    texts = {k: v for k, v in texts.items() if v.strip()}
    if not texts and row.status is None and row.percent is None:
        return {}
    return checked_changes(row.status, row.percent, texts)


def unmatched_sentence(rows: list[ProgressRowRead], unmatched: Unmatched) -> str:
    row = rows[unmatched.row_index]
    return f"工作表“{row.sheet}”第{row.row}行：{unmatched.reason}"
