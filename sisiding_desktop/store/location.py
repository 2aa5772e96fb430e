"""Where a database file may live: a local, writable disk.

SQLite's write-ahead log needs shared memory between the processes using the
file, which a network share cannot give (two PCs writing one file through SMB or
NFS can corrupt it), and every save writes beside the file (``-wal``, ``-shm``,
the lock file), which a read-only medium refuses. Both are checked before the
file is opened, so the user reads why instead of an SQLite error.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from sisiding_desktop.store.errors import StoreError

# File-system types of network shares as /proc/self/mounts names them.
NETWORK_FILESYSTEMS = frozenset(
    {
        "nfs", "nfs4", "cifs", "smbfs", "smb3", "ncpfs", "afs", "coda", "davfs", "fuse.davfs2",
        "fuse.sshfs", "sshfs", "fuse.rclone", "fuse.s3fs", "ceph", "glusterfs", "fuse.glusterfs",
        "lustre", "gpfs", "9p", "ocfs2", "gfs2",
    }
)  # fmt: skip
DRIVE_REMOTE = 4  # GetDriveTypeW


class NetworkLocation(StoreError):
    """The database file is on a network share."""


class ReadOnlyLocation(StoreError):
    """The database file or its folder cannot be written."""


def check_location(path: Path) -> None:
    """Raise NetworkLocation or ReadOnlyLocation (Chinese message) unless ``path`` is on a local, writable disk."""
    share = network_share(path)
    if share:
        raise NetworkLocation(
            f"数据库文件“{path.name}”位于网络位置（{share}）。多台电脑通过网络共用一个数据库文件可能损坏数据，"
            "本程序不在网络位置上打开数据库。请把文件复制到本机磁盘（如“文档”文件夹）后再打开；"
            "需要与他人交换数据时，请导出 Excel 文件。"
        )
    if not is_writable(path):
        raise ReadOnlyLocation(
            f"数据库文件“{path.name}”所在的位置是只读的（例如光盘、写保护的U盘、只读共享文件夹，"
            "或文件被设为“只读”），无法保存修改。请把文件复制到本机磁盘（如“文档”文件夹）后再打开。"
        )


def is_writable(path: Path) -> bool:
    """The file (if it exists) and its folder accept writes; a read-only mount refuses even the administrator."""
    folder = path.parent
    if path.exists() and not os.access(path, os.W_OK):
        return False
    if not os.access(folder, os.W_OK):
        return False
    if hasattr(os, "statvfs"):
        try:
            if os.statvfs(folder).f_flag & os.ST_RDONLY:
                return False
        except OSError:
            return True
    return True


def network_share(path: Path) -> str:
    """A short description of the network share holding ``path``, or ``""`` for a local disk."""
    if sys.platform == "win32":
        return _windows_share(path)
    try:
        mounts = Path("/proc/self/mounts").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""
    return share_in_mount_table(path, mounts)


def share_in_mount_table(path: Path, mounts: str) -> str:
    """The network share of ``path`` according to a Linux mount table (``/proc/self/mounts`` text)."""
    best_point, best = "", ("", "")
    target = str(path)
    for line in mounts.splitlines():
        fields = line.split()
        if len(fields) < 3:
            continue
        source, point, fstype = fields[0], _unescape(fields[1]), fields[2]
        inside = target == point or target.startswith(point.rstrip("/") + "/")
        if inside and len(point) >= len(best_point):
            best_point, best = point, (source, fstype)
    source, fstype = best
    if fstype in NETWORK_FILESYSTEMS or fstype.startswith("fuse.sshfs"):
        return f"{source}，{fstype}"
    return ""


def _unescape(field: str) -> str:
    """Mount points escape blanks as octal (``\\040``)."""
    return field.replace("\\040", " ").replace("\\011", "\t").replace("\\134", "\\")


def _windows_share(path: Path) -> str:
    text = str(path)
    if text.startswith("\\\\"):
        return text.split("\\")[2] if len(text.split("\\")) > 2 else text
    import ctypes

    root = path.anchor or text[:3]
    if ctypes.windll.kernel32.GetDriveTypeW(root) == DRIVE_REMOTE:
        return f"网络驱动器 {root}"
    return ""
