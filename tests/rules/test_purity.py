"""The engine stays plain Python: nothing under orgdesign/rules imports Django."""

import ast
from pathlib import Path

import orgdesign.rules

RULES_DIR = Path(orgdesign.rules.__file__).parent


def imported_modules(path):
    tree = ast.parse(path.read_text())
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            yield node.module or ""


def test_no_module_of_the_engine_imports_django():
    files = sorted(RULES_DIR.rglob("*.py"))
    assert len(files) >= 5
    offenders = [
        (path.name, module)
        for path in files
        for module in imported_modules(path)
        if module.split(".")[0] == "django"
    ]
    assert offenders == []
