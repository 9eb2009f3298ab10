"""Document metadata of every PDF the app writes (issue 21): a title that a reader shows instead of the file name,
and the document's language, so a screen reader reads Vietnamese as Vietnamese."""

from __future__ import annotations

import io

from pypdf import PdfReader, PdfWriter
from pypdf.generic import BooleanObject, NameObject, TextStringObject

LANG_TAGS = {"vi": "vi-VN", "en": "en"}


def set_metadata(writer: PdfWriter, title: str, lang: str, producer: str | None = None) -> None:
    """Title (Info dictionary, shown by the viewer: DisplayDocTitle) and language (catalog /Lang)."""
    info = {"/Title": title}
    if producer:
        info["/Producer"] = producer
    writer.add_metadata(info)
    writer.root_object[NameObject("/Lang")] = TextStringObject(LANG_TAGS.get(lang, lang))
    # the viewer's title bar shows the title, not the file name (the property setter did not store it in pypdf 7)
    writer.create_viewer_preferences()[NameObject("/DisplayDocTitle")] = BooleanObject(True)


def with_metadata(pdf: bytes, title: str, lang: str, producer: str | None = None) -> bytes:
    """``pdf`` with :func:`set_metadata` applied (a PDF from Kaleido or Chromium)."""
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    set_metadata(writer, title, lang, producer)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
