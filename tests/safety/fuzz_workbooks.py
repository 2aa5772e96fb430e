"""Hypothesis strategies for whole workbooks: odd tables, hostile packages and files that are no xlsx at all.

Every strategy yields a :class:`Case`: the bytes of one file, the name it is
imported under, a label for statistics, and whether the importer *must*
refuse it (a zip bomb, XML entities in a part the reader parses, bytes that
are not a zip package). Odd but harmless files may either import or be
refused; that is for the test to judge.

Tables are built with openpyxl (random header rows and synonyms, merges,
empty rows and columns, numbers and dates where text is expected, control
characters, emoji, 32,767-character cells, formulas, hidden sheets);
package-level cases then rewrite the saved zip and its XML directly.
"""

from __future__ import annotations

import hashlib
import io
import re
import struct
import warnings
import zipfile
import zlib
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from hypothesis import strategies as st
from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from tests.exchange.workbooks import put_rows

SHEET_XML = "xl/worksheets/sheet1.xml"
_MB = 1024**2


@dataclass(frozen=True)
class Case:
    kind: str  # what sort of file, for the run's statistics
    name: str  # the file name the importer sees
    data: bytes
    must_refuse: bool = False
    refusal_hint: str = ""  # a word the refusal must contain, when one is known

    def __repr__(self) -> str:  # hypothesis prints falsifying examples: keep it short
        digest = hashlib.sha1(self.data).hexdigest()[:12]
        return f"Case({self.kind!r}, {self.name!r}, {len(self.data)} bytes, sha1 {digest})"


# -- words a real table uses ------------------------------------------------

HEADER_WORDS = {
    "seq": ["序号", "编号", "序", "序 号", "序\n号"],
    "task": ["重点任务", "主要任务", "目标任务", "任务", "重点工作", "工作任务", "任务名称", "重 点 任 务"],
    "measure": ["具体落实措施", "具体任务", "具体工作", "工作措施", "主要措施", "具体措施", "措施", "具体\n任务"],
    "lead": ["牵头单位", "责任单位", "牵头部门", "主责单位", "牵头", "责任", "牵头\n单位", "牵头责任单位"],
    "support": ["配合单位", "参与单位", "协办单位", "配合", "配合\n单位"],
    "duty": ["职责", "职责分工", "单位职责"],
    "unit": ["单位", "部门", "单位名称"],
    "deadline": ["完成时限", "时间节点", "完成时间", "时限", "时限要求"],
    "ignored": ["备注", "进展情况", "完成情况", "存在问题", "亮灯", "分管领导"],
    "noise": ["附件", "说明", "合计", "Column1", "指标", "2025年"],
}
INDICATOR_HEADERS = [
    "序号",
    "指标类型",
    "指标名称",
    "单位",
    "指标属性",
    "基期值",
    "2024年",
    "2025年",
    "责任单位",
    "备注",
]
GROUP_TEXTS = [
    "一、以水定城",
    "二、以水定地",
    "（一）强化节水",
    "（二）控制用水总量",
    "第一部分 总体要求",
    "三.以水定产",
]
TASK_TEXTS = [
    "推进城镇节水降损",
    "严格用水总量控制",
    "开展节水型社会建设",
    "1.实施农业节水增效",
    "强化地下水超采治理，压减地下水开采量",
    "2024年节水型医院建成率达到100%。",
]
MEASURE_TEXTS = ["1.推广节水器具", "（1）压减高耗水作物", "2、开展节水宣传", "①完成管网改造", "落实计划用水管理"]
UNIT_TEXTS = [
    "水务局",
    "住建局、发改局、各乡镇（农场）",
    "市城管局\n市市场监管局",
    "市工信局市商务局",
    "/",
    "节水型社会建设领导小组各成员单位",
    "自然资源局，农业农村局；财政局",
]
DEADLINE_TEXTS = ["2024年", "2024年6月", "2023—2025年", "到2025年累计完成", "长期坚持", "2024年12月底前"]
NOTE_TEXTS = ["注：本表由县水务局汇总", "填报单位：县水务局", "备注：各单位每季度末报送"]

FILE_NAMES = [
    "表.xlsx",
    "任务分工表.xlsx",
    "fuzz.xlsx",
    "表.xls",
    "下载",
    "💧任务 表 (1).xlsx",
    "=SUM(1).xlsx",
    "-rf.xlsx",
    " 前后空格 .xlsx",
    "节" * 80 + ".xlsx",
    "a.b.c.xlsx",
]
EMOJI = ["💧", "🚰", "👨‍👩‍👧", "🇨🇳", "😀", "𠀀", "𪚥", "\u0301"]
CONTROLS = [
    "_x0000_",
    "_x0007_",
    "_x001B_",
    "_x000D_",
    "_xD83D_",
    "_xD83D__xDE00_",
    "_xDE00_",
    "\t",
    "\n",
    "\r",
    "\r\n",
    "\u200b",
    "\ufeff",
]
CONTROLS += ["\u2028", "\u00a0", "\u3000", "\u202e", "\x85"]
FORMULA_LIKE = [
    "=SUM(1,2)",
    '=HYPERLINK("http://example.invalid","点这里")',
    "=cmd|' /C calc'!A0",
    "=1/0",
    "=A1",
    "=Sheet2!A1",
    "+1",
    "-1",
    "@SUM(1)",
    "#N/A",
    "#REF!",
]

_plain_chars = st.characters(codec="utf-8", exclude_categories=("Cs", "Cc"), exclude_characters="\ufffe\uffff")
plain_text = st.text(st.one_of(_plain_chars, st.sampled_from("\t\n\r 　节水局")), max_size=24)


@st.composite
def long_text(draw) -> str:
    """Text at, just over or well over Excel's 32,767-character cell limit."""
    seed = draw(st.sampled_from(["节水", "a", "💧", "水务局、"])) + draw(plain_text)
    length = draw(st.sampled_from([32_767, 32_767, 32_768, 40_000, 5_000]))
    return (seed * (length // max(len(seed), 1) + 1))[:length]


odd_text = st.one_of(
    plain_text,
    st.lists(st.sampled_from(EMOJI + CONTROLS), min_size=1, max_size=6).map("".join),
    st.tuples(st.sampled_from(TASK_TEXTS), st.sampled_from(CONTROLS + EMOJI)).map(lambda p: p[0] + p[1] + p[0]),
    st.sampled_from(FORMULA_LIKE),
    st.sampled_from(["", " ", "\u3000", "\n\n", "None", "null", "0", "１２３", "NaN"]),
)
odd_value = st.one_of(
    odd_text,
    st.integers(-(10**20), 10**20),
    st.floats(allow_nan=False, allow_infinity=False),
    st.sampled_from([0.1 + 0.2, 1e308, -0.0, 2958465.9, 45000.5]),
    st.booleans(),
    st.dates(min_value=date(1900, 3, 1)),
    st.datetimes(min_value=datetime(1900, 3, 1)),
    st.times(),
    st.timedeltas(min_value=timedelta(0), max_value=timedelta(days=3000)),
)
DATE_FORMATS = ["yyyy年m月", "yyyy-mm-dd", "yyyy", "m/d/yy h:mm", "[h]:mm:ss", "0%", "0.00", "@", "General"]


def maybe_odd(normal: st.SearchStrategy, odd_share: int = 6) -> st.SearchStrategy:
    """Mostly ``normal``; now and then an odd value, rarely a 32,767-character text."""
    return st.integers(0, 99).flatmap(lambda n: long_text() if n == 0 else (odd_value if n <= odd_share else normal))


# -- building tables ------------------------------------------------------------


@dataclass
class _Sheet:
    ws: Worksheet
    top: int  # the header's row
    left: int  # the first column


def _put(ws: Worksheet, row: int, col: int, value: object) -> None:
    if value is None or value == "":
        return
    cell = ws.cell(row=row, column=col)
    if isinstance(value, str) and value.startswith("="):
        cell.value = value  # openpyxl stores it as a formula with no cached value
    else:
        cell.value = value


def _merge(ws: Worksheet, top: int, left: int, bottom: int, right: int) -> None:
    if (bottom, right) != (top, left):
        ws.merge_cells(start_row=top, start_column=left, end_row=bottom, end_column=right)


@st.composite
def _header_layout(draw) -> list[str | None]:
    roles = ["seq", "task", "measure", "lead", "support", "deadline", "duty", "unit", "ignored", "noise"]
    chosen = draw(st.lists(st.sampled_from(roles), min_size=1, max_size=8))
    if draw(st.integers(0, 4)):  # most tables name a task column
        chosen = ["seq", "task", *chosen] if draw(st.booleans()) else ["task", *chosen]
    gaps = draw(st.lists(st.integers(0, len(chosen)), max_size=2))  # empty columns inside the table
    layout: list[str | None] = list(dict.fromkeys(chosen)) if draw(st.booleans()) else chosen
    for gap in sorted(gaps, reverse=True):
        layout.insert(min(gap, len(layout)), None)
    return layout


@st.composite
def _task_sheet(draw, ws: Worksheet) -> None:
    top = draw(st.integers(1, 8))
    left = draw(st.integers(1, 4))
    layout = draw(_header_layout())
    width = len(layout)
    for row in range(1, top):  # title lines, 附件 labels, blank rows
        choice = draw(st.integers(0, 4))
        if choice == 1:
            _put(ws, row, left, draw(st.sampled_from(["附件1", "附件 2", "附件：", "表一"])))
        elif choice == 2:
            _put(ws, row, left, draw(maybe_odd(st.sampled_from(["平罗县“四水四定”年度重点任务表", "任务分工表"]))))
            if width > 1 and draw(st.booleans()):
                _merge(ws, row, left, row, left + width - 1)
        elif choice == 3:
            _put(ws, row, left + draw(st.integers(0, 3)), draw(odd_value))
    two_rows = "lead" in layout and "support" in layout and draw(st.integers(0, 3)) == 0
    for offset, role in enumerate(layout):
        if role is not None:
            _put(ws, top, left + offset, draw(maybe_odd(st.sampled_from(HEADER_WORDS[role]), 3)))
    row = top + 1
    if two_rows:  # 责任单位 over 牵头单位 | 配合单位
        lead, support = layout.index("lead"), layout.index("support")
        for offset in range(width):
            if offset not in (lead, support):
                _merge(ws, top, left + offset, top + 1, left + offset)
        _put(ws, top + 1, left + lead, "牵头单位")
        _put(ws, top + 1, left + support, "配合单位")
        row += 1
    row = draw(_body(ws, row, left, layout))
    for _ in range(draw(st.integers(0, 4))):  # merges anywhere, overlapping or not
        r1, c1 = draw(st.integers(1, row + 1)), draw(st.integers(1, left + width + 1))
        _merge(ws, r1, c1, r1 + draw(st.integers(0, 4)), c1 + draw(st.integers(0, 3)))


@st.composite
def _body(draw, ws: Worksheet, row: int, left: int, layout: list[str | None]) -> int:
    width = len(layout)
    col = {role: left + offset for offset, role in enumerate(layout) if role is not None}
    number = 0
    kinds = ["task", "task", "task", "group", "empty", "measures", "note", "header", "junk"]
    for kind in draw(st.lists(st.sampled_from(kinds), max_size=14)):
        if kind == "group":
            _put(ws, row, left, draw(maybe_odd(st.sampled_from(GROUP_TEXTS))))
            if draw(st.booleans()):
                _merge(ws, row, left, row, left + width - 1)
            row += 1
        elif kind in ("task", "measures"):
            number += 1
            measures = draw(st.integers(1, 4)) if kind == "measures" else 1
            for offset in range(measures):
                values = {
                    "seq": st.sampled_from([number, str(number), f"{number}.", float(number), "（一）", ""]),
                    "task": st.sampled_from(TASK_TEXTS),
                    "measure": st.sampled_from(MEASURE_TEXTS),
                    "lead": st.sampled_from(UNIT_TEXTS),
                    "support": st.sampled_from(UNIT_TEXTS),
                    "unit": st.sampled_from(UNIT_TEXTS),
                    "duty": st.sampled_from(["牵头", "配合", "参与"]),
                    "deadline": st.one_of(st.sampled_from(DEADLINE_TEXTS), st.integers(2020, 2030)),
                    "ignored": plain_text,
                    "noise": plain_text,
                }
                for role, where in col.items():
                    if offset and role in ("seq", "task") and measures > 1:
                        continue  # merged down from the task's first row
                    _put(ws, row + offset, where, draw(maybe_odd(values[role])))
                    if draw(st.integers(0, 9)) == 0:
                        ws.cell(row=row + offset, column=where).number_format = draw(st.sampled_from(DATE_FORMATS))
            if measures > 1:
                for role in ("seq", "task"):
                    if role in col and draw(st.integers(0, 3)):
                        _merge(ws, row, col[role], row + measures - 1, col[role])
            row += measures
        elif kind == "empty":
            row += draw(st.integers(1, 3))
        elif kind == "note":
            _put(ws, row, left, draw(st.sampled_from(NOTE_TEXTS)))
            row += 1
        elif kind == "header":  # the header repeated, as on every printed page
            for role, where in col.items():
                _put(ws, row, where, HEADER_WORDS[role][0])
            row += 1
        else:
            for offset in range(draw(st.integers(1, width + 2))):
                _put(ws, row, left + offset, draw(odd_value))
            row += 1
    return row


@st.composite
def _indicator_sheet(draw, ws: Worksheet) -> None:
    top = draw(st.integers(1, 4))
    headers = draw(st.permutations(INDICATOR_HEADERS))[: draw(st.integers(2, len(INDICATOR_HEADERS)))]
    for col, word in enumerate(headers, start=1):
        _put(ws, top, col, word)
    values = st.sampled_from(["总体目标", "用水总量", "亿立方米", "约束性", "预期性", "6.17", "≥16", "水务局", 6.2])
    for row in range(top + 1, top + 1 + draw(st.integers(0, 8))):
        for col in range(1, len(headers) + 1):
            _put(ws, row, col, draw(maybe_odd(values)))


@st.composite
def table_workbooks(draw, max_sheets: int = 3) -> Workbook:
    """A workbook of task tables, indicator tables, scribbles and empty sheets, some of them hidden."""
    wb = Workbook()
    wb.remove(wb.active)
    count = draw(st.integers(1, max_sheets))
    names = draw(
        st.lists(
            st.one_of(
                st.sampled_from(["任务表", "Sheet1", "主要指标", "年度重点任务表", "说明"]), st.text(_plain_chars)
            ),
            min_size=count,
            max_size=count,
            unique_by=lambda n: _sheet_title(n).lower(),
        )
    )
    for index, name in enumerate(names):
        ws = wb.create_sheet(_sheet_title(name) or f"表{index + 1}")
        kind = draw(st.sampled_from(["task", "task", "task", "indicator", "scribble", "empty"]))
        if index == 0 and draw(st.integers(0, 3)):
            kind = "task"  # most workbooks open with their task table
        if kind == "task":
            draw(_task_sheet(ws))
        elif kind == "indicator":
            draw(_indicator_sheet(ws))
        elif kind == "scribble":
            for _ in range(draw(st.integers(1, 10))):
                _put(ws, draw(st.integers(1, 40)), draw(st.integers(1, 12)), draw(odd_value))
        ws.sheet_state = draw(st.sampled_from(["visible", "visible", "visible", "hidden", "veryHidden"]))
        if index == 0 and draw(st.integers(0, 3)):
            ws.sheet_state = "visible"
    if all(ws.sheet_state != "visible" for ws in wb.worksheets):
        wb.worksheets[0].sheet_state = "visible"  # openpyxl will not save otherwise; table_cases may hide it after
    return wb


def _sheet_title(name: str) -> str:
    return re.sub(r"[\\/*?:\[\]]", "", name).strip("'")[:31]


def to_bytes(wb: Workbook) -> bytes:
    """The saved workbook, byte for byte the same on every run (openpyxl stamps the time of saving)."""
    buffer = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        wb.save(buffer)
    stamp = rb"\g<1>2024-01-01T00:00:00Z"
    return zip_parts(
        [
            (info, re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*", stamp, payload))
            if info.filename == "docProps/core.xml"
            else (info, payload)
            for info, payload in parts_of(buffer.getvalue())
        ]
    )


@st.composite
def table_cases(draw) -> Case:
    """Odd but honest tables: they may import, or be refused with a clear reason."""
    wb = draw(table_workbooks())
    data = to_bytes(wb)
    if draw(st.integers(0, 19)) == 0:  # every sheet hidden, which openpyxl itself refuses to write
        data = replace_part(
            data, "xl/workbook.xml", lambda xml: re.sub(rb"<sheet (?![^>]*state=)", b'<sheet state="hidden" ', xml)
        )
    name = draw(st.sampled_from(FILE_NAMES))
    return Case("table", name, data)


def small_table(rows: int = 3) -> bytes:
    """A tidy two-column table, the base every package-level case starts from."""
    wb = Workbook()
    ws = wb.active
    ws.title = "任务表"
    put_rows(ws, [["序号", "重点任务", "牵头单位"]] + [[n, f"任务{n}", "水务局"] for n in range(1, rows + 1)])
    return to_bytes(wb)


# -- rewriting the package -------------------------------------------------------


def parts_of(data: bytes) -> list[tuple[zipfile.ZipInfo, bytes]]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return [(info, archive.read(info)) for info in archive.infolist()]


def zip_parts(parts: list[tuple[str | zipfile.ZipInfo, bytes]], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # duplicate names are on purpose
        with zipfile.ZipFile(buffer, "w", method) as archive:
            for info, payload in parts:
                name = info.filename if isinstance(info, zipfile.ZipInfo) else info
                archive.writestr(zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0)), payload, compress_type=method)
    return buffer.getvalue()


def replace_part(data: bytes, member: str, transform) -> bytes:
    return zip_parts(
        [(info, transform(payload) if info.filename == member else payload) for info, payload in parts_of(data)]
    )


def add_parts(data: bytes, extra: list[tuple[str, bytes]]) -> bytes:
    return zip_parts([*parts_of(data), *extra])


def _sheet_rows(rows: list[bytes]) -> bytes:
    """A sheet part whose sheetData holds ``rows`` (raw ``<row>`` elements)."""
    return (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        b'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        b'<dimension ref="A1:C4"/><sheetData>' + b"".join(rows) + b"</sheetData></worksheet>"
    )


HEADER_ROW = (
    b'<row r="1"><c r="A1" t="inlineStr"><is><t>\xe5\xba\x8f\xe5\x8f\xb7</t></is></c>'  # 序号
    b'<c r="B1" t="inlineStr"><is><t>\xe9\x87\x8d\xe7\x82\xb9\xe4\xbb\xbb\xe5\x8a\xa1</t></is></c>'  # 重点任务
    b'<c r="C1" t="inlineStr"><is><t>\xe7\x89\xb5\xe5\xa4\xb4\xe5\x8d\x95\xe4\xbd\x8d</t></is></c></row>'  # 牵头单位
)


def _task_row(row: int, cells: bytes) -> bytes:
    return b'<row r="%d"><c r="A%d"><v>%d</v></c>%s</row>' % (row, row, row - 1, cells)


def _inline(ref: bytes, text: bytes) -> bytes:
    return b'<c r="' + ref + b'" t="inlineStr"><is><t>' + text + b"</t></is></c>"


ENTITY_PARTS = ["xl/workbook.xml", SHEET_XML, "xl/styles.xml", "[Content_Types].xml", "xl/_rels/workbook.xml.rels"]
ENTITY_PARTS += ["xl/sharedStrings.xml", "docProps/core.xml", "docProps/app.xml"]
_PARSED_PARTS = set(ENTITY_PARTS[:5])  # parts both the scan and openpyxl always parse
DTDS = {
    "billion-laughs": (
        b'<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
        b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>'
    ),
    "external": b'<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>',
    "parameter": b'<!DOCTYPE x [<!ENTITY % p SYSTEM "http://example.invalid/e.dtd"> %p;]>',
    "plain-entity": b'<!DOCTYPE x [<!ENTITY e "\xe6\xb0\xb4">]>',
}


def _with_dtd(xml: bytes, dtd: bytes) -> bytes:
    match = re.search(rb"<(?!\?)", xml)
    start = match.start() if match else 0
    head = xml[:start]
    body = xml[start:]
    return head + dtd + body


@st.composite
def entity_cases(draw) -> Case:
    """A DOCTYPE with entity declarations in one part of the package."""
    part = draw(st.sampled_from(ENTITY_PARTS))
    dtd_name = draw(st.sampled_from(sorted(DTDS)))
    data = small_table(draw(st.integers(1, 4)))
    if part == "xl/sharedStrings.xml":  # openpyxl wrote inline strings? make sure a shared-strings part exists
        data = _with_shared_strings(data, [b"\xe6\xb0\xb4\xe5\x8a\xa1\xe5\xb1\x80"])
    if part not in {info.filename for info, _ in parts_of(data)}:
        part = SHEET_XML
    uses = draw(st.booleans()) and dtd_name in ("billion-laughs", "plain-entity", "external")
    entity = {"billion-laughs": b"&d;", "plain-entity": b"&e;", "external": b"&e;"}.get(dtd_name, b"")

    def transform(xml: bytes) -> bytes:
        xml = _with_dtd(xml, DTDS[dtd_name])
        if uses and part == SHEET_XML:
            xml = xml.replace(b"</sheetData>", b'<row r="90">' + _inline(b"B90", entity) + b"</row></sheetData>")
        return xml

    data = replace_part(data, part, transform)
    refuse = part in _PARSED_PARTS or part == "xl/sharedStrings.xml"
    return Case(
        f"entities:{dtd_name}", "entities.xlsx", data, must_refuse=refuse, refusal_hint="不安全" if refuse else ""
    )


def _with_shared_strings(data: bytes, strings: list[bytes]) -> bytes:
    """Put a sharedStrings part (and its relationship) into the package, cell B2 pointing at string 0."""
    sst = (
        b'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
        b' count="%d" uniqueCount="%d">'
        % (len(strings), len(strings))
        + b"".join(b"<si><t>" + s + b"</t></si>" for s in strings)
        + b"</sst>"
    )
    parts = [(info.filename, payload) for info, payload in parts_of(data) if info.filename != "xl/sharedStrings.xml"]
    out = []
    for name, payload in parts:
        if name == "[Content_Types].xml" and b"sharedStrings" not in payload:
            payload = payload.replace(
                b"</Types>",
                b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-'
                b'officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
            )
        elif name == "xl/_rels/workbook.xml.rels" and b"sharedStrings" not in payload:
            payload = payload.replace(
                b"</Relationships>",
                b'<Relationship Id="rIdSst" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                b'relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>',
            )
        elif name == SHEET_XML:
            payload = re.sub(rb'<c r="B2"[^>]*?(/>|>.*?</c>)', b'<c r="B2" t="s"><v>0</v></c>', payload, count=1)
        out.append((name, payload))
    return zip_parts([*out, ("xl/sharedStrings.xml", sst)])


@st.composite
def dimension_lie_cases(draw) -> Case:
    """The sheet's <dimension> claims a million rows (or nothing sensible) while holding two."""
    ref = draw(st.sampled_from([b"A1:XFD1048576", b"A1:C1048576", b"A1:XFD2", b"A1", b"", b"ZZZZ99999999", b"A0:B-1"]))

    def transform(xml: bytes) -> bytes:
        return re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="' + ref + b'"', xml)

    data = replace_part(small_table(draw(st.integers(0, 1)) + 1), SHEET_XML, transform)
    return Case("dimension-lie", "dimension.xlsx", data)


@st.composite
def zip_bomb_cases(draw) -> Case:
    """Zip bombs measured two ways: a real high-ratio member, or a directory that claims a huge size."""
    data = small_table()
    how = draw(st.sampled_from(["ratio-media", "ratio-sheet", "claims-huge", "claims-small", "many-members"]))
    if how == "ratio-media":
        size = draw(st.integers(2, 24)) * _MB
        data = add_parts(data, [("xl/media/image1.bin", b"\x00" * size)])
        return Case("zip-bomb:ratio", "bomb.xlsx", data, must_refuse=True, refusal_hint="压缩比异常")
    if how == "ratio-sheet":
        filler = b"<row/>" * (draw(st.integers(2, 16)) * _MB // 6)
        data = replace_part(data, SHEET_XML, lambda xml: xml.replace(b"</sheetData>", filler + b"</sheetData>"))
        return Case("zip-bomb:ratio", "bomb.xlsx", data, must_refuse=True, refusal_hint="压缩比异常")
    if how == "claims-huge":
        member = draw(st.sampled_from([SHEET_XML, "xl/styles.xml", "[Content_Types].xml"]))
        data = claim_size(data, member, draw(st.sampled_from([600 * _MB, 3_900_000_000, 2**32 - 1])))
        return Case("zip-bomb:claims-huge", "claims.xlsx", data, must_refuse=True, refusal_hint="解压后")
    if how == "claims-small":  # the directory understates a member: the reader must stop at the claim
        big = b"<row/>" * (4 * _MB // 6)
        data = replace_part(data, SHEET_XML, lambda xml: xml.replace(b"</sheetData>", big + b"</sheetData>"))
        data = claim_size(data, SHEET_XML, draw(st.integers(100, 5000)))
        return Case("zip-bomb:claims-small", "understated.xlsx", data, must_refuse=True)
    count = draw(st.integers(500, 3000))
    data = add_parts(data, [(f"xl/media/m{n}.bin", b"x") for n in range(count)])
    return Case("zip:many-members", "members.xlsx", data)


def claim_size(data: bytes, member: str, size: int) -> bytes:
    """Make the central directory (and the local header) state ``size`` as ``member``'s uncompressed size."""
    out = bytearray(data)
    name = member.encode()
    for signature, size_at, name_len_at, name_at in ((b"PK\x01\x02", 24, 28, 46), (b"PK\x03\x04", 22, 26, 30)):
        start = 0
        while (start := out.find(signature, start)) >= 0:
            name_len = struct.unpack_from("<H", out, start + name_len_at)[0]
            if out[start + name_at : start + name_at + name_len] == name:
                struct.pack_into("<I", out, start + size_at, size)
            start += 4
    return bytes(out)


VBA = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504 + b'Attribute VB_Name = "Module1"\r\nSub AutoOpen()\r\n'


@st.composite
def macro_cases(draw) -> Case:
    """An .xlsm (or a renamed one) carrying a VBA project."""
    data = small_table(draw(st.integers(1, 4)))

    def macro_types(xml: bytes) -> bytes:
        xml = xml.replace(
            b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
            b"application/vnd.ms-excel.sheet.macroEnabled.main+xml",
        )
        return xml.replace(
            b"</Types>", b'<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/></Types>'
        )

    def macro_rels(xml: bytes) -> bytes:
        return xml.replace(
            b"</Relationships>",
            b'<Relationship Id="rIdVba" Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject" '
            b'Target="vbaProject.bin"/></Relationships>',
        )

    data = replace_part(
        replace_part(data, "[Content_Types].xml", macro_types), "xl/_rels/workbook.xml.rels", macro_rels
    )
    data = add_parts(data, [("xl/vbaProject.bin", VBA + draw(st.binary(max_size=64)))])
    return Case("xlsm", draw(st.sampled_from(["宏.xlsm", "宏.xlsx", "宏.XLSM"])), data)


@st.composite
def external_link_cases(draw) -> Case:
    """A workbook pointing at another file, with a formula and a cached value that uses it."""
    data = small_table()
    link = (
        b'<?xml version="1.0" encoding="UTF-8"?><externalLink xmlns="http://schemas.openxmlformats.org/'
        b'spreadsheetml/2006/main"><externalBook xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/'
        b'relationships" r:id="rId1"><sheetNames><sheetName val="S"/></sheetNames></externalBook></externalLink>'
    )
    link_rels = (
        b'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
        b'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        b'relationships/externalLinkPath" Target="'
        + draw(st.sampled_from([b"file:///C:/x.xlsx", b"\\\\srv\\s\\x.xlsx", b"http://example.invalid/x.xlsx"]))
        + b'" TargetMode="External"/></Relationships>'
    )
    cell = (
        b'<c r="D2" t="str"><f>[1]S!A1</f><v>' + draw(st.sampled_from([b"=1+1", b"\xe6\xb0\xb4", b"x"])) + b"</v></c>"
    )
    data = replace_part(data, SHEET_XML, lambda xml: xml.replace(b'<c r="C2"', cell + b'<c r="C2"', 1))
    data = replace_part(
        data,
        "xl/_rels/workbook.xml.rels",
        lambda xml: xml.replace(
            b"</Relationships>",
            b'<Relationship Id="rIdX" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            b'externalLink" Target="externalLinks/externalLink1.xml"/></Relationships>',
        ),
    )
    data = replace_part(
        data,
        "xl/workbook.xml",
        lambda xml: (
            xml.replace(
                b"</workbook>", b'<externalReferences><externalReference r:id="rIdX"/></externalReferences></workbook>'
            )
            if b"<externalReferences" not in xml
            else xml
        ),
    )
    data = add_parts(
        data,
        [("xl/externalLinks/externalLink1.xml", link), ("xl/externalLinks/_rels/externalLink1.xml.rels", link_rels)],
    )
    return Case("external-link", "links.xlsx", data)


# Raw cells that openpyxl would never write, for the sheet's row 2..n.
RAW_CELLS = [
    b'<c r="B2" t="e"><v>#N/A</v></c>',
    b'<c r="B2" t="d"><v>2024-13-45T99:00:00</v></c>',
    b'<c r="B2" t="d"><v>2024-06-30</v></c>',
    b'<c r="B2" t="s"><v>99999</v></c>',
    b'<c r="B2" t="s"><v>abc</v></c>',
    b'<c r="B2" t="s"><v>-1</v></c>',
    b'<c r="B2" t="n"><v>abc</v></c>',
    b'<c r="B2" t="n"><v>1e400</v></c>',
    b'<c r="B2" t="n"><v>nan</v></c>',
    b'<c r="B2" t="b"><v>x</v></c>',
    b'<c r="B2" t="str"><f>HYPERLINK("http://example.invalid","\xe7\x82\xb9")</f><v>\xe7\x82\xb9</v></c>',
    b'<c r="B2"><f>SUM(1,2)</f><v>3</v></c>',
    b"<c r=\"B2\" t=\"str\"><f>cmd|' /C calc'!A0</f><v>=cmd|' /C calc'!A0</v></c>",
    b'<c r="B2" t="inlineStr"><is><r><t>\xe8\x8a\x82</t></r><r><rPr><b/></rPr><t>\xe6\xb0\xb4</t></r></is></c>',
    b'<c r="B2" t="inlineStr"><is><t>_x0007__xD800_\xe8\x8a\x82\xe6\xb0\xb4_x000D_</t></is></c>',
    b'<c r="B2" t="inlineStr"/>',
    b'<c r="B2" t="zz"><v>1</v></c>',
    b'<c r="B2" s="9999"><v>1</v></c>',
    b'<c r="XFD1048576"><v>1</v></c>',
    b'<c r="A0"><v>1</v></c>',
    b'<c r="B-2"><v>1</v></c>',
    b'<c r="b2"><v>1</v></c>',
    b"<c><v>1</v></c>" * 300,
    b'<c r="B2" t="inlineStr"><is><t>&#1;</t></is></c>',
    b'<c r="B2" t="inlineStr"><is><t>\xef\xbf\xbe</t></is></c>',
    b'<c r="B2" t="inlineStr"><is><t>\xff\xfe</t></is></c>',
    b'<c r="B2" t="inlineStr"><is><t>unclosed</is></c>',
]
RAW_ROWS = [
    b'<row r="1048576"><c r="A1048576"><v>1</v></c></row>',
    b'<row r="0"><c r="A0"><v>1</v></c></row>',
    b'<row r="-5"><c><v>1</v></c></row>',
    b'<row r="2.5"><c><v>1</v></c></row>',
    b'<row r="x"><c><v>1</v></c></row>',
    b'<row r="3" spans="1:99999" ht="-1" hidden="2"><c r="A3"><v>1</v></c></row>',
    b"<row>" + b"<c><v>1</v></c>" * 5 + b"</row>",
    b'<row r="2"/><row r="2"/>',
]


@st.composite
def raw_sheet_cases(draw) -> Case:
    """Sheets written by hand: cell types, references and rows that no tidy writer produces."""
    cells = draw(st.lists(st.sampled_from(RAW_CELLS), min_size=1, max_size=3))
    rows = [HEADER_ROW]
    for index, cell in enumerate(cells, start=2):
        cell = cell.replace(b'r="B2"', b'r="B%d"' % index)
        rows.append(_task_row(index, cell + _inline(b"C%d" % index, b"\xe6\xb0\xb4\xe5\x8a\xa1\xe5\xb1\x80")))
    rows += draw(st.lists(st.sampled_from(RAW_ROWS), max_size=2))
    if draw(st.booleans()):
        rows = rows[:1] + draw(st.permutations(rows[1:]))
    data = replace_part(small_table(), SHEET_XML, lambda _: _sheet_rows(rows))
    return Case("raw-sheet", "raw.xlsx", data)


@st.composite
def odd_xml_cases(draw) -> Case:
    """Well-formed-looking parts with odd content: deep nesting, huge attributes, foreign namespaces, merges."""
    how = draw(
        st.sampled_from(
            [
                "deep",
                "attribute",
                "namespace",
                "merges",
                "merge-bomb",
                "sheetpr",
                "no-rels",
                "missing-sheet",
                "bad-styles",
            ]
        )
    )
    data = small_table()
    if how == "deep":
        depth = draw(st.sampled_from([1000, 20_000, 100_000]))
        part = draw(st.sampled_from([SHEET_XML, "xl/styles.xml", "xl/workbook.xml"]))
        nest = b"<x>" * depth + b"</x>" * depth
        closing = {SHEET_XML: b"</worksheet>", "xl/styles.xml": b"</styleSheet>", "xl/workbook.xml": b"</workbook>"}[
            part
        ]
        data = replace_part(data, part, lambda xml: xml.replace(closing, nest + closing))
    elif how == "attribute":
        junk = b"a" * draw(st.sampled_from([1000, 2 * _MB]))
        data = replace_part(data, SHEET_XML, lambda xml: xml.replace(b"<sheetData>", b'<sheetData x="' + junk + b'">'))
    elif how == "namespace":
        data = replace_part(
            data, SHEET_XML, lambda xml: xml.replace(b"spreadsheetml/2006/main", b"spreadsheetml/2099/main", 1)
        )
    elif how in ("merges", "merge-bomb"):
        refs = draw(
            st.lists(
                st.sampled_from(
                    [b"A1:C1", b"A2:A4", b"B2:B3", b"A1:A1", b"C3:A1", b"A1:XFD1", b"Z9:ZZ99", b"junk", b"A1:C4"]
                ),
                min_size=1,
                max_size=6,
            )
        )
        if how == "merge-bomb":
            refs = [b"A5:XFD1048576"]
        merges = (
            b'<mergeCells count="%d">' % len(refs)
            + b"".join(b'<mergeCell ref="' + r + b'"/>' for r in refs)
            + b"</mergeCells>"
        )
        data = replace_part(data, SHEET_XML, lambda xml: xml.replace(b"</sheetData>", b"</sheetData>" + merges))
    elif how == "sheetpr":
        data = replace_part(
            data,
            SHEET_XML,
            lambda xml: xml.replace(
                b"<dimension",
                b'<sheetPr codeName="\xe6\xb0\xb4" filterMode="maybe"><tabColor rgb="ZZ"/></sheetPr><dimension',
                1,
            ),
        )
    elif how == "no-rels":
        data = zip_parts([(i, p) for i, p in parts_of(data) if i.filename != "xl/_rels/workbook.xml.rels"])
    elif how == "missing-sheet":
        data = zip_parts([(i, p) for i, p in parts_of(data) if i.filename != SHEET_XML])
    else:
        data = replace_part(
            data,
            "xl/styles.xml",
            lambda _: draw(
                st.sampled_from(
                    [
                        b"",
                        b"<styleSheet/>",
                        b"not xml",
                        b'<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                        b'<numFmts count="1"><numFmt numFmtId="999" formatCode=""/></numFmts></styleSheet>',
                    ]
                )
            ),
        )
    return Case(f"odd-xml:{how}", "odd.xlsx", data)


@st.composite
def shared_string_cases(draw) -> Case:
    """Many shared strings, or one very long one."""
    how = draw(st.sampled_from(["many", "long", "huge-count"]))
    if how == "many":
        strings = [f"任务{n}".encode() for n in range(draw(st.sampled_from([10_000, 100_000])))]
    elif how == "long":
        strings = [f"节水{n}".encode() * 3000 for n in range(draw(st.integers(1, 20)))]
    else:
        strings = [b"x"]
    data = _with_shared_strings(small_table(), strings)
    if how == "huge-count":
        data = replace_part(
            data, "xl/sharedStrings.xml", lambda xml: xml.replace(b'count="1"', b'count="999999999999"')
        )
    return Case(f"shared-strings:{how}", "strings.xlsx", data)


@st.composite
def duplicate_member_cases(draw) -> Case:
    """The same part name twice in the zip directory."""
    parts = parts_of(small_table())
    member = draw(st.sampled_from([SHEET_XML, "xl/workbook.xml", "[Content_Types].xml", "xl/styles.xml"]))
    copy = next(payload for info, payload in parts if info.filename == member)
    other = draw(st.sampled_from([copy, b"", b"<broken", copy.replace(b"\xe6\xb0\xb4", b"\xe7\x81\xab")]))
    ordered = [*parts, (member, other)] if draw(st.booleans()) else [(member, other), *parts]
    return Case("zip:duplicate-member", "dup.xlsx", zip_parts(ordered))


@st.composite
def broken_zip_cases(draw) -> Case:
    """Truncated, bit-flipped, methods nobody supports, central directories that lie."""
    data = draw(st.one_of(st.just(small_table()), table_cases().map(lambda c: c.data)))
    how = draw(st.sampled_from(["truncate", "flip", "central", "method", "stored", "comment"]))
    if how == "truncate":
        # Positions are drawn as fractions: the draws never depend on the generated bytes.
        cut = max(4, int(draw(st.floats(0, 1, exclude_max=True)) * len(data)))
        return Case("broken:truncated", "cut.xlsx", data[:cut])
    if how == "flip":
        out = bytearray(data)
        flips = st.tuples(st.floats(0, 1, exclude_max=True), st.integers(0, 255))
        for where, byte in draw(st.lists(flips, min_size=1, max_size=6)):
            out[int(where * len(out))] = byte
        return Case("broken:flipped", "flip.xlsx", bytes(out))
    if how == "central":
        out = bytearray(data)
        start = out.rfind(b"PK\x01\x02")
        if start > 0:
            out[start : start + 46] = bytes(draw(st.binary(min_size=46, max_size=46)))
        return Case("broken:central-directory", "central.xlsx", bytes(out))
    if how == "method":  # compression method 99 (AES) or unknown
        out = bytearray(data)
        method = draw(st.sampled_from([99, 12, 14, 6]))
        for signature, at in ((b"PK\x01\x02", 10), (b"PK\x03\x04", 8)):
            start = 0
            while (start := out.find(signature, start)) >= 0:
                struct.pack_into("<H", out, start + at, method)
                start += 4
        return Case("broken:method", "method.xlsx", bytes(out))
    if how == "stored":
        return Case("zip:stored", "stored.xlsx", zip_parts(parts_of(small_table()), zipfile.ZIP_STORED))
    comment = draw(st.binary(max_size=200))
    return Case("zip:comment", "comment.xlsx", data + comment)


def _docx() -> bytes:
    return zip_parts([("[Content_Types].xml", b"<Types/>"), ("word/document.xml", b"<document/>")])


@st.composite
def foreign_file_cases(draw) -> Case:
    """Files that are not xlsx packages at all, under an xlsx name."""
    how = draw(
        st.sampled_from(
            ["random", "csv", "html", "ole", "encrypted", "pdf", "empty", "docx", "zip", "text-utf16", "gzip"]
        )
    )
    name = draw(st.sampled_from(["任务表.xlsx", "任务表.xls", "任务表.XLSX", "任务表"]))
    if how == "random":
        data = draw(st.binary(min_size=1, max_size=4096))
        return Case("foreign:random", name, data, must_refuse=not data.startswith(b"PK"))
    payload = {
        "csv": "序号,重点任务,牵头单位\n1,节水,水务局\n".encode(
            draw(st.sampled_from(["utf-8", "gb18030", "utf-8-sig"]))
        ),
        "text-utf16": "序号\t重点任务\n1\t节水\n".encode("utf-16"),
        "html": "<html><body><table><tr><td>序号</td><td>重点任务</td></tr></table></body></html>".encode(),
        "ole": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 1024 + "Workbook".encode("utf-16-le"),
        "encrypted": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512 + "EncryptionInfo".encode("utf-16-le"),
        "pdf": b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF",
        "empty": b"",
        "docx": _docx(),
        "zip": zip_parts([("a.txt", b"hello")]),
        "gzip": zlib.compress(b"x" * 100),
    }[how]
    hint = {"pdf": "PDF 文件", "docx": "Word 文档", "ole": "旧版 Excel", "encrypted": "密码", "empty": "空文件"}
    return Case(f"foreign:{how}", name, payload, must_refuse=True, refusal_hint=hint.get(how, ""))


@st.composite
def dimension_two_rows_case(draw) -> Case:
    """The exact case of the issue: <dimension> claims a million rows while the sheet holds two."""
    data = replace_part(
        small_table(draw(st.sampled_from([1, 1, 2]))),
        SHEET_XML,
        lambda xml: re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:XFD1048576"', xml),
    )
    return Case("dimension-lie", "million.xlsx", data)


@st.composite
def merge_budget_cases(draw) -> Case:
    """Tiny files whose sheets each merge a large area: the cost adds up over the workbook."""
    wb = Workbook()
    ws = wb.active
    ws.title = "任务表"
    put_rows(ws, [["序号", "重点任务", "牵头单位"], [1, "推进节水", "水务局"]])
    count = draw(st.integers(1, 8))
    for index in range(1, count):
        wb.create_sheet(f"附表{index}")["A1"] = "说明"
    data = to_bytes(wb)
    total = 0
    for index in range(1, count + 1):
        rows = draw(st.sampled_from([1, 3, 12, 60, 61]))  # × 16,384 columns
        total += rows * 16_384
        merge = b'<mergeCells count="1"><mergeCell ref="A10:XFD%d"/></mergeCells>' % (9 + rows)
        data = replace_part(
            data,
            f"xl/worksheets/sheet{index}.xml",
            lambda xml, merge=merge: re.sub(
                rb"(</sheetData>|<sheetData/>)", lambda m: m.group(1) + merge, xml, count=1
            ),
        )
    refuse = total > 250_000
    return Case("merge-budget", "merges.xlsx", data, must_refuse=refuse, refusal_hint="合并单元格" if refuse else "")


def package_cases() -> st.SearchStrategy[Case]:
    return st.one_of(
        merge_budget_cases(),
        entity_cases(),
        dimension_lie_cases(),
        dimension_two_rows_case(),
        zip_bomb_cases(),
        macro_cases(),
        external_link_cases(),
        raw_sheet_cases(),
        odd_xml_cases(),
        shared_string_cases(),
        duplicate_member_cases(),
        broken_zip_cases(),
        foreign_file_cases(),
    )


def workbook_cases() -> st.SearchStrategy[Case]:
    """Everything: about half odd tables, half hostile or broken packages."""
    return st.integers(0, 99).flatmap(lambda n: table_cases() if n < 30 else package_cases())
