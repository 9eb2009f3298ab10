"""The VI/EN catalogue: same placeholders in both languages, no empty strings,
no string that no code uses."""

from __future__ import annotations

import ast
import string
from pathlib import Path

import pytest

from pii.i18n import catalog

ROOT = Path(__file__).resolve().parents[1]
CODE = [p for d in ("pii", "pages", "queries", "scripts") for p in (ROOT / d).rglob("*.py") if "i18n" not in p.parts]
CODE.append(ROOT / "app.py")


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def _head(node: ast.AST) -> str | None:
    """The constant start of an f-string or a sum (``f"ex_preset_{p}"``,
    ``"map_colorbar_" + measure``)."""
    if isinstance(node, ast.BinOp) and isinstance(node.left, ast.Constant) and isinstance(node.left.value, str):
        return node.left.value
    if isinstance(node, ast.JoinedStr) and node.values and isinstance(node.values[0], ast.Constant):
        return str(node.values[0].value)
    return None


def used_keys(keys: set[str]) -> set[str]:
    """Keys a code file names: a string literal equal to the key (``t("key")``,
    ``ctx.t("key")``, ``s.t("a" if x else "b")``, a key in a table of pages), or
    the constant start of an f-string given to ``t``/``.t`` or assigned to a
    ``*key`` variable (``t(f"ex_preset_{p}")``, ``page_key = f"page_{page}"``)."""
    literals: set[str] = set()
    prefixes: set[str] = set()
    for path in CODE:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                literals.add(node.value)
            elif isinstance(node, ast.Call) and node.args and (
                    (isinstance(node.func, ast.Name) and node.func.id == "t")
                    or (isinstance(node.func, ast.Attribute) and node.func.attr == "t")):
                prefixes.add(_head(node.args[0]) or "")
            elif isinstance(node, ast.Assign) and any(isinstance(x, ast.Name) and x.id.endswith("key")
                                                      for x in node.targets):
                prefixes.add(_head(node.value) or "")
    prefixes.discard("")
    return {k for k in keys if k in literals or any(k.startswith(p) for p in prefixes)}


def test_same_placeholders_in_both_languages() -> None:
    bad = {k: (_fields(vi), _fields(en)) for k, (vi, en) in catalog().items() if _fields(vi) != _fields(en)}
    assert not bad


def test_no_empty_strings() -> None:
    assert not [k for k, pair in catalog().items() if any(not s.strip() for s in pair)]


def test_every_string_is_used() -> None:
    keys = set(catalog())
    assert sorted(keys - used_keys(keys)) == []


def test_the_scan_finds_uses() -> None:
    """The scan itself can fail: it sees a plain key, a key in a conditional and an f-string family."""
    found = used_keys({"ov_region_rank", "ov_gap_leader_self", "ex_preset_slide", "no_such_key_anywhere"})
    assert found == {"ov_region_rank", "ov_gap_leader_self", "ex_preset_slide"}


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_formatting_each_string_with_its_fields_works(lang: str) -> None:
    for pair in catalog().values():
        text = pair[0] if lang == "vi" else pair[1]
        text.format(**{f: "x" for f in _fields(text)})  # a stray brace raises here
