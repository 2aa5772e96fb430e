"""Import a 任务分工表 workbook as a new plan: preview first, then one all-or-nothing transaction."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from sisiding_desktop.domain.model import IndicatorAttribute, NodeKind, Plan
from sisiding_desktop.domain.unit_matching import canonical_names, likely_duplicates, plan_level
from sisiding_desktop.domain.unit_names import UnitSplitter
from sisiding_desktop.exchange.errors import ExchangeError
from sisiding_desktop.exchange.errors import NoTableFound as ExchangeNoTable
from sisiding_desktop.exchange.parsed import ImportWarning, KnownHeader, ParsedPlan, ReadChoices
from sisiding_desktop.services.backups import BackupService
from sisiding_desktop.services.base import Service, now
from sisiding_desktop.services.convert import plan_value
from sisiding_desktop.services.errors import NoTableFound, ServiceError
from sisiding_desktop.services.indicators import number_in
from sisiding_desktop.services.settings import SettingsService
from sisiding_desktop.services.tree_writing import node_unit_texts, write_tree
from sisiding_desktop.services.unit_lookup import resolve_units
from sisiding_desktop.services.units import resolve_unit
from sisiding_desktop.store.models import (
    IndicatorResponsibleRow,
    IndicatorRow,
    IndicatorTargetRow,
    PlanRow,
    UnitAliasRow,
    UnitRow,
)
from sisiding_desktop.wording.os_errors import reason

Progress = Callable[[float, str], None]  # (fraction done, what is happening)
KNOWN_HEADERS_KEY = "import_column_choices"  # column meanings the clerk chose, by the header's words
_KEEP_KNOWN_HEADERS = 100


@dataclass(frozen=True)
class ImportPreview:
    """What an import would create, and everything worth a second look."""

    parsed: ParsedPlan
    warnings: tuple[ImportWarning, ...]
    units: tuple[str, ...]  # every unit name the plan uses, as it will be stored
    new_units: tuple[str, ...]  # those not yet in the database
    names_by_text: dict[str, tuple[str, ...]]  # unit cell text → the stored names it stands for
    level: str | None = None  # the plan's own level (县, 市 …), None when it cannot be told
    notes_by_text: dict[str, tuple[str, ...]] = field(default_factory=dict)  # unit cell text → notes in it
    likely_duplicates: tuple[tuple[str, ...], ...] = ()  # stored names that may be one unit (only proposed)

    def unit_names(self, text: str) -> tuple[str, ...]:
        return self.names_by_text.get(text, ())

    @classmethod
    def nothing_read(cls, path: Path, message: str) -> ImportPreview:
        """The preview of a file whose tables were not recognised: nothing to import until the header is named."""
        parsed = ParsedPlan(readable_name(path.stem), "", path.name, [], [], [])
        return cls(parsed, (ImportWarning("", 0, message),), (), (), {})

    def counts(self) -> dict[str, int]:
        return dict(self.parsed.counts(), units=len(self.units))

    def summary(self) -> dict:
        """The ``import --json`` output."""
        return dict(self.counts(), warnings=[str(w) for w in self.warnings])


@dataclass
class _UnitPlan:
    """Unit strings of the workbook, split with every name known so far; a warning once per distinct text."""

    splitter: UnitSplitter
    by_text: dict[str, tuple[str, ...]] = field(default_factory=dict)
    notes_by_text: dict[str, tuple[str, ...]] = field(default_factory=dict)
    warnings: list[ImportWarning] = field(default_factory=list)

    def names(self, text: str, sheet: str, row: int) -> tuple[str, ...]:
        if text not in self.by_text:
            split = self.splitter.split(text)
            self.by_text[text] = split.names
            if split.notes:
                self.notes_by_text[text] = split.notes
            self.warnings.extend(ImportWarning(sheet, row, message) for message in split.warnings)
        return self.by_text[text]


class ImportService(Service):
    def preview(
        self, path: Path, progress: Progress | None = None, choices: ReadChoices | None = None
    ) -> ImportPreview:
        """Read the workbook (a dry run: nothing is stored), with the clerk's ``choices`` and the column
        meanings chosen before for a header that reads the same."""
        parsed = _read(Path(path), progress, self._with_known_headers(choices))
        with self.db.reading() as s:
            return _preview(s, parsed, choices)

    def import_plan(
        self,
        path: Path,
        title: str | None = None,
        progress: Progress | None = None,
        choices: ReadChoices | None = None,
    ) -> tuple[Plan, ImportPreview]:
        """Create a plan from the workbook in one transaction; a backup is taken first. The column meanings
        in ``choices`` are remembered for the next file whose header reads the same."""
        path = Path(path)
        choices = self._with_known_headers(choices)
        parsed = _read(path, progress, choices)
        plan_title = (title or parsed.title or readable_name(path.stem)).strip()
        if not parsed.nodes and not parsed.indicators:
            raise ServiceError(f"文件“{path.name}”中没有读到任何任务或指标，未导入。")
        if progress:
            progress(0.6, "正在备份数据库")
        self._backup_if_not_empty()
        if progress:
            progress(0.7, "正在写入数据库")
        with self.db.transaction() as s:
            preview = _preview(s, parsed, choices)
            _keep_unit_notes(parsed, preview)
            stamp = now()
            plan = PlanRow(
                title=plan_title,
                attachment_label=parsed.attachment_label,
                source_file=readable_name(path.name),
                task_numbering=_numbering(parsed, NodeKind.TASK),
                section_numbering=_numbering(parsed, NodeKind.GROUP),
                keep_source_numbers=any(node.source_label for node in parsed.walk()),
                created_at=stamp,
                updated_at=stamp,
            )
            s.add(plan)
            units = _UnitRows(s, preview.units)
            unit_ids = units.ids(_node_unit_names(parsed, preview))  # created in the order the tree uses them
            write_tree(s, plan.id, parsed.nodes, preview.unit_names, unit_ids, stamp)
            _add_indicators(s, plan, parsed, units, preview)
            _alias_merged_names(s, units, choices.unit_merges, preview)
            s.flush()
            self.log(s, "import", "plan", plan.id, new=f"{readable_name(path.name)} → {plan_title}", plan_id=plan.id)
            result = plan_value(plan)
        self._remember_columns(parsed, choices)
        if progress:
            progress(1.0, "导入完成")
        return result, preview

    def known_headers(self) -> tuple[KnownHeader, ...]:
        """Column meanings chosen in earlier imports, by the words of their header."""
        stored = SettingsService(self.db, self.user).get(KNOWN_HEADERS_KEY, [])
        known = []
        for entry in stored if isinstance(stored, list) else []:
            try:
                roles = tuple((int(col), str(role)) for col, role in entry["roles"])
                known.append(KnownHeader(str(entry["signature"]), roles))
            except (KeyError, TypeError, ValueError):
                continue  # an entry written by hand or by another version: not used
        return tuple(known)

    def _with_known_headers(self, choices: ReadChoices | None) -> ReadChoices:
        choices = choices or ReadChoices()
        if choices.known_headers:
            return choices
        return replace(choices, known_headers=self.known_headers())

    def _remember_columns(self, parsed: ParsedPlan, choices: ReadChoices) -> None:
        known = {entry.signature: dict(entry.roles) for entry in choices.known_headers}
        changed = False
        for table in parsed.tables:
            chosen = choices.columns_of(table.sheet)
            if chosen:
                known[table.signature] = {**known.get(table.signature, {}), **chosen}
                changed = True
        if changed:
            entries = [{"signature": sig, "roles": sorted(roles.items())} for sig, roles in known.items()]
            SettingsService(self.db, self.user).set(KNOWN_HEADERS_KEY, entries[-_KEEP_KNOWN_HEADERS:])

    def _backup_if_not_empty(self) -> None:
        with self.db.reading() as s:
            empty = s.scalar(select(PlanRow.id).limit(1)) is None
        if not empty:
            BackupService(self.db, self.user).make_automatic_backup("before-import")


def _read(path: Path, progress: Progress | None, choices: ReadChoices) -> ParsedPlan:
    if progress:
        progress(0.0, f"正在读取“{path.name}”")
    if not path.is_file():
        raise ServiceError(f"找不到文件“{path}”。")
    from sisiding_desktop.exchange.plan_reader import read_plan_workbook  # openpyxl loads on first use

    try:
        parsed = read_plan_workbook(path, choices=choices)
    except ExchangeNoTable as exc:
        raise NoTableFound(str(exc), exc.sheets) from exc
    except ExchangeError as exc:
        raise ServiceError(str(exc)) from exc
    except OSError as exc:
        raise ServiceError(f"无法读取文件“{path.name}”：{reason(exc)}。") from exc
    if progress:
        progress(0.5, "已读取表格")
    return parsed


def _preview(s: Session, parsed: ParsedPlan, choices: ReadChoices | None = None) -> ImportPreview:
    existing = set(s.scalars(select(UnitRow.name))) | set(s.scalars(select(UnitAliasRow.alias)))
    nodes = list(parsed.walk())
    cells = [(text, n) for n in nodes for _, text in node_unit_texts(n)]
    cells += [(i.responsible_text, i) for i in parsed.indicators]
    texts = dict.fromkeys(text for text, _ in cells)  # each distinct text once, in order
    # Names that stand alone somewhere in the file count as known, so glued ones can be cut.
    known = set(existing)
    alone = UnitSplitter(existing)
    for text in texts:
        known.update(alone.standalone(text))
    splitter = _UnitPlan(UnitSplitter(known))
    split = {text: splitter.names(text, item.sheet, item.row) for text, item in cells if text not in splitter.by_text}
    uses = [name for text, _ in cells for name in split[text]]  # every use, repeats counted
    level = plan_level(uses, region=parsed.title or parsed.source_file)
    same = canonical_names(uses, level)  # 水利局 and 县水利局 in a county plan: one name
    split = {text: tuple(dict.fromkeys(same.get(name, name) for name in names)) for text, names in split.items()}
    found = resolve_units(s, dict.fromkeys(name for names in split.values() for name in names), level)
    canonical = {name: row.name if row else name for name, row in found.items()}
    merges = choices.unit_merges if choices else {}
    canonical = {name: merges.get(stored, stored) for name, stored in canonical.items()}  # merged in the preview
    names_by_text = {text: tuple(dict.fromkeys(canonical[name] for name in names)) for text, names in split.items()}
    units = tuple(dict.fromkeys(canonical.values()))
    new_units = tuple(name for name in units if name not in existing)
    duplicates = tuple(likely_duplicates(units, level))
    warnings = tuple(parsed.warnings) + tuple(splitter.warnings)
    warnings += tuple(ImportWarning("", 0, f"单位“{'”“'.join(g)}”可能是同一单位，请核对") for g in duplicates)
    return ImportPreview(parsed, warnings, units, new_units, names_by_text, level, splitter.notes_by_text, duplicates)


def _alias_merged_names(s: Session, units: _UnitRows, merges: dict[str, str], preview: ImportPreview) -> None:
    """A name merged into another in the preview becomes that unit's alias, so the next table finds it."""
    taken = set(s.scalars(select(UnitAliasRow.alias))) | set(s.scalars(select(UnitRow.name)))
    for name, target in merges.items():
        if name != target and name not in taken and target in preview.units:
            s.add(UnitAliasRow(unit=units.get(target), alias=name))
            taken.add(name)


def _keep_unit_notes(parsed: ParsedPlan, preview: ImportPreview) -> None:
    """Phrases in unit cells that are no units (各相关部门按职责分工共同推进) go to the node's 备注."""
    if not preview.notes_by_text:
        return
    for node in parsed.walk():
        notes = [note for _, text in node_unit_texts(node) for note in preview.notes_by_text.get(text, ())]
        if notes:
            node.remarks = "\n".join(dict.fromkeys(part for part in (node.remarks, *notes) if part))


def _node_unit_names(parsed: ParsedPlan, preview: ImportPreview) -> list[str]:
    """The stored unit names the tree's assignments use, in tree order (牵头, 配合, 责任单位 on each node)."""
    names: dict[str, None] = {}
    for node in parsed.walk():
        for _, text in node_unit_texts(node):
            names.update(dict.fromkeys(preview.unit_names(text)))
    return list(names)


class _UnitRows:
    """Unit rows by name within the import transaction, created on first use."""

    def __init__(self, s: Session, names: tuple[str, ...]) -> None:
        self._s = s
        self._rows: dict[str, UnitRow] = {}
        self._found = resolve_units(s, names)  # the names the import uses, looked up at once

    def get(self, name: str) -> UnitRow:
        row = self._rows.get(name)
        if row is None:
            found = self._found[name] if name in self._found else resolve_unit(self._s, name)
            row = found or UnitRow(name=name, short_name="", kind="", created_at=now())
            self._s.add(row)
            self._rows[name] = row
        return row

    def ids(self, names: list[str]) -> dict[str, int]:
        """Name → unit id for ``names``, creating the new ones (in the order given)."""
        rows = [self.get(name) for name in names]
        self._s.flush()
        return {name: row.id for name, row in zip(names, rows, strict=True)}


def _add_indicators(s, plan, parsed: ParsedPlan, units: _UnitRows, preview: ImportPreview) -> None:
    for position, item in enumerate(parsed.indicators):
        responsible = [units.get(name) for name in preview.unit_names(item.responsible_text)]  # may flush: first
        row = IndicatorRow(
            plan=plan,
            position=position,
            category=item.category[:200],
            name=item.name[:500] or "（未命名指标）",
            measure_unit=item.measure_unit[:50],
            attribute=_attribute(item.attribute_text),
            base_value=item.base_value[:200],
            notes="",
        )
        row.targets = [
            IndicatorTargetRow(year=year, text=text[:200], value=number_in(text))
            for year, text in sorted(item.targets.items())
            if text.strip()
        ]
        row.responsible = [IndicatorResponsibleRow(unit=unit, position=index) for index, unit in enumerate(responsible)]
        s.add(row)


def readable_name(name: str) -> str:
    """A file name as text that can be stored: names unpacked from another system's encoding (often GBK) are decoded."""
    raw = name.encode("utf-8", "surrogateescape")
    for encoding in ("utf-8", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return raw.decode("utf-8", "replace")


def _attribute(text: str) -> str | None:
    if "约束" in text:
        return IndicatorAttribute.BINDING.value
    if "预期" in text:
        return IndicatorAttribute.EXPECTED.value
    return None


_LEADING_NUMBER = re.compile(r"\d+")


def _numbering(parsed: ParsedPlan, kind: NodeKind) -> str:
    """ "parent" when the source restarts the numbers of ``kind`` under each group, else "plan"."""
    numbers: list[int] = []
    for node in parsed.walk():
        if node.kind is not kind or (kind is NodeKind.GROUP and not node.source_label.startswith("（")):
            continue
        label = node.source_label
        match = _LEADING_NUMBER.search(label)
        if match:
            numbers.append(int(match.group()))
        elif kind is NodeKind.GROUP and label:
            numbers.append(_chinese_number(label.strip("（）() 、.")))
    restarts = any(b <= a for a, b in zip(numbers, numbers[1:], strict=False) if b > 0)
    return "parent" if restarts else "plan"


_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")}


def _chinese_number(text: str) -> int:
    if not text:
        return 0
    if text == "十":
        return 10
    if text.startswith("十"):
        return 10 + _DIGITS.get(text[1:2], 0)
    if "十" in text:
        tens, _, ones = text.partition("十")
        return _DIGITS.get(tens, 0) * 10 + (_DIGITS.get(ones, 0) if ones else 0)
    return _DIGITS.get(text, 0)
