"""Look at a file before any reader does: is it an xlsx (or, where accepted, a docx) package, and is it safe to unpack?

Everything here reads only the file's first bytes and the zip directory, so a
zip bomb or a renamed ``.xls`` is refused before any part is decompressed.
Files are recognised by content, not by name: a package holding
``word/document.xml`` is a Word document whatever it is called.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from sisiding_desktop.exchange.errors import ExchangeError
from sisiding_desktop.exchange.opening.limits import ReadLimits
from sisiding_desktop.wording.os_errors import reason

XLSX = "xlsx"
DOCX = "docx"
XLSX_ONLY = frozenset({XLSX})

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # compound file: .xls, .doc, encrypted .xlsx
_ZIP_MAGIC = b"PK\x03\x04"
_RTF_MAGIC = b"{\\rtf"
_ENCRYPTED_MARK = "EncryptionInfo".encode("utf-16-le")
_WORD_MARK = "WordDocument".encode("utf-16-le")  # the stream every .doc holds
_WORKBOOK_MARK = "Workbook".encode("utf-16-le")
_WORD_SUFFIXES = (".doc", ".dot", ".wps")
_REQUIRED_PARTS = {XLSX: ("[Content_Types].xml", "xl/workbook.xml"), DOCX: ("[Content_Types].xml", "word/document.xml")}
WORD_PART = "word/document.xml"
_RESAVE = "请在 Excel 或 WPS 中另存为“Excel 工作簿（*.xlsx）”后再导入"
_RESAVE_WORD = "请在 Word 或 WPS 中另存为“Word 文档（*.docx）”后再导入"
_MB = 1024**2


def check_package(path: Path, limits: ReadLimits, accept: frozenset[str] = XLSX_ONLY) -> str:
    """Raise :class:`ExchangeError` unless ``path`` is a package of a kind in ``accept`` within ``limits``.

    Returns the kind found: :data:`XLSX` or :data:`DOCX`.
    """
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
        raise ExchangeError(_ole_message(path, DOCX in accept))
    if DOCX in accept and head.startswith(_RTF_MAGIC):
        raise ExchangeError(f"文件“{name}”是 RTF 格式的文档，{_RESAVE_WORD}。")
    if not head.startswith(_ZIP_MAGIC):
        raise ExchangeError(_not_zip_message(name, head))
    return _check_zip(path, limits, accept)


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


def _ole_message(path: Path, word_accepted: bool) -> str:
    # An encrypted xlsx is an OLE container whose directory names an EncryptionInfo stream.
    with path.open("rb") as handle:
        head = handle.read(1 * _MB)
    if _ENCRYPTED_MARK in head:
        return f"文件“{path.name}”设置了打开密码，请在 Excel 或 WPS 中取消密码并另存后再导入。"
    if word_accepted and (_WORD_MARK in head or (_WORKBOOK_MARK not in head and path.suffix.lower() in _WORD_SUFFIXES)):
        return f"文件“{path.name}”是旧版 Word 文档（.doc），{_RESAVE_WORD}。"
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


def _check_zip(path: Path, limits: ReadLimits, accept: frozenset[str]) -> str:
    name = path.name
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        what = "xlsx 工作簿或 docx 文档" if DOCX in accept else "xlsx 工作簿"
        raise ExchangeError(f"文件“{name}”不是有效的 {what}（压缩包已损坏）。") from exc
    names = {info.filename for info in infos}
    kind = DOCX if WORD_PART in names else XLSX
    if kind not in accept:
        raise ExchangeError(f"文件“{name}”是 Word 文档，不是 Excel 工作簿，请导入 xlsx 文件。")
    if not all(part in names for part in _REQUIRED_PARTS[kind]):
        if kind == DOCX:
            raise ExchangeError(f"文件“{name}”不是完整的 Word 文档（缺少文档内容），{_RESAVE_WORD}。")
        raise ExchangeError(f"文件“{name}”不是 xlsx 工作簿（缺少工作簿内容），{_RESAVE}。")
    if any(info.flag_bits & 0x1 for info in infos):
        raise ExchangeError(f"文件“{name}”的压缩内容已加密，无法读取。")
    _check_sizes(name, infos, limits)
    return kind


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
