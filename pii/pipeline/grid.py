"""What every reader returns: a grid of cell texts with where each row is in the
file, plus the facts of how the file was read (for the preview).

Readers are pure functions (bytes in, ``Grid`` or a problem out) so they can run
in a worker process with limits; they never touch the data folder.
"""

from __future__ import annotations

from dataclasses import dataclass, field


class Num(str):
    """A cell that holds a real number (XLSX numeric cell): its text is shown, its value is used as is,
    whatever decimal separator the file's text cells use."""

    value: float

    def __new__(cls, value: float, text: str | None = None) -> Num:
        if text is None:
            text = repr(int(value)) if float(value).is_integer() else repr(float(value))
        obj = super().__new__(cls, text)
        obj.value = float(value)
        return obj


@dataclass
class Grid:
    """Rows of cells; ``lines[i]`` is the row number shown to the user (Excel row, CSV line,
    or running row of an extracted table) and ``where[i]`` says more when a number is not enough
    (the PDF page, the Word table)."""

    rows: list[list[str]]
    lines: list[int]
    where: list[str] = field(default_factory=list)
    spans: list[list[str]] | None = None  # merged cells filled across their range (header reading only)
    formulas: list[list[int]] | None = None  # per row: columns holding a formula (XLSX); None = check '=' text
    how: dict = field(default_factory=dict)
