"""Hypothesis strategies for Word documents handed to the plan import: odd tables, prose plans, hostile packages.

Documents are written by hand (tests/exchange/docx_files.py) so that every attribute the reader interprets —
``w:gridSpan``, ``w:gridBefore``, ``w:vMerge`` — can take values no word processor writes, and tables can nest,
hide in content controls or carry tracked changes. Package-level cases truncate and flip bytes, inject a DOCTYPE
(must be refused as unsafe) or pass an old binary .doc (must be refused with the save-as message).
"""

from __future__ import annotations

import io
import zipfile

from hypothesis import strategies as st

from tests.exchange.docx_files import CONTENT_TYPES, PACKAGE_RELS, document, paragraph
from tests.safety.fuzz_workbooks import HEADER_WORDS, Case, maybe_odd

_SPANS = ["1", "2", "3", "0", "-1", "999999999", "x", "", "2.5"]
_TRACKED = (
    "<w:p><w:del><w:r><w:delText>删掉的</w:delText></w:r></w:del><w:ins><w:r><w:t>加上的</w:t></w:r></w:ins></w:p>"
)
_NOTES = ["", "（责任单位：县水务局、发改委，配合单位：工信局）", "（县水务局牵头", "（配合：）", "（责任单位：（（）"]
_TEXTS = ["水务局", "住建局、发改局", "2024年6月", "一、节水", "（一）城镇", "1.", "强化刚性约束。", "/", ""]


def _package(document_xml: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", PACKAGE_RELS)
        archive.writestr("word/document.xml", document_xml)
    return out.getvalue()


def _text(draw) -> str:
    value = draw(maybe_odd(st.sampled_from(_TEXTS), 10))
    return value if isinstance(value, str) else str(value)


@st.composite
def _cell(draw, depth: int = 0) -> str:
    props = ""
    if draw(st.integers(0, 5)) == 0:
        props += f'<w:gridSpan w:val="{draw(st.sampled_from(_SPANS))}"/>'
    merge = draw(st.sampled_from(["", "", "", "restart", "continue", "odd"]))
    props += {"": "", "restart": '<w:vMerge w:val="restart"/>', "continue": "<w:vMerge/>"}.get(
        merge, '<w:vMerge w:val="sideways"/>'
    )
    body = "".join(paragraph(_text(draw)) for _ in range(draw(st.integers(0, 3)))) or "<w:p/>"
    if depth < 2 and draw(st.integers(0, 9)) == 0:
        body += draw(_table(depth + 1))  # a table inside the cell
    if draw(st.integers(0, 9)) == 0:
        body = f"<w:sdt><w:sdtContent>{body}</w:sdtContent></w:sdt>"
    if draw(st.integers(0, 12)) == 0:
        body += _TRACKED
    return f"<w:tc><w:tcPr>{props}</w:tcPr>{body}</w:tc>"


@st.composite
def _table(draw, depth: int = 0) -> str:
    roles = draw(st.lists(st.sampled_from(sorted(HEADER_WORDS)), min_size=1, max_size=6))
    header = "".join(
        f"<w:tc>{paragraph(draw(st.sampled_from(HEADER_WORDS[role])))}</w:tc>" for role in roles
    ) if depth == 0 else ""  # fmt: skip
    rows = [f"<w:tr>{header}</w:tr>"] if header else []
    for _ in range(draw(st.integers(0, 8))):
        before = (
            f'<w:trPr><w:gridBefore w:val="{draw(st.sampled_from(_SPANS))}"/></w:trPr>'
            if draw(st.integers(0, 9)) == 0
            else ""
        )
        cells = "".join(draw(_cell(depth)) for _ in range(draw(st.integers(0, len(roles) + 1))))
        rows.append(f"<w:tr>{before}{cells}</w:tr>")
    grid = "".join('<w:gridCol w:w="1800"/>' for _ in range(draw(st.integers(0, len(roles) + 1))))
    return f"<w:tbl><w:tblGrid>{grid}</w:tblGrid>{''.join(rows)}</w:tbl>"


@st.composite
def _prose(draw) -> list[str]:
    """Headings, numbered items and unit notes, some of them unbalanced."""
    blocks = [paragraph("固阳县推进水资源节约集约利用三年攻坚行动方案")]
    for _ in range(draw(st.integers(0, 10))):
        label = draw(st.sampled_from(["一、", "二、重点任务", "（一）", "1.", "2、", "（3）", "①", "", "第一部分"]))
        note = draw(
            st.sampled_from(
                [
                    "",
                    "（责任单位：县水务局、发改委，配合单位：工信局）",
                    "（县水务局牵头",
                    "（配合：）",
                    "（责任单位：（（）",
                ]
            )
        )
        blocks.append(paragraph(f"{label}{_text(draw)}。{_text(draw)}{note}"))
    return blocks


@st.composite
def docx_cases(draw) -> Case:
    how = draw(st.sampled_from(["table", "table", "table", "prose", "doctype", "truncate", "flip", "doc"]))
    blocks = [paragraph(draw(st.sampled_from(["附件1", "任务分工表", ""])))]
    if how == "prose":
        blocks += draw(_prose())
    else:
        for _ in range(draw(st.integers(1, 3))):
            blocks.append(draw(_table()))
            if draw(st.booleans()):
                blocks.append(paragraph(_text(draw)))
    xml = document(*blocks).encode("utf-8", "surrogatepass")
    if how == "doctype":
        xml = xml.replace(b"<w:document", b'<!DOCTYPE d [<!ENTITY e "e">]><w:document', 1)
        return Case("docx:doctype", "方案.docx", _package(xml), must_refuse=True, refusal_hint="不安全")
    data = _package(xml)
    if how == "truncate":
        return Case("docx:truncated", "cut.docx", data[: max(4, int(draw(st.floats(0, 1)) * len(data)))])
    if how == "flip":
        out = bytearray(data)
        for where, byte in draw(
            st.lists(st.tuples(st.floats(0, 1, exclude_max=True), st.integers(0, 255)), max_size=6)
        ):
            out[int(where * len(out))] = byte
        return Case("docx:flipped", "flip.docx", bytes(out))
    if how == "doc":
        ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504) + b"W\x00o\x00r\x00d\x00D\x00o\x00c\x00"
        return Case("docx:old-doc", "方案.doc", ole, must_refuse=True, refusal_hint=".docx")
    return Case(f"docx:{how}", "方案.docx", data)
