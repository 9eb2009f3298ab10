"""The importer's structure (issue 19): modules along the path a file takes, none too large,
and no import cycle between build, the importer modules and the sandbox, counting the imports
made inside functions too (a cycle hidden in a function still ties the modules together)."""

from __future__ import annotations

import ast
from pathlib import Path

PIPELINE = Path(__file__).resolve().parents[1] / "pii" / "pipeline"


def _graph() -> dict[str, set[str]]:
    g: dict[str, set[str]] = {}
    for path in PIPELINE.glob("*.py"):
        me = f"pii.pipeline.{path.stem}"
        g.setdefault(me, set())
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                targets = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
            elif isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            else:
                continue
            for t in targets:
                if t.startswith("pii.pipeline.") and (PIPELINE / f"{t.split('.')[2]}.py").exists():
                    other = ".".join(t.split(".")[:3])
                    if other != me:
                        g[me].add(other)
    return g


def test_no_cycle_between_build_importer_and_sandbox():
    g = _graph()
    ours = {n for n in g if n.split(".")[-1].startswith(("import", "build", "sandbox"))}

    def reach(start: str) -> set[str]:
        seen, todo = set(), [start]
        while todo:
            for nxt in g.get(todo.pop(), set()) & ours:
                if nxt not in seen:
                    seen.add(nxt)
                    todo.append(nxt)
        return seen

    assert sorted(n for n in ours if n in reach(n)) == []  # a module that reaches itself is in a cycle


def test_importer_modules_are_small_and_the_facade_is_thin():
    sizes = {p.name: len(p.read_text(encoding="utf-8").splitlines()) for p in PIPELINE.glob("import*.py")}
    assert {n: s for n, s in sizes.items() if s > 300} == {}
    assert sizes["importer.py"] < 60  # re-exports only
    from pii.pipeline import importer

    for name in ("check_file", "publish", "rollback", "read_log", "recover", "ImportReport", "LOG_NAME", "KINDS"):
        assert hasattr(importer, name), name
