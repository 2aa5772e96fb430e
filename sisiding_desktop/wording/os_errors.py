"""Why the operating system refused a file operation, in words an office reads (Chinese)."""

from __future__ import annotations

import errno

REASONS = {
    errno.ENOSPC: "磁盘空间已满，请清理磁盘后重试",
    errno.EROFS: "该位置是只读的（例如光盘、写保护的U盘或只读共享文件夹）",
    errno.EACCES: "没有写入权限，或文件正被其他程序（如 Excel、WPS）打开",
    errno.EPERM: "没有权限，或文件正被其他程序（如 Excel、WPS）打开",
    errno.ENOENT: "找不到该文件或文件夹",
    errno.EFBIG: "文件超过了该磁盘允许的大小",
    errno.EIO: "读写磁盘时出错（U盘或移动硬盘可能已被拔出）",
    errno.ENAMETOOLONG: "文件名或路径太长",
    errno.EBUSY: "文件正被其他程序使用",
    errno.EISDIR: "这是一个文件夹，不是文件",
}
if hasattr(errno, "EDQUOT"):
    REASONS[errno.EDQUOT] = "磁盘配额已用完"
# Windows reports a file held open by Excel or WPS as a sharing or lock violation.
WINDOWS_REASONS = {32: "文件正被其他程序（如 Excel、WPS）打开", 33: "文件正被其他程序（如 Excel、WPS）打开"}


def reason(exc: OSError) -> str:
    """A short Chinese reason for ``exc`` (no trailing full stop)."""
    winerror = getattr(exc, "winerror", None)
    if winerror in WINDOWS_REASONS:
        return WINDOWS_REASONS[winerror]
    if exc.errno in REASONS:
        return REASONS[exc.errno]
    return f"系统错误：{exc.strerror or exc}"
