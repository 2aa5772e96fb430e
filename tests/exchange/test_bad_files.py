"""Files that cannot be imported get one clear Chinese sentence naming the file, never a traceback."""

from __future__ import annotations

import re
import zipfile

import pytest

from sisiding_desktop.exchange.errors import ExchangeError
from sisiding_desktop.exchange.plan_reader import ReadLimits, read_plan_workbook

from .workbooks import PINGLUO, claim_uncompressed_size, put_rows, rewrite_member, save, sheet

SHEET_XML = "xl/worksheets/sheet1.xml"


def _error(path, limits: ReadLimits | None = None) -> str:
    with pytest.raises(ExchangeError) as caught:
        read_plan_workbook(path, limits or ReadLimits())
    message = str(caught.value)
    assert path.name in message and "\n" not in message and "Traceback" not in message
    return message


def _small_table(tmp_path, rows: int = 3, name: str = "table.xlsx"):
    wb, ws = sheet("任务表")
    put_rows(ws, [["序号", "重点任务", "牵头单位"]] + [[n, f"任务{n}", "水务局"] for n in range(1, rows + 1)])
    return save(wb, tmp_path, name)


def test_garbage_bytes(tmp_path):
    path = tmp_path / "garbage.xlsx"
    path.write_bytes(bytes(range(256)) * 8)
    assert "不是有效的 xlsx 工作簿" in _error(path)


def test_csv_renamed_to_xlsx(tmp_path):
    path = tmp_path / "任务.xlsx"
    path.write_bytes("序号,重点任务,牵头单位\n1,节水,水务局\n".encode("gb18030"))
    assert "文本文件（如 CSV 或网页格式）" in _error(path)
    html = tmp_path / "导出.xls"
    html.write_bytes("<html><body><table><tr><td>序号</td></tr></table></body></html>".encode())
    assert "文本文件" in _error(html)


def test_old_xls_file(tmp_path):
    path = tmp_path / "old.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 1024 + "Workbook".encode("utf-16-le"))
    message = _error(path)
    assert "旧版 Excel（.xls）" in message and "另存为" in message


def test_password_protected_xlsx(tmp_path):
    path = tmp_path / "locked.xlsx"
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 1024
    path.write_bytes(ole + "EncryptionInfo".encode("utf-16-le") + "EncryptedPackage".encode("utf-16-le"))
    assert "设置了打开密码" in _error(path)


def test_word_document_and_other_zips(tmp_path):
    docx = tmp_path / "方案.docx"
    with zipfile.ZipFile(docx, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    assert "Word 文档" in _error(docx)
    other = tmp_path / "photos.xlsx"
    with zipfile.ZipFile(other, "w") as archive:
        archive.writestr("a.txt", "hello")
    assert "缺少工作簿内容" in _error(other)


def test_truncated_file(tmp_path):
    whole = _small_table(tmp_path).read_bytes()
    path = tmp_path / "truncated.xlsx"
    path.write_bytes(whole[: len(whole) // 2])
    assert "已损坏" in _error(path)


def test_missing_and_empty_files(tmp_path):
    assert "找不到文件" in _error(tmp_path / "nowhere.xlsx")
    empty = tmp_path / "empty.xlsx"
    empty.write_bytes(b"")
    assert "空文件" in _error(empty)


def test_empty_workbook_and_workbook_without_header(tmp_path):
    wb, _ = sheet()
    assert "空的工作簿" in _error(save(wb, tmp_path, "blank.xlsx"))
    wb, ws = sheet()
    put_rows(ws, [["会议纪要"], ["今天讨论了节水工作。"]])
    path = save(wb, tmp_path, "minutes.xlsx")
    assert _error(path) == "文件“minutes.xlsx”中未找到任务分工表的表头（序号、重点任务、牵头单位等）。"


def test_zip_bomb_by_compression_ratio(tmp_path):
    path = _small_table(tmp_path, name="bomb.xlsx")
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as archive:
        with archive.open("xl/media/image1.bin", "w") as member:
            for _ in range(30):
                member.write(b"\x00" * 1024**2)
    assert path.stat().st_size < 200_000
    assert "压缩比异常" in _error(path)


def test_zip_directory_claiming_a_huge_sheet(tmp_path):
    path = _small_table(tmp_path, name="claims.xlsx")
    claim_uncompressed_size(path, SHEET_XML, 3_900_000_000)
    assert zipfile.ZipFile(path).getinfo(SHEET_XML).file_size == 3_900_000_000
    assert "解压后" in _error(path)


def test_file_larger_than_the_limit(tmp_path):
    path = _small_table(tmp_path)
    assert "超过了导入上限" in _error(path, ReadLimits(max_file_bytes=1000))


def test_too_many_rows_even_when_the_dimension_claims_one_cell(tmp_path):
    path = _small_table(tmp_path, rows=150)
    rewrite_member(path, SHEET_XML, lambda xml: re.sub(rb"<dimension ref=\"[^\"]*\"", b'<dimension ref="A1"', xml))
    assert b'<dimension ref="A1" />' in zipfile.ZipFile(path).read(SHEET_XML)
    message = _error(path, ReadLimits(max_rows=100))
    assert "工作表“任务表”超过 100 行" in message


def test_too_many_columns_and_too_long_cells(tmp_path):
    wb, ws = sheet("宽表")
    put_rows(ws, [["序号", "重点任务", "牵头单位"] + [f"列{n}" for n in range(12)], [1, "节水" * 40, "水务局"]])
    path = save(wb, tmp_path, "wide.xlsx")
    assert "超过 10 列" in _error(path, ReadLimits(max_columns=10))
    assert "单元格 B2 超过 50 个字符" in _error(path, ReadLimits(max_cell_chars=50))


BOMB = (
    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
)


def test_xml_entity_bomb_in_a_sheet(tmp_path):
    path = _small_table(tmp_path, name="entities.xlsx")
    rewrite_member(path, SHEET_XML, lambda xml: BOMB + xml[xml.index(b"<worksheet") :])
    assert "不安全" in _error(path)


def test_xml_entity_bomb_in_a_part_openpyxl_reads(tmp_path):
    path = _small_table(tmp_path, name="styles.xlsx")
    rewrite_member(path, "xl/styles.xml", lambda xml: BOMB + xml[xml.index(b"<styleSheet") :])
    assert "不安全" in _error(path)


def test_the_sample_is_within_the_default_limits():
    if not PINGLUO.exists():
        pytest.skip("sample missing")
    assert read_plan_workbook(PINGLUO).counts()["tasks"] == 40


def test_a_merged_range_covering_the_whole_sheet(tmp_path):
    path = _small_table(tmp_path, name="merge_bomb.xlsx")
    rewrite_member(
        path,
        SHEET_XML,
        lambda xml: xml.replace(
            b"</sheetData>", b'</sheetData><mergeCells count="1"><mergeCell ref="A5:XFD1048576"/></mergeCells>'
        ),
    )
    assert "合并单元格范围过大" in _error(path)


def test_cells_without_references_still_count_as_columns(tmp_path):
    path = _small_table(tmp_path, name="no_refs.xlsx")
    wide_row = b'<row r="9">' + b"<c><v>1</v></c>" * 30 + b"</row></sheetData>"
    rewrite_member(path, SHEET_XML, lambda xml: xml.replace(b"</sheetData>", wide_row))
    assert "超过 20 列" in _error(path, ReadLimits(max_columns=20))


def test_a_sheet_of_a_million_rows_is_refused_early(tmp_path):
    path = _small_table(tmp_path, name="million.xlsx")
    rows = b"".join(b'<row r="%d"><c r="A%d"><v>1</v></c></row>' % (n, n) for n in range(5, 1_000_005))
    rewrite_member(path, SHEET_XML, lambda xml: xml.replace(b"</sheetData>", rows + b"</sheetData>"))
    assert "工作表“任务表”超过 50000 行" in _error(path)


@pytest.mark.parametrize("name", ["任务表.xls", "任务表", "任务表.XLSX"])
def test_real_xlsx_content_under_another_name_is_read(tmp_path, name):
    path = _small_table(tmp_path)
    renamed = path.rename(tmp_path / name)
    assert read_plan_workbook(renamed).counts()["tasks"] == 3
