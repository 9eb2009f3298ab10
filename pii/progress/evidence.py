"""Evidence files attached to reports and checklist items (issue 23).

- At most ``MAX_BYTES``; the type is read from the content (PDF, Word, Excel,
  PNG, JPEG), never from the name; Office files pass the importer's zip limits
  (size unpacked, ratio, members), a PDF must start and end like one.
- Stored once per content under ``settings.evidence_dir()/<sha256>``, a private
  folder outside anything Streamlit serves; the name a user gave is kept only
  as text (made safe) for the download.
- Read back only by a signed-in user who may see that unit (``roles.may_see_unit``).
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import Path

from pii import settings
from pii.pipeline import limits

MAX_BYTES = 10 * 1024 * 1024
KINDS = {"pdf": "application/pdf", "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
         "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "png": "image/png",
         "jpeg": "image/jpeg"}
_OFFICE_MAIN = {"docx": "word/document.xml", "xlsx": "xl/workbook.xml"}
_UNSAFE = re.compile(r"[^\w.\- ()]+", re.UNICODE)


@dataclass(frozen=True)
class Checked:
    kind: str | None  # one of KINDS, None when refused
    problem: str | None  # catalogue key of the refusal
    params: dict


def safe_name(name: str) -> str:
    """The file's own name as plain text: no folders, controls or markup characters, at most 120 characters."""
    base = Path(str(name).replace("\\", "/")).name
    base = "".join(ch for ch in unicodedata.normalize("NFC", base) if unicodedata.category(ch)[0] not in "CZ"
                   or ch == " ")
    base = _UNSAFE.sub("_", base).strip(" ._") or "tep"
    return base[:120]


def inspect(data: bytes, name: str) -> Checked:
    """What the bytes are, or why they are refused (limits first, then the content)."""
    if len(data) > MAX_BYTES:
        return Checked(None, "ev_too_big", {"mb": MAX_BYTES // (1024 * 1024)})
    if not data:
        return Checked(None, "ev_empty", {})
    if data.startswith(b"%PDF-"):
        return Checked("pdf", None, {}) if b"%%EOF" in data[-2048:] else Checked(None, "ev_bad_pdf", {})
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return Checked("png", None, {})
    if data.startswith(b"\xff\xd8\xff"):
        return Checked("jpeg", None, {})
    if data.startswith(limits.ZIP_MAGIC):
        if limits.check_upload(data, name):  # the importer's zip-bomb and size limits
            return Checked(None, "ev_bad_office", {})
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as zf:
                members = set(zf.namelist())
        except (zipfile.BadZipFile, OSError, ValueError):
            return Checked(None, "ev_bad_office", {})
        for kind, main in _OFFICE_MAIN.items():
            if main in members and "[Content_Types].xml" in members:
                return Checked(kind, None, {})
        return Checked(None, "ev_bad_office", {})
    return Checked(None, "ev_type", {})


def check_in_worker(data: bytes, name: str) -> Checked:
    """:func:`inspect` in the importer's limited worker: no byte of an upload is parsed in the server."""
    from pii.pipeline import sandbox

    if len(data) > MAX_BYTES:  # no process needed to say that
        return inspect(data, name)
    result, stats = sandbox.run_task("evidence", data, name)
    if isinstance(result, Checked):
        return result
    return Checked(None, "ev_busy" if stats.outcome == "busy" else "ev_bad_office", {})


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def store(data: bytes) -> str:
    """Write the content once under its hash (atomic rename); returns the hash."""
    digest = sha256(data)
    folder = settings.evidence_dir()
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    target = folder / digest
    if not target.exists():
        tmp = folder / f".{digest}.{os.getpid()}.tmp"
        with open(tmp, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    return digest


def read(digest: str) -> bytes:
    if not re.fullmatch(r"[0-9a-f]{64}", digest):
        raise ValueError("not a content hash")
    return (settings.evidence_dir() / digest).read_bytes()
