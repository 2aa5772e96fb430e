"""Look at a file before openpyxl does: is it an xlsx package, and is it safe to unpack?

Everything here reads only the file's first bytes and the zip directory, so a
zip bomb or a renamed ``.xls`` is refused before any part is decompressed.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from sisiding_desktop.exchange.errors import ExchangeError
from sisiding_desktop.exchange.limits import ReadLimits
from sisiding_desktop.os_errors import reason

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # compound file: .xls, .doc, encrypted .xlsx
_ZIP_MAGIC = b"PK\x03\x04"
_ENCRYPTED_MARK = "EncryptionInfo".encode("utf-16-le")
_REQUIRED_PARTS = ("[Content_Types].xml", "xl/workbook.xml")
_RESAVE = "请在 Excel 或 WPS 中另存为“Excel 工作簿（*.xlsx）”后再导入"
_MB = 1024**2


def check_package(path: Path, limits: ReadLimits) -> None:
    """Raise :class:`ExchangeError` unless ``path`` is an xlsx package within ``limits``."""
    name = path.name
    size = _file_size(path)
    if size == 0:
        raise ExchangeError(f"文件“{name}”是空文件，没有可导入的内容。")
    if size > limits.max_file_bytes:
        raise ExchangeError(
            f"文件“{name}”有 {size / _MB:.1f} MB，超过了导入上限 {limits.max_file_bytes / _MB:.0f} MB。"
        )
    head = _read_head(path)
    if head.startswith(_OLE_MAGIC):
        raise ExchangeError(_ole_message(path))
    if not head.startswith(_ZIP_MAGIC):
        raise ExchangeError(_not_zip_message(name, head))
    _check_zip(path, limits)


def _file_size(path: Path) -> int:
    try:
        if not path.is_file():
            raise ExchangeError(f"找不到文件“{path.name}”（{path}）。")
        return path.stat().st_size
    except OSError as exc:
        raise ExchangeError(f"无法读取文件“{path.name}”：{reason(exc)}。") from exc


def _read_head(path: Path, count: int = 512) -> bytes:
    try:
        with path.open("rb") as handle:
            return handle.read(count)
    except OSError as exc:
        raise ExchangeError(f"无法读取文件“{path.name}”：{reason(exc)}。") from exc


def _ole_message(path: Path) -> str:
    # An encrypted xlsx is an OLE container whose directory names an EncryptionInfo stream.
    with path.open("rb") as handle:
        if _ENCRYPTED_MARK in handle.read(1 * _MB):
            return f"文件“{path.name}”设置了打开密码，请在 Excel 或 WPS 中取消密码并另存后再导入。"
    return f"文件“{path.name}”是旧版 Excel（.xls）或其他 Office 格式，{_RESAVE}。"


def _not_zip_message(name: str, head: bytes) -> str:
    if head.startswith(b"%PDF"):
        return f"文件“{name}”是 PDF 文件，不是 xlsx 工作簿，请导入 Excel 工作簿（*.xlsx）。"
    if _looks_like_text(head):
        return f"文件“{name}”是文本文件（如 CSV 或网页格式），不是 xlsx 工作簿，{_RESAVE}。"
    return f"文件“{name}”不是有效的 xlsx 工作簿，可能已损坏或并非 Excel 文件。"


def _looks_like_text(head: bytes) -> bool:
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 text, as some systems export CSV
        return True
    if b"\x00" in head:
        return False
    for encoding in ("utf-8", "gb18030"):
        for cut in range(4):  # the first bytes may end inside a character
            try:
                head[: len(head) - cut].decode(encoding)
            except UnicodeDecodeError:
                continue
            return True
    return False


def _check_zip(path: Path, limits: ReadLimits) -> None:
    name = path.name
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise ExchangeError(f"文件“{name}”不是有效的 xlsx 工作簿（压缩包已损坏）。") from exc
    names = {info.filename for info in infos}
    if "word/document.xml" in names:
        raise ExchangeError(f"文件“{name}”是 Word 文档，不是 Excel 工作簿，请导入 xlsx 文件。")
    if not all(part in names for part in _REQUIRED_PARTS):
        raise ExchangeError(f"文件“{name}”不是 xlsx 工作簿（缺少工作簿内容），{_RESAVE}。")
    if any(info.flag_bits & 0x1 for info in infos):
        raise ExchangeError(f"文件“{name}”的压缩内容已加密，无法读取。")
    _check_sizes(name, infos, limits)


def _check_sizes(name: str, infos: list[zipfile.ZipInfo], limits: ReadLimits) -> None:
    total = sum(info.file_size for info in infos)
    packed = sum(info.compress_size for info in infos)
    if total > limits.max_uncompressed_bytes:
        raise ExchangeError(
            f"文件“{name}”解压后有 {total / _MB:.0f} MB，超过了导入上限 {limits.max_uncompressed_bytes / _MB:.0f} MB。"
        )
    if total > _MB and total > limits.max_ratio * max(packed, 1):
        raise ExchangeError(f"文件“{name}”的压缩比异常（可能是“压缩炸弹”），为安全起见拒绝导入。")
    for info in infos:
        if info.file_size > _MB and info.file_size > limits.max_ratio * max(info.compress_size, 1):
            raise ExchangeError(
                f"文件“{name}”中的“{info.filename}”压缩比异常（可能是“压缩炸弹”），为安全起见拒绝导入。"
            )
