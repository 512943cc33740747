"""Reading a user's input file whole: capped by its size, then decoded.

Every loader of a user's file (scenario YAML, rule packs, plans, calendars, trends files, history
exports) caps what it reads, so a wrong path (a video, a disk image) is refused at once instead of
filling memory: a regular file by its size before a byte is read, a pipe or a device
(``<(cat s.yaml)``, ``/dev/stdin``) by reading no more than the cap. Chinese spreadsheets save CSV as GB18030 (GBK) as often as UTF-8, so the files a
spreadsheet writes are tried as UTF-8 (with or without a BOM) first, then GB18030; files the tool
itself writes (YAML, JSON) are UTF-8 only, so a wrong encoding there is an error, not a guess.
"""

from __future__ import annotations

import stat
from dataclasses import dataclass
from pathlib import Path

from planner.errors import InputError, Problem

#: Files the tool writes or documents as UTF-8: YAML, JSON.
UTF8 = ("utf-8-sig",)
#: Files a spreadsheet writes: CSV exported by Excel on a Chinese Windows is GB18030 (GBK).
UTF8_OR_GB18030 = ("utf-8-sig", "gb18030")

_NAMES = {"utf-8": "utf-8", "utf-8-sig": "utf-8 with BOM", "gb18030": "GBK/GB18030"}
_BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True)
class Text:
    """A file's text and the encoding it was read in ("utf-8", "utf-8 with BOM" or "GBK/GB18030")."""

    text: str
    encoding: str


def check_size(path: Path, limit: int, file: str | None = None) -> None:
    """Refuse a file bigger than ``limit`` bytes by its size, before anything reads it."""
    size = path.stat().st_size
    if size > limit:
        raise InputError(Problem(f"file is over the {limit} byte limit ({size} bytes)",
                                 file=str(path) if file is None else file))


def decode(raw: bytes, file: str, encodings: tuple[str, ...] = UTF8_OR_GB18030) -> Text:
    """``raw`` in the first of ``encodings`` that reads it whole; an InputError naming the first bad byte."""
    first_error: UnicodeDecodeError | None = None
    for encoding in encodings:
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError as error:
            first_error = first_error or error
            continue
        name = "utf-8" if encoding == "utf-8-sig" and not raw.startswith(_BOM) else _NAMES.get(encoding, encoding)
        return Text(text, name)
    where = f" (byte {first_error.start})" if first_error is not None else ""
    wanted = "neither UTF-8 nor GBK/GB18030 text" if "gb18030" in encodings else "not UTF-8 text"
    raise InputError(Problem(f"{wanted}{where}; save the file as UTF-8", file=file))


def read_bytes(path: str | Path, limit: int, file: str | None = None) -> bytes:
    """The bytes of an input file, at most ``limit`` of them. A missing file, a folder, a bad name,
    a file over the limit: an InputError naming ``file`` (``path`` unless given)."""
    file = str(path) if file is None else file
    target = Path(path)
    try:
        kind = target.stat().st_mode
        if stat.S_ISDIR(kind):
            raise InputError(Problem("is a folder, not a file", file=file))
        if stat.S_ISREG(kind):
            check_size(target, limit, file)
            return target.read_bytes()
        if not (stat.S_ISFIFO(kind) or stat.S_ISCHR(kind)):
            raise InputError(Problem("is not a file, a pipe or a device", file=file))
        with target.open("rb") as handle:
            data = handle.read(limit + 1)
    except FileNotFoundError:
        raise InputError(Problem("no such file", file=file)) from None
    except ValueError:  # a NUL character in the name
        raise InputError(Problem("the file name holds a NUL character", file=file)) from None
    except OSError as error:
        raise InputError(Problem(f"cannot read the file: {error.strerror or type(error).__name__}",
                                 file=file)) from None
    if len(data) > limit:
        raise InputError(Problem(f"file is over the {limit} byte limit", file=file))
    return data


def read_text(path: str | Path, limit: int, encodings: tuple[str, ...] = UTF8_OR_GB18030,
              file: str | None = None) -> Text:
    """The whole text of an input file (``read_bytes``), in the first of ``encodings`` that reads it."""
    file = str(path) if file is None else file
    return decode(read_bytes(path, limit, file), file, encodings)
