"""opensend.law imports no Django and nothing else of ours (DESIGN "The shape of the code")."""

import ast
from pathlib import Path

import opensend.law

LAW = Path(opensend.law.__file__).parent


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def forbidden_imports(root: Path) -> list[str]:
    found = []
    for path in sorted(root.rglob("*.py")):
        for name in imported_modules(path):
            outside_law = name.startswith("opensend") and not name.startswith("opensend.law")
            if name == "django" or name.startswith("django.") or outside_law:
                found.append(f"{path.relative_to(root)}: {name}")
    return found


def test_the_law_package_imports_no_django_and_no_other_opensend_app():
    assert forbidden_imports(LAW) == []


def test_the_purity_check_catches_a_django_import(tmp_path):
    (tmp_path / "rule.py").write_text("from django.utils import timezone\n")
    (tmp_path / "other.py").write_text("import opensend.core.models\n")
    assert forbidden_imports(tmp_path) == [
        "other.py: opensend.core.models",
        "rule.py: django.utils",
    ]
