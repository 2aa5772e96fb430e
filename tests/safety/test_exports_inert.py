"""Exports are inert: text that looks like a formula stays text, and nothing in a file reaches out.

Every report (division, progress, indicators, unit) is exported as xlsx and
PDF from a plan whose texts start with ``= + - @`` (and, at the writer level,
tab and CR) or hold formulas, DDE calls and link markup. The xlsx is read back
at the zip/XML level:

* every cell whose text starts with a risky character is a string
  (``t="s"`` or ``inlineStr``) with Excel's quote prefix;
* no ``<f>`` formula element anywhere (the program writes none), no
  external-link, VBA, ActiveX, OLE or connection parts, no relationship that
  leaves the package, no hyperlinks (the program makes none), no DDE;
* defined names are only the print titles the program sets.

The PDF has no annotations and no /URI, /Launch, /JavaScript, /OpenAction,
/AA, /SubmitForm or embedded files. The fill-back path writes its texts the
same way.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import replace
from pathlib import Path
from xml.etree.ElementTree import Element

import pytest
from defusedxml.ElementTree import fromstring
from openpyxl import Workbook, load_workbook

from sisiding_desktop.domain.model import IndicatorAttribute, NodeKind, Period, Role, Status
from sisiding_desktop.file_writing.xlsx_text import RISKY_STARTS
from sisiding_desktop.services import Services
from sisiding_desktop.services.tree import walk

MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
PERIOD = Period(2024, 3)

FORMULAS = [
    '=HYPERLINK("http://example.invalid/x","点这里")',
    "=cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "+1+1",
    "-2+3",
    '=WEBSERVICE("http://example.invalid/")',
    '=DDE("cmd";"/C calc";"x")',
    "=1/0",
    "#N/A",
]
MARKUP = [
    '<a href="http://example.invalid/">点我</a>',
    "<link href='file:///etc/passwd'>链接</link>",
    "http://example.invalid/网址",
]
UNSAFE_PARTS = re.compile(
    r"externalLink|vbaProject|activeX|embeddings|oleObject|connections\.xml|queryTable|ctrlProp", re.I
)
UNSAFE_REL_TYPES = re.compile(r"hyperlink|externalLink|oleObject|vbaProject|attachedTemplate|frame|package$", re.I)
PDF_ACTIONS = (b"/URI", b"/Launch", b"/JavaScript", b"/JS", b"/OpenAction", b"/AA", b"/SubmitForm", b"/EmbeddedFile")


# -- a plan full of risky text -------------------------------------------------


def hostile_plan(services: Services) -> int:
    """A plan whose every text field can start with = + - @ or hold a formula."""
    services.settings.set_office_name("=cmd|' /C calc'!A0")
    plan = services.plans.create_plan(
        '=HYPERLINK("http://example.invalid","标题")', attachment_label="@附件1", issuer="+县政府", notes="-备注"
    )
    group = services.nodes.add_node(plan.id, None, NodeKind.GROUP, "=SUM(1,2)")
    for index, text in enumerate([*FORMULAS, *MARKUP]):
        task = services.nodes.add_node(plan.id, group.id, NodeKind.TASK, text, deadline_text="=2024年")
        services.units.assign_units(task.id, Role.LEAD, ["@水务局" if index % 2 else "-住建局"])
        services.units.assign_units(task.id, Role.SUPPORT, ["+发改局"])
        measure = services.nodes.add_node(plan.id, task.id, NodeKind.MEASURE, f"={index}+1", deadline_text="-2025年")
        services.progress.record(
            measure.id,
            PERIOD,
            status=Status.IN_PROGRESS,
            percent=60,
            progress_text=text,
            problems="+问题=1",
            next_steps="-计划",
            remarks="@备注",
        )
    for index, text in enumerate(FORMULAS[:4]):
        indicator = services.indicators.add_indicator(
            plan.id,
            text,
            category="+总体目标",
            measure_unit="-%",
            attribute=IndicatorAttribute.BINDING,
            base_value="@1",
            responsible=["@水务局"],
            targets={2024: "=1+1", 2025: f"-{index}"},
        )
        services.indicators.set_actual(indicator.id, PERIOD, "=2+2", note="@说明")
    return plan.id


# -- reading an xlsx back at the package level --------------------------------------


def _parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def _text_of(element: Element) -> str:
    return "".join(t.text or "" for t in element.iter(f"{MAIN}t"))


def cells(parts: dict[str, bytes]) -> list[tuple[str, str, str, bool]]:
    """(sheet part, t attribute, text, quote prefix) of every cell with a value."""
    shared = []
    if "xl/sharedStrings.xml" in parts:
        shared = [_text_of(si) for si in fromstring(parts["xl/sharedStrings.xml"]).iter(f"{MAIN}si")]
    styles = fromstring(parts["xl/styles.xml"])
    xfs = styles.find(f"{MAIN}cellXfs")
    quoted = [xf.get("quotePrefix") in ("1", "true") for xf in (xfs if xfs is not None else [])]
    found = []
    for name, data in parts.items():
        if not re.fullmatch(r"xl/worksheets/sheet\d+\.xml", name):
            continue
        for c in fromstring(data).iter(f"{MAIN}c"):
            kind = c.get("t", "n")
            value = c.find(f"{MAIN}v")
            if kind == "s" and value is not None:
                text = shared[int(value.text)]
            elif kind == "inlineStr":
                text = _text_of(c)
            elif value is not None:
                text = value.text or ""
            else:
                continue
            style = int(c.get("s", "0"))
            found.append((name, kind, text, style < len(quoted) and quoted[style]))
    return found


def assert_inert_xlsx(path: Path, *, quote_prefix: bool = True) -> list[tuple[str, str, str, bool]]:
    parts = _parts(path)
    names = list(parts)
    assert not [n for n in names if UNSAFE_PARTS.search(n)], names
    types = parts["[Content_Types].xml"]
    assert b"macroEnabled" not in types and b"vbaProject" not in types
    for name, data in parts.items():
        assert b"ddeLink" not in data and b"ddeService" not in data, name
        if name.endswith(".rels"):
            for rel in fromstring(data).iter(f"{PKG_REL}Relationship"):
                assert rel.get("TargetMode") != "External", (name, rel.attrib)
                assert not UNSAFE_REL_TYPES.search(rel.get("Type", "")), (name, rel.attrib)
        if name.endswith(".xml"):
            root = fromstring(data)
            assert root.find(f".//{MAIN}f") is None, f"a formula in {name}"
            assert root.find(f".//{MAIN}hyperlinks") is None, f"hyperlinks in {name}"
            assert root.find(f".//{MAIN}externalReferences") is None, name
    book = fromstring(parts["xl/workbook.xml"])
    for defined in book.iter(f"{MAIN}definedName"):
        assert defined.get("name", "").startswith("_xlnm.Print_"), defined.attrib
        assert re.fullmatch(r"'?[^'!\[\]]+'?!\$?[A-Z]*\$?\d*(:\$?[A-Z]*\$?\d*)?(,.*)?", defined.text or ""), (
            defined.text
        )
    found = cells(parts)
    for sheet, kind, text, quoted in found:
        if text.startswith(RISKY_STARTS):
            assert kind in ("s", "inlineStr"), (sheet, kind, text)
            if quote_prefix:
                assert quoted, (sheet, text)
        if kind in ("n", "str", "e", "b", "d"):
            assert kind == "n" and re.fullmatch(r"-?\d+(\.\d+)?(E-?\d+)?", text), (sheet, kind, text)
    return found


def assert_inert_pdf(path: Path) -> None:
    from pypdf import PdfReader

    data = path.read_bytes()
    for action in PDF_ACTIONS:
        assert re.search(re.escape(action) + rb"[\s/<(\[]", data) is None, action
    reader = PdfReader(io.BytesIO(data))
    for page in reader.pages:
        assert "/Annots" not in page, "a PDF page carries annotations (links)"
    root = reader.trailer["/Root"]
    for key in ("/OpenAction", "/AA", "/Names", "/AcroForm"):
        assert key not in root, key


# -- the tests -------------------------------------------------------------------------


REPORTS = [("division", {}), ("progress", {"period": PERIOD}), ("indicators", {"period": PERIOD})]
REPORTS += [("unit", {"unit": "@水务局", "period": PERIOD})]


@pytest.mark.parametrize(("report", "options"), REPORTS, ids=[r for r, _ in REPORTS])
def test_every_report_is_inert_in_xlsx_and_pdf(services, tmp_path, report, options):
    plan_id = hostile_plan(services)
    xlsx = services.exporting.export(plan_id, report, "xlsx", tmp_path / f"{report}.xlsx", **options)
    found = assert_inert_xlsx(xlsx)
    risky = [text for _, _, text, _ in found if text.startswith(RISKY_STARTS)]
    assert len(risky) >= 3, f"the {report} report shows too few of the risky texts: {risky}"
    texts = {text for _, _, text, _ in found}
    if report == "indicators":
        assert FORMULAS[0] in texts and "=1+1" in texts
    else:  # the unit's list holds the tasks led by "@水务局": every second one
        assert FORMULAS[1] in texts and FORMULAS[3] in texts
    pdf = services.exporting.export(plan_id, report, "pdf", tmp_path / f"{report}.pdf", **options)
    assert_inert_pdf(pdf)


def test_openpyxl_reads_the_risky_texts_back_as_text(services, tmp_path):
    """The same file through openpyxl: no cell comes back as a formula, and the text is unchanged."""
    plan_id = hostile_plan(services)
    out = services.exporting.export(plan_id, "progress", "xlsx", tmp_path / "p.xlsx", period=PERIOD)
    values = {}
    for ws in load_workbook(out).worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.value is not None:
                    assert cell.data_type != "f", (cell.coordinate, cell.value)
                    values[cell.value] = cell
    for text in FORMULAS[:7]:
        assert text in values and values[text].data_type == "s" and values[text].quotePrefix


def test_tab_and_carriage_return_starts_are_quoted_by_the_writer(services, tmp_path):
    """Services strip leading blanks, so tab and CR are put into a layout directly."""
    from sisiding_desktop.render.pdf_writer import write_layout_pdf
    from sisiding_desktop.render.xlsx_writer import write_layouts_xlsx

    plan_id = hostile_plan(services)
    layout = services.exporting.layout(plan_id, "division")
    starts = ["\t=1+1", "\r=cmd|' /C calc'!A0", "\t@SUM(1)", "\r\n+1", "\t-1"]
    rows = list(layout.rows)
    for index, start in enumerate(starts):
        row = rows[index + 1]
        target = next(i for i, cell in enumerate(row.cells) if cell.text and not cell.spanned)
        cells_ = list(row.cells)
        cells_[target] = replace(cells_[target], text=start)
        rows[index + 1] = replace(row, cells=tuple(cells_))
    layout = replace(layout, rows=tuple(rows), title='\t=HYPERLINK("http://example.invalid")')
    out = tmp_path / "tabs.xlsx"
    write_layouts_xlsx([layout], out)
    found = assert_inert_xlsx(out)
    by_text = {text: (kind, quoted) for _, kind, text, quoted in found}
    for start in starts:
        written = start.replace("\r\n", "\n").replace("\r", "\n")
        assert by_text.get(written) in (("s", True), ("inlineStr", True)), (start, by_text.get(written))
    pdf = tmp_path / "tabs.pdf"
    write_layout_pdf(layout, pdf)
    assert_inert_pdf(pdf)


def test_fill_back_writes_risky_progress_as_text(services, tmp_path):
    """The prefecture's table filled in: the written cells are quoted strings, nothing reaches out."""
    plan_id = hostile_plan(services)
    template = services.exporting.export(plan_id, "division", "xlsx", tmp_path / "市里的表.xlsx")
    out = tmp_path / "回填.xlsx"
    report = services.progress_exchange.fill_back(plan_id, template, PERIOD, out)
    assert report.filled_rows >= len(FORMULAS)
    found = assert_inert_xlsx(out)
    texts = {text for _, _, text, _ in found}
    assert {"+问题=1", "-计划", FORMULAS[1]} <= texts
    measures = [n for n in walk(services.plans.tree(plan_id)) if n.kind is NodeKind.MEASURE]
    assert len(measures) == len(FORMULAS) + len(MARKUP)


def test_fill_back_into_a_template_with_its_own_links_adds_none(services, tmp_path):
    """A template's own formula and hyperlink are the prefecture's; the program adds no link of its own."""
    plan_id = hostile_plan(services)
    template = services.exporting.export(plan_id, "division", "xlsx", tmp_path / "市里的表.xlsx")
    wb = load_workbook(template)
    ws = wb.active
    note = ws.cell(ws.max_row + 2, 1)
    note.value = "市水务局网站"
    note.hyperlink = "http://example.invalid/"
    wb.save(template)
    out = tmp_path / "回填.xlsx"
    services.progress_exchange.fill_back(plan_id, template, PERIOD, out)
    parts = _parts(out)
    links = [
        rel.attrib
        for name, data in parts.items()
        if name.endswith(".rels")
        for rel in fromstring(data).iter(f"{PKG_REL}Relationship")
        if "hyperlink" in rel.get("Type", "")
    ]
    assert [link["Target"] for link in links] == ["http://example.invalid/"]  # the template's one, no more
    assert not [n for n in parts if UNSAFE_PARTS.search(n)]


def test_cell_writer_keeps_every_risky_start_text(tmp_path):
    """The shared writer (reports and fill-back) on every risky start, including the ones services strip."""
    from sisiding_desktop.exchange.fill_back.cell_write import write_text

    wb = Workbook()
    ws = wb.active
    starts = ["=1+1", "+1", "-1", "@SUM(1)", "\t=1", "\r=1", "=cmd|' /C calc'!A0", '=HYPERLINK("http://x","y")']
    for row, text in enumerate(starts, start=1):
        write_text(ws.cell(row, 1), text)
    out = tmp_path / "cells.xlsx"
    wb.save(out)
    found = assert_inert_xlsx(out)
    assert len(found) == len(starts)
    assert all(kind in ("s", "inlineStr") and quoted for _, kind, _, quoted in found), found


EXTERNAL_LINK = (
    b'<?xml version="1.0" encoding="UTF-8"?><externalLink xmlns="http://schemas.openxmlformats.org/spreadsheetml/'
    b'2006/main"><externalBook xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
    b'r:id="rId1"><sheetNames><sheetName val="S"/></sheetNames></externalBook></externalLink>'
)
EXTERNAL_LINK_RELS = (
    b'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
    b'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    b'relationships/externalLinkPath" Target="file:///C:/x.xlsx" TargetMode="External"/></Relationships>'
)


def _with_external_link(path: Path) -> None:
    from tests.safety.fuzz_workbooks import add_parts, replace_part

    data = replace_part(
        path.read_bytes(),
        "xl/_rels/workbook.xml.rels",
        lambda xml: xml.replace(
            b"</Relationships>",
            b'<Relationship Id="rIdX" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            b'externalLink" Target="externalLinks/externalLink1.xml"/></Relationships>',
        ),
    )
    reference = b'<externalReferences><externalReference r:id="rIdX"/></externalReferences>'
    data = replace_part(
        data,
        "xl/workbook.xml",
        lambda xml: (
            xml.replace(b"<calcPr", reference + b"<calcPr", 1)
            if b"<calcPr" in xml
            else xml.replace(b"</workbook>", reference + b"</workbook>")
        ),
    )
    data = replace_part(
        data,
        "[Content_Types].xml",
        lambda xml: xml.replace(
            b"</Types>",
            b'<Override PartName="/xl/externalLinks/externalLink1.xml" ContentType="application/vnd.openxmlformats-'
            b'officedocument.spreadsheetml.externalLink+xml"/></Types>',
        ),
    )
    data = add_parts(
        data,
        [
            ("xl/externalLinks/externalLink1.xml", EXTERNAL_LINK),
            ("xl/externalLinks/_rels/externalLink1.xml.rels", EXTERNAL_LINK_RELS),
        ],
    )
    path.write_bytes(data)


def test_fill_back_output_has_no_external_links(services, tmp_path):
    plan_id = hostile_plan(services)
    template = services.exporting.export(plan_id, "division", "xlsx", tmp_path / "市里的表.xlsx")
    _with_external_link(template)
    assert any("externalLink" in name for name in _parts(template))
    out = tmp_path / "回填.xlsx"
    services.progress_exchange.fill_back(plan_id, template, PERIOD, out)
    assert not [name for name in _parts(out) if "externalLink" in name]
