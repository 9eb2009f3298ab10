"""The layer order the README states (issue 20): no import cycle anywhere, imports made inside functions
included; pii/ is Streamlit-free; each layer imports only from the layers below it."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("pii", "queries", "pages")
# (importer prefix, forbidden import prefixes): what sits above a layer
RULES = [
    ("pii", ("pages", "streamlit", "app")),
    ("queries", ("pages", "pii.analysis", "pii.charts", "pii.export", "pii.panels", "pii.progress",
                 "pii.viewstate")),
    ("pii.pipeline", ("pii.analysis", "pii.charts", "pii.export", "pii.panels")),
    ("pii.analysis", ("pii.charts", "pii.export", "pii.panels")),
    ("pii.charts", ("pii.export", "pii.panels")),
    # the packs, the CLI and the image export use the panels, never the other way round
    ("pii.panels", ("pii.export.packs", "pii.export.pptx_pack", "pii.export.pdf_pack", "pii.export.cli",
                    "pii.export.image", "pii.export.decorate")),
    ("pii.framework", ("pii.analysis", "pii.pipeline", "queries")),
    ("pii.text", ("pii.analysis", "pii.pipeline", "pii.charts", "pii.panels", "pii.export", "queries")),
]


def _module(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports() -> dict[str, set[str]]:
    """module -> every module name it imports (top level and inside functions)."""
    out: dict[str, set[str]] = {}
    for pkg in PACKAGES:
        for path in (ROOT / pkg).rglob("*.py"):
            names: set[str] = set()
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                    names.add(node.module)
                    names.update(f"{node.module}.{a.name}" for a in node.names)
                elif isinstance(node, ast.Import):
                    names.update(a.name for a in node.names)
            out[_module(path)] = names
    return out


def _graph() -> dict[str, set[str]]:
    imports = _imports()
    known = set(imports)
    g: dict[str, set[str]] = {}
    for mod, names in imports.items():
        g[mod] = set()
        for name in names:
            while name and name not in known:
                name = name.rpartition(".")[0]
            if name and name != mod and not mod.startswith(name + "."):  # a package's own __init__ is not a cycle
                g[mod].add(name)
    return g


def _cycles(g: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    out: list[list[str]] = []
    for root in g:
        if root in index:
            continue
        work = [(root, iter(sorted(g[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on.add(root)
        while work:
            v, it = work[-1]
            for w in it:
                if w not in index:
                    index[w] = low[w] = len(index)
                    stack.append(w)
                    on.add(w)
                    work.append((w, iter(sorted(g.get(w, ())))))
                    break
                if w in on:
                    low[v] = min(low[v], index[w])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[v])
                if low[v] == index[v]:
                    comp = []
                    while True:
                        w = stack.pop()
                        on.discard(w)
                        comp.append(w)
                        if w == v:
                            break
                    if len(comp) > 1:
                        out.append(sorted(comp))
    return out


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_no_import_cycle_anywhere() -> None:
    assert _cycles(_graph()) == []


def test_no_import_against_the_layer_order() -> None:
    bad = []
    for mod, names in _imports().items():
        for prefix, forbidden in RULES:
            if mod == prefix or mod.startswith(prefix + "."):
                bad += [f"{mod} -> {n}" for n in names
                        if any(n == f or n.startswith(f + ".") for f in forbidden)]
    assert sorted(set(bad)) == []
