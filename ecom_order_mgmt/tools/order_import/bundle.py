# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The files of an upload: one file, two (a pair of reports), or a .zip of them.

A Tmall/Taobao export comes as two reports (orders, items) that the seller
centre often hands out zipped. :func:`unpack` gives the .csv/.xlsx files of
a .zip (at most two, their sizes checked before they are read, so a zip
bomb is refused unopened); :func:`pack` writes files into a .zip (the
rejected rows of a pair, the background parts of a big pair).
"""
import io
import os
import zipfile

from .messages import MSG_ZIP_CONTENT, MSG_ZIP_TOO_LARGE, MSG_ZIP_UNREADABLE
from .reading import EXTENSIONS, FileError, shown

# zipfile's flag of a member name written in UTF-8; others are in the
# writer's code page (GBK on a Chinese Windows), which zipfile reads as cp437.
_UTF8_FLAG = 0x800


def is_zip(filename):
    """Whether the upload is a .zip archive (by its name)."""
    return os.path.splitext(filename or "")[1].lower() == ".zip"


def _member_name(info):
    name = info.filename
    if not info.flag_bits & _UTF8_FLAG:
        try:
            name = name.encode("cp437").decode("gb18030")
        except (UnicodeEncodeError, UnicodeDecodeError):
            pass
    return os.path.basename(name)


def unpack(content, max_bytes):
    """[(name, bytes)] of the .csv and .xlsx files of a .zip; raises FileError."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
        members = [info for info in archive.infolist()
                   if not info.is_dir() and not info.filename.startswith("__MACOSX/")
                   and os.path.splitext(info.filename)[1].lower() in EXTENSIONS]
        if not 1 <= len(members) <= 2:
            raise FileError(MSG_ZIP_CONTENT, count=len(members))
        size = sum(info.file_size for info in members)
        if size > max_bytes:
            raise FileError(MSG_ZIP_TOO_LARGE, size="%.3g" % (size / 1048576.0),
                            limit="%.3g" % (max_bytes / 1048576.0))
        return [(_member_name(info), archive.read(info)) for info in members]
    except FileError:
        raise
    except Exception as exc:  # zlib, zipfile, CRC: all mean "unreadable"
        raise FileError(MSG_ZIP_UNREADABLE, error=shown(str(exc) or type(exc).__name__))


def pack(files):
    """The bytes of a .zip holding `files` ([(name, bytes)]), names in UTF-8."""
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files:
            # a fixed date: the same files give the same bytes
            info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
    return output.getvalue()
