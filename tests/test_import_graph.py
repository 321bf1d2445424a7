"""The package's import graph: the pipeline's stages import downward only."""

import ast
import subprocess
import sys
from pathlib import Path

import ecotone

PACKAGE = Path(ecotone.__file__).parent


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {
    _module_name(path): path for path in PACKAGE.rglob("*.py") if "templates" not in path.parts
}


def _imported(name: str, tree: ast.AST) -> set[str]:
    """The ecotone modules a module imports, anywhere in it, with the packages that
    importing them runs first."""
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    modules = {module for module in found if module in MODULES}
    parents = {".".join(m.split(".")[:end]) for m in modules for end in range(1, m.count(".") + 1)}
    return (modules | parents) - {name, "ecotone"}


GRAPH = {
    name: _imported(name, ast.parse(path.read_text("utf-8"))) for name, path in MODULES.items()
}


def _cycle() -> list[str]:
    """One import cycle, as the modules along it, or [] when there is none."""
    done: set[str] = set()

    def visit(module: str, trail: list[str]) -> list[str]:
        if module in trail:
            return [*trail[trail.index(module) :], module]
        if module in done:
            return []
        for imported in sorted(GRAPH[module]):
            if cycle := visit(imported, [*trail, module]):
                return cycle
        done.add(module)
        return []

    for module in sorted(GRAPH):
        if cycle := visit(module, []):
            return cycle
    return []


def test_no_module_imports_itself_through_others():
    assert _cycle() == []


def test_the_shared_test_fixtures_load_without_playwright() -> None:
    """Only the browser tests need Playwright: conftest imports it when a browser
    fixture runs, so `pytest -m "not browser"` runs where it is not installed."""
    tests = Path(__file__).parent
    blocked = "import sys; sys.modules['playwright'] = None; import conftest, site_helpers"
    subprocess.run([sys.executable, "-c", blocked], cwd=tests, check=True)


# Rendering and the exports are pure functions of the site data: they load no file,
# validate nothing, run no process, parse no YAML. What still reaches back, to be
# moved into the site data; fixing one means taking it off this list.
NOT_YET_PURE = {
    "ecotone.export.directory_json": {"ecotone.validate.schema"},
    "ecotone.render.ecosystem": {"ecotone.load.federation"},
    "ecotone.render.reference": {"ecotone.load.directory", "ecotone.validate.schema"},
    "ecotone.render.views": {"ecotone.load.federation", "ecotone.validate.schema"},
}
_IMPURE = ("subprocess", "yaml", "ecotone.load", "ecotone.validate", "ecotone.commands")
_IMPURE += ("ecotone.analysis.git",)  # it runs git


def _direct_imports(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
    return found


def test_rendering_and_exports_reach_back_into_no_earlier_stage() -> None:
    reaching_back = {}
    for name, path in MODULES.items():
        if name.startswith(("ecotone.render", "ecotone.export")):
            impure = {m for m in _direct_imports(path) if m.startswith(_IMPURE)}
            if impure:
                reaching_back[name] = impure
    assert reaching_back == NOT_YET_PURE
