"""Safe file output: write to a temporary file beside the target, then rename.

What stands at the output path decides how it is written:

- ``-``: standard output.
- a character device (``/dev/null``, a terminal) or a named pipe: written directly, in place; it is
  never replaced by a regular file.
- a symbolic link: followed; the temporary file is made beside the file the link names and renamed
  over it, so the link stays a link.
- a regular file, or nothing yet: the atomic write. A rewrite keeps the file's mode (and, where the
  process may, its owner); a new file gets ``0o666`` less the umask, as ``open()`` would give it.
- anything else (a folder, a socket, a block device): refused with an ``InputError`` saying what it is.

The process umask is only read (``/proc/self/status``), never set: setting it, even for a moment,
changes the mode of whatever other threads create meanwhile.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import stat
import sys
import time
from pathlib import Path

from planner.errors import InputError, Problem

#: A temporary file of this writer that is older than this is left from a killed write: removed.
STALE_SECONDS = 3600
#: A temporary file whose writing process is gone is removed once it is this old.
DEAD_WRITER_SECONDS = 60
_FALLBACK_UMASK = 0o022


def write_atomic(path: str | os.PathLike[str], data: str | bytes) -> Path:
    """Write ``data`` to ``path`` so a reader never sees a half-written file (see the module's notes
    for devices, pipes, ``-`` and links). An ``OSError`` always names the file."""
    payload = data if isinstance(data, bytes) else data.encode("utf-8")
    if os.fspath(path) == "-":
        _to_stdout(payload)
        return Path("-")
    target = Path(path)
    real = Path(os.path.realpath(target))  # follows every link; a dangling one gives where it points
    try:
        info: os.stat_result | None = os.stat(real)
    except FileNotFoundError:
        info = None
    except OSError as error:  # a link loop, a name too long...
        raise _named(error, target) from None
    if info is not None and not stat.S_ISREG(info.st_mode):
        kind = _kind(info.st_mode)
        if kind in ("character device", "named pipe"):
            _write_in_place(real, payload, target)
            return target
        raise InputError(Problem(f"is a {kind}, not a file, a device or a pipe; refused", file=str(target)))
    try:
        real.parent.mkdir(parents=True, exist_ok=True)
        _replace(real, payload, info)
    except OSError as error:
        raise _named(error, target) from None
    return target


def _replace(real: Path, payload: bytes, info: os.stat_result | None) -> None:
    folder = real.parent
    prefix = f".{real.name}."
    tmp = folder / f"{prefix}{os.getpid()}.{secrets.token_hex(4)}.tmp"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), 0o600)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        if info is None:
            os.chmod(tmp, 0o666 & ~current_umask())  # an ordinary new file, as open() makes it
        else:
            os.chmod(tmp, stat.S_IMODE(info.st_mode))  # a rewrite keeps the mode (chmod 600 stays 600)
            if (info.st_uid, info.st_gid) != (os.geteuid(), os.getegid()):
                with contextlib.suppress(OSError):  # keep the owner where the process may (root)
                    os.chown(tmp, info.st_uid, info.st_gid)
        os.replace(tmp, real)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    _sync_folder(folder)
    _clean_stale(folder, prefix, tmp.name)


def _to_stdout(payload: bytes) -> None:
    stream = sys.stdout
    buffer = getattr(stream, "buffer", None)
    if buffer is not None:
        stream.flush()
        buffer.write(payload)
        buffer.flush()
    else:
        stream.write(payload.decode("utf-8"))
        stream.flush()


def _write_in_place(real: Path, payload: bytes, target: Path) -> None:
    """A device or a pipe: open for writing only (never create or truncate), write everything."""
    try:
        fd = os.open(real, os.O_WRONLY | getattr(os, "O_CLOEXEC", 0))
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
    except OSError as error:
        raise _named(error, target) from None


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "folder"
    if stat.S_ISCHR(mode):
        return "character device"
    if stat.S_ISFIFO(mode):
        return "named pipe"
    if stat.S_ISSOCK(mode):
        return "socket"
    if stat.S_ISBLK(mode):
        return "block device"
    return "special file"


def _named(error: OSError, target: Path) -> OSError:
    """The same error, naming the output file when it named nothing (``error: : No space left``)."""
    if error.filename is None:
        error.filename = str(target)
    return error


def current_umask() -> int:
    """The process umask, read without setting it (``/proc/self/status``; 0o022 where unreadable)."""
    try:
        with open("/proc/self/status", encoding="ascii", errors="replace") as handle:
            for line in handle:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    return _FALLBACK_UMASK


def _sync_folder(folder: Path) -> None:
    """fsync the folder so the rename itself survives a crash; some file systems cannot: ignored."""
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


_PID = re.compile(r"^(\d+)\.[0-9a-f]+\.tmp$")


def _clean_stale(folder: Path, prefix: str, keep: str) -> None:
    """Remove this target's temporary files left by killed writes: ours (same owner), and either old
    or of a process that is gone. A write in progress elsewhere is young and its process alive."""
    now = time.time()
    try:
        names = [name for name in os.listdir(folder) if name.startswith(prefix) and name.endswith(".tmp")]
    except OSError:
        return
    for name in names:
        if name == keep:
            continue
        path = folder / name
        try:
            info = path.lstat()
        except OSError:
            continue
        if not stat.S_ISREG(info.st_mode) or info.st_uid != os.geteuid():
            continue
        age = now - info.st_mtime
        match = _PID.match(name[len(prefix):])
        gone = match is not None and not _alive(int(match.group(1)))
        if age > STALE_SECONDS or (gone and age > DEAD_WRITER_SECONDS):
            with contextlib.suppress(OSError):
                path.unlink()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except PermissionError:  # there, but another user's
        return True
    except (OSError, OverflowError, ValueError):  # no such process, or no possible process id
        return False
    return True
