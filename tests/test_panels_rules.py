"""Issue 20's shape, checked on the source: pages make no database call and write no cache key; a chart is
assembled only in its panel (pii/panels); each shared rule is defined once."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# the two page modules that open the data connection and hand it to the view state
CONNECTION = {"common.py", "connection.py"}
# chart modules with shared styling only (colours, theme, responsive sizing): not a chart's assembly
STYLE = {"pii.charts.theme", "pii.charts.responsive", "pii.charts"}


def _tree(path: Path) -> ast.AST:
    return ast.parse(path.read_text(encoding="utf-8"))


def _page_files() -> list[Path]:
    return [p for p in sorted((ROOT / "pages").glob("*.py")) if p.name not in CONNECTION] + [ROOT / "app.py"]


def test_no_page_calls_the_database() -> None:
    found = []
    for path in _page_files():
        for node in ast.walk(_tree(path)):
            if isinstance(node, ast.Attribute) and node.attr == "db":
                found.append(f"{path.name}:{node.lineno} .db")
            elif isinstance(node, ast.Name) and node.id in ("db", "get_db", "PiiDB"):
                found.append(f"{path.name}:{node.lineno} {node.id}")
    assert not found, "pages reach the database (pass the view state to a panel instead):\n" + "\n".join(found)


def test_no_page_writes_a_cache_key() -> None:
    found = [f"{p.name}:{n.lineno}" for p in _page_files() for n in ast.walk(_tree(p))
             if isinstance(n, ast.Call) and getattr(n.func, "id", getattr(n.func, "attr", None)) == "memo"]
    assert not found, "hand-written cache keys in pages (a @panel function is cached by its arguments):\n" + \
        "\n".join(found)


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(_tree(path)):
        if isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{a.name}" for a in node.names)
        elif isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
    return names


def test_a_chart_is_assembled_only_in_its_panel() -> None:
    """Only pii/panels imports the chart builders (pii/charts/<page>.py); pages, packs, the CLI and the image
    export take the figure from a panel."""
    builders = {f"pii.charts.{p.stem}" for p in (ROOT / "pii" / "charts").glob("*.py")} - STYLE - {
        "pii.charts.__init__"}
    found = []
    for path in [*_page_files(), *(ROOT / "pii").rglob("*.py")]:
        rel = path.relative_to(ROOT).as_posix()
        if rel.startswith(("pii/panels/", "pii/charts/")):
            continue
        hit = {m for m in _imports(path) for b in builders if m == b or m.startswith(b + ".")}
        if hit:
            found.append(f"{rel}: {', '.join(sorted(hit))}")
    assert not found, "chart builders used outside pii/panels:\n" + "\n".join(found)


def _definitions(pattern: str) -> list[str]:
    """Where a name is defined (def or assignment at module level) in pii/, pages/ and queries/."""
    rx = re.compile(pattern)
    out = []
    for path in [*(ROOT / "pii").rglob("*.py"), *(ROOT / "pages").glob("*.py"), *(ROOT / "queries").glob("*.py")]:
        for node in _tree(path).body:  # type: ignore[attr-defined]
            names = []
            if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
                names = [node.name]
            elif isinstance(node, ast.Assign):
                names = [t.id for t in node.targets if isinstance(t, ast.Name) and not isinstance(node.value,
                                                                                                    ast.Name)]
            out += [f"{path.relative_to(ROOT).as_posix()}:{n}" for n in names if rx.fullmatch(n)]
    return out


def test_each_rule_is_defined_once() -> None:
    rules = {
        "plan_id_of": "pii/analysis/rules.py:plan_id_of",
        "strongest": "pii/analysis/rules.py:strongest",
        "weakest": "pii/analysis/rules.py:weakest",
        "computed_rank": "pii/analysis/model.py:computed_rank",  # rank within a group
        "rank_column": "pii/fmt.py:rank_column",
        "day": "pii/fmt.py:day",  # the export date
        "TABLES": "pii/pipeline/paths.py:TABLES",
        "LEVELS": "pii/framework.py:LEVELS",
        "Tree": "pii/framework.py:Tree",
        "fold": "pii/text.py:fold",
        "slug": "pii/text.py:slug",
    }
    for name, where in rules.items():
        assert _definitions(name) == [where], (name, _definitions(name))


def test_no_rule_is_written_inline() -> None:
    """"Strongest" and "weakest" orderings and the diacritic fold are written only in their rule."""
    inline = {
        r'sort_values\(\[\s*"rank",\s*"score"\]': "a strongest/weakest ordering (use rules.strongest/weakest)",
        r'normalize\("NFKD"': "a diacritic fold (use pii.text.fold)",
        # a rank column: "10/63" formatted row by row (a band or a label that adds the score is another rule)
        r'\brank\(\w+, \w+[^)]*\) for \w+, \w+ in zip\([^)]*\["rank"\],\s*[^)]*\["rank_of"\]\)':
            "a rank column (use fmt.rank_column)",
    }
    allowed = {"pii/text.py", "pii/analysis/rules.py", "pii/fmt.py"}
    found = []
    for path in [*(ROOT / "pii").rglob("*.py"), *(ROOT / "pages").glob("*.py")]:
        rel = path.relative_to(ROOT).as_posix()
        if rel in allowed:
            continue
        text = path.read_text(encoding="utf-8")
        found += [f"{rel}: {what}" for rx, what in inline.items() if re.search(rx, text)]
    assert not found, "\n".join(found)


def test_a_url_control_is_one_binder_call() -> None:
    """A page binds a URL parameter and draws its widget in one call (ctx.select / ctx.radio / ctx.multiselect),
    never ``ctx.param("x")`` and then a widget with ``key="x"``. The plan tracker's lead unit is the one
    exception: it is bound above the lazy tabs so that it stays in the URL while the other tab is open."""
    allowed = {("plan_tracker.py", "lead")}
    found = []
    for path in _page_files():
        text = path.read_text(encoding="utf-8")
        for key in re.findall(r'ctx\.param\(\s*"(\w+)"', text):
            if re.search(rf'key="{key}"', text) and (path.name, key) not in allowed:
                found.append(f"{path.name}: {key}")
    assert not found, "bound, then drawn apart: " + ", ".join(found)
