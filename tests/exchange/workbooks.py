"""Small helpers to build xlsx files in tests, laid out like the tables offices send."""

from __future__ import annotations

import struct
import zipfile
from pathlib import Path

from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

SAMPLES = Path(__file__).resolve().parents[2] / "resources" / "samples"
PINGLUO = SAMPLES / "平罗县四水四定年度重点任务表.xlsx"


def put_rows(ws: Worksheet, rows: list[list[object]], start: int = 1) -> None:
    """Write ``rows`` from row ``start``; None leaves a cell empty."""
    for offset, values in enumerate(rows):
        for col, value in enumerate(values, start=1):
            if value is not None:
                ws.cell(row=start + offset, column=col, value=value)


def merge(ws: Worksheet, *ranges: str) -> None:
    for cell_range in ranges:
        ws.merge_cells(cell_range)


def save(wb: Workbook, folder: Path, name: str) -> Path:
    path = folder / name
    wb.save(path)
    return path


def sheet(title: str = "Sheet1") -> tuple[Workbook, Worksheet]:
    wb = Workbook()
    ws = wb.active
    ws.title = title
    return wb, ws


def rewrite_member(path: Path, member: str, transform) -> None:
    """Rewrite one part of a zip package in place: ``transform(old_bytes) -> new_bytes``."""
    with zipfile.ZipFile(path) as archive:
        parts = [(info, archive.read(info)) for info in archive.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for info, data in parts:
            archive.writestr(info, transform(data) if info.filename == member else data)


def claim_uncompressed_size(path: Path, member: str, size: int) -> None:
    """Make the zip directory lie about ``member``'s uncompressed size (nothing else changes)."""
    data = bytearray(path.read_bytes())
    name = member.encode()
    start = 0
    while (start := data.find(b"PK\x01\x02", start)) >= 0:
        name_len = struct.unpack_from("<H", data, start + 28)[0]
        if data[start + 46 : start + 46 + name_len] == name:
            struct.pack_into("<I", data, start + 24, size)
        start += 4
    path.write_bytes(bytes(data))
