"""A problem found in input data, located by file, row and column, in VI and EN."""

from __future__ import annotations

from dataclasses import dataclass

from pii.i18n import t


@dataclass(frozen=True)
class Problem:
    file: str
    row: int | None  # line number in the file (header is line 1); None = whole file
    column: str | None
    message_vi: str
    message_en: str
    value: str | None = None
    measure: str | None = None  # "score" or "rank" when the problem is about one measure (cross checks)

    @classmethod
    def of(cls, file: str, row: int | None, column: str | None, key: str, value: object = None,
           measure: str | None = None, **fields: object) -> Problem:
        """A problem whose message is the catalogue string ``key`` (pii.i18n), in Vietnamese and English."""
        return cls(file, row, column, t(key, "vi", **fields), t(key, "en", **fields),
                   None if value is None else str(value), measure)

    def reworded(self, key: str, **fields: object) -> Problem:
        """The same problem with its message put into the catalogue string ``key``
        (``{message}`` is the old message); a (vi, en) pair as a field value gives each language its own."""
        def one(lang: str, message: str) -> str:
            vals = {k: (v[0] if lang == "vi" else v[1]) if isinstance(v, tuple) else v for k, v in fields.items()}
            return t(key, lang, message=message, **vals)

        return Problem(self.file, self.row, self.column, one("vi", self.message_vi), one("en", self.message_en),
                       self.value, self.measure)

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
        self.problems = ProblemList(problems)
        total = self.problems.total
        head = "\n".join(p.text("en") for p in self.problems[:20])
        more = f"\n... and {total - 20} more" if total > 20 else ""
        super().__init__(f"{total} problem(s) in the data:\n{head}{more}")


# At most this many problems are kept per report; the rest are only counted, per kind,
# so a file with millions of bad rows costs a bounded amount of memory and screen.
MAX_PROBLEMS = 200


class ProblemList(list):
    """A list of problems that keeps the first ``limit`` and counts the rest per kind.

    Every path that collects problems (readers, checks, the build) appends to
    one of these, so the cap holds wherever a problem comes from.
    ``summary()`` gives the kept problems plus one line per kind left out.
    """

    def __init__(self, items: object = (), limit: int = MAX_PROBLEMS):
        super().__init__()
        self.limit = limit
        self.dropped: dict[tuple[str, str], int] = {}
        self.extend(items)  # type: ignore[arg-type]

    def append(self, p: Problem) -> None:  # type: ignore[override]
        if len(self) < self.limit:
            super().append(p)
        else:
            key = (p.message_vi, p.message_en)
            self.dropped[key] = self.dropped.get(key, 0) + 1

    def extend(self, items: object) -> None:  # type: ignore[override]
        for p in items:  # type: ignore[attr-defined]
            self.append(p)
        if isinstance(items, ProblemList):
            for key, n in items.dropped.items():
                self.dropped[key] = self.dropped.get(key, 0) + n

    def __iadd__(self, items: object) -> ProblemList:  # type: ignore[override]
        self.extend(items)
        return self

    def __reduce__(self) -> tuple:  # pickle (the worker's reply) without calling append before __init__
        return (_restore, (list(self), self.limit, dict(self.dropped)))

    @property
    def total(self) -> int:
        return len(self) + sum(self.dropped.values())

    def summary(self) -> list[Problem]:
        """The kept problems, then one problem per kind that was only counted."""
        file = self[0].file if self else ""
        more = [Problem(file, None, None, f"… và {n} vấn đề khác cùng loại: {vi}",
                        f"… and {n} more problem(s) of this kind: {en}") for (vi, en), n in self.dropped.items()]
        return [*self, *more]


def _restore(items: list[Problem], limit: int, dropped: dict[tuple[str, str], int]) -> ProblemList:
    out = ProblemList(items, limit=limit)
    out.dropped.update(dropped)
    return out
