"""The package's import graph: the pipeline's stages import downward only."""

import ast
import re
import subprocess
import sys
from pathlib import Path

from conftest import REPO_ROOT

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


def test_validating_a_directory_without_schema_problems_leaves_jsonschema_unimported() -> None:
    """jsonschema only explains a file that jsonschema-rs refused; importing it
    would be a quarter of the imports of every validation."""
    validate = (
        "import sys; from datetime import date; from pathlib import Path;"
        "from ecotone.validate.run import validate_directory;"
        f"report = validate_directory(Path({str(REPO_ROOT)!r}), date(2026, 11, 22),"
        " cached=False);"
        "assert report.directory.spaces and not report.errors;"
        "print('jsonschema' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", validate], capture_output=True, text=True)
    assert done.stdout.strip() == "False", done.stderr


# Rendering and the exports are pure functions of the site data: they load no file,
# validate nothing, run no process, parse no YAML. Rendering takes even the
# analyses' results from the site data, computed once; its types come from the
# model and the site data.
_REACHING_BACK = ("subprocess", "yaml", "ecotone.load", "ecotone.validate", "ecotone.commands")
_REACHING_BACK += ("ecotone.analysis.git",)  # it runs git
_RENDERING_ALSO = ("ecotone.analysis",)


def _direct_imports(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
    return found


def _imports_of(stage: str, forbidden: tuple[str, ...]) -> dict[str, set[str]]:
    """The forbidden modules each module of `stage` imports, by module."""
    found = {}
    for name, path in MODULES.items():
        if name.startswith(stage + "."):
            imported = {m for m in _direct_imports(path) if m.startswith(forbidden)}
            if imported:
                found[name] = imported
    return found


def test_the_exports_reach_back_into_no_earlier_stage() -> None:
    assert _imports_of("ecotone.export", _REACHING_BACK) == {}


def test_rendering_imports_no_loader_validator_command_analysis_yaml_or_subprocess() -> None:
    assert _imports_of("ecotone.render", _REACHING_BACK + _RENDERING_ALSO) == {}


def test_the_check_of_the_rendering_side_finds_what_it_forbids(tmp_path: Path) -> None:
    """The check above would pass on a module it cannot read: it fails on one that
    imports what rendering must not."""
    module = tmp_path / "module.py"
    module.write_text("import yaml\nfrom ecotone.analysis.matchmaking import Matchmaker\n")
    assert {
        m for m in _direct_imports(module) if m.startswith(_REACHING_BACK + _RENDERING_ALSO)
    } == {
        "yaml",
        "ecotone.analysis.matchmaking",
    }


# Reading a file: the package's own (importlib.resources), or any other.
_READING = re.compile(
    r"\bimportlib(\.| import )resources\b|\bresources\.files\b|\.read_(text|bytes)\(|\bopen\("
)


def _reads_files(stages: tuple[str, ...]) -> dict[str, list[str]]:
    """The lines of each module of `stages` that read a file, by module."""
    found = {}
    for name, path in MODULES.items():
        if name.startswith(tuple(stage + "." for stage in stages)):
            lines = [line.strip() for line in path.read_text("utf-8").splitlines()]
            if reading := [line for line in lines if _READING.search(line)]:
                found[name] = reading
    return found


def test_rendering_and_the_exports_read_no_file() -> None:
    """The package's files the site publishes come in the site data, read once."""
    assert _reads_files(("ecotone.render", "ecotone.export")) == {}


def test_the_check_of_file_reading_finds_each_way_to_read() -> None:
    lines = [
        "from importlib import resources",
        "folder = resources.files('ecotone')",
        "text = path.read_text('utf-8')",
        "data = (folder / name).read_bytes()",
        "with open(name) as f:",
    ]
    assert all(_READING.search(line) for line in lines)
    assert not _READING.search("document = json.loads(shipped.decode('utf-8'))")


# The stages in the order they may import each other: a module imports modules of
# its own stage or of stages before it. Validation's rules check the model (the
# directory built from the loaded files), so the model comes before them in
# imports, though data flows load → validate → model. The shared names beneath
# every stage (problems, wording, addresses, the package's files) come first.
STAGES = (
    (
        "problems",
        "wording",
        "text",
        "addresses",
        "schema_files",
        "package_files",
        "collector",
        "forked",
    ),
    ("load",),
    ("model",),
    ("validate",),
    ("analysis", "starting_files"),
    ("sitedata",),
    ("render", "export"),
    ("commands", "mkdocs_hooks", "mkdocs_pages", "mkdocs_serve"),
)
_RANK = {name: rank for rank, names in enumerate(STAGES) for name in names}


def _stage(module: str) -> str:
    return module.split(".")[1] if module.count(".") else ""


def _backward(graph: dict[str, set[str]]) -> list[str]:
    """Each import that turns back: to a later stage, or from the exports to
    rendering."""
    found = []
    for module, imported in sorted(graph.items()):
        for target in sorted(imported):
            here, there = _stage(module), _stage(target)
            if not (here and there):
                continue  # the package itself
            if _RANK[there] > _RANK[here] or (here, there) == ("export", "render"):
                found.append(f"{module} -> {target}")
    return found


def test_every_module_belongs_to_a_stage() -> None:
    assert {_stage(m) for m in MODULES} - {""} <= set(_RANK)


def test_the_stages_import_only_earlier_stages_and_export_never_rendering() -> None:
    assert _backward(GRAPH) == []


def test_the_stage_check_finds_an_import_that_turns_back() -> None:
    graph = {
        "ecotone.sitedata": {"ecotone.commands.scaffold"},
        "ecotone.export.kumu": {"ecotone.render.views"},
        "ecotone.render.views": {"ecotone.export.urls", "ecotone.model"},
    }
    assert _backward(graph) == [
        "ecotone.export.kumu -> ecotone.render.views",
        "ecotone.sitedata -> ecotone.commands.scaffold",
    ]
