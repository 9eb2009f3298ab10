"""A problem found in input data, located by file, row and column, in VI and EN."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    file: str
    row: int | None  # line number in the file (header is line 1); None = whole file
    column: str | None
    message_vi: str
    message_en: str
    value: str | None = None

    def where(self) -> str:
        parts = [self.file]
        if self.row is not None:
            parts.append(f"row {self.row}")
        if self.column:
            parts.append(f"column '{self.column}'")
        return ", ".join(parts)

    def text(self, lang: str = "en") -> str:
        msg = self.message_vi if lang == "vi" else self.message_en
        where = self.where()
        if lang == "vi":
            where = where.replace("row ", "dòng ").replace("column ", "cột ")
        shown = f" (value: {self.value!r})" if self.value not in (None, "") else ""
        if lang == "vi" and shown:
            shown = f" (giá trị: {self.value!r})"
        return f"{where}: {msg}{shown}"


class DataError(Exception):
    """Raised when input data fails validation; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        head = "\n".join(p.text("en") for p in problems[:20])
        more = f"\n... and {len(problems) - 20} more" if len(problems) > 20 else ""
        super().__init__(f"{len(problems)} problem(s) in the data:\n{head}{more}")
