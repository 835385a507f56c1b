"""Views and API endpoints never query models directly: they load objects through each app's `access_*`
functions and read lists through selectors. Fails (exit 1) when a module under `*/views/`, a `views.py`,
a module under `*/api/` or an `api.py` uses `.objects` or `get_object_or_404`. Run by `make lint`."""

import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FORBIDDEN_NAMES = {"get_object_or_404", "get_list_or_404"}


def is_view_module(path: Path) -> bool:
    parts = (path.relative_to(ROOT) if path.is_relative_to(ROOT) else path).parts
    if "tests" in parts or "migrations" in parts or "selectors" in parts:
        return False
    return path.name in {"views.py", "api.py"} or "views" in parts[:-1] or "api" in parts[:-1]


def offences(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr == "objects":
            found.append((node.lineno, "`.objects`: read through a selector or an access_* function"))
        elif isinstance(node, ast.Name) and node.id in FORBIDDEN_NAMES:
            found.append((node.lineno, f"`{node.id}`: use the app's access_* function"))
        elif isinstance(node, ast.ImportFrom):
            for alias in node.names:
                if alias.name in FORBIDDEN_NAMES:
                    found.append((node.lineno, f"imports `{alias.name}`: use the app's access_* function"))
    rel = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
    return [f"{rel}:{line}: {message}" for line, message in sorted(found)]


def main(paths: list[str]) -> int:
    roots = [ROOT / p for p in paths] or [ROOT / "rozwoj"]
    files = sorted(f for r in roots for f in ([r] if r.is_file() else r.rglob("*.py")) if is_view_module(f))
    problems = [problem for f in files for problem in offences(f)]
    for problem in problems:
        print(problem)
    if problems:
        print(
            f"{len(problems)} direct model queries in views or API modules (see docs/directory-structure.md)."
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
