"""No import cycles between the project's own modules, read from the source with `ast` (nothing is imported).

Every import counts, at module level or deferred inside a function: a deferred import only hides a cycle until
the day someone moves it. Relative imports are resolved to module names. A package's `__init__` importing its own
submodules is fine, as long as no submodule imports the `__init__` back; importing a submodule is therefore not
counted as importing its parent packages.
"""

from __future__ import annotations

import ast
import tomllib
from pathlib import Path

from conftest import ROOT


def modules(root: Path = ROOT) -> dict[str, Path]:
    """Module name -> file, for every module of every package folder that pyproject.toml maps."""
    mapping = tomllib.loads((root / "pyproject.toml").read_text())["tool"]["setuptools"]["package-dir"]
    found = {}
    for package, folder in mapping.items():
        for path in sorted((root / folder).glob("*.py")):
            name = package if path.stem == "__init__" else f"{package}.{path.stem}"
            found[name] = path
        # Subfolders are subpackages of their own unless pyproject maps them apart (openarchief/ holds none of
        # the mapped folders, so a plain walk finds each module once).
        for path in sorted((root / folder).glob("*/**/*.py")):
            parts = path.relative_to(root / folder).with_suffix("").parts
            parts = parts[:-1] if parts[-1] == "__init__" else parts
            found[".".join((package, *parts))] = path
    return found


def _package_of(module: str, path: Path) -> str:
    """The package a relative import in `module` starts from: the module itself for an `__init__`."""
    return module if path.stem == "__init__" else module.rpartition(".")[0]


def imports(module: str, path: Path, known: set[str]) -> set[str]:
    """The project modules that `module` imports, anywhere in its body."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                package = _package_of(module, path)
                for _ in range(node.level - 1):
                    package = package.rpartition(".")[0]
                base = ".".join(part for part in (package, base) if part)
            # `from package import name`: the submodule `name` if there is one, else the package itself.
            targets = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in known else base for alias in node.names]
        else:
            continue
        for target in targets:
            while target and target not in known:  # `import a.b.c` of a name inside a.b: the module a.b
                target = target.rpartition(".")[0]
            if target and target != module:
                found.add(target)
    return found


def import_graph(root: Path = ROOT) -> dict[str, set[str]]:
    found = modules(root)
    return {name: imports(name, path, set(found)) for name, path in found.items()}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """One cycle for each strongly connected group of modules (Tarjan), as a path that ends where it starts."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[set[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for following in sorted(graph.get(node, ())):
            if following not in index:
                visit(following)
                low[node] = min(low[node], low[following])
            elif following in on_stack:
                low[node] = min(low[node], index[following])
        if low[node] == index[node]:
            group = set()
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.add(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(group)

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return [_path_through(group, graph) for group in groups]


def _path_through(group: set[str], graph: dict[str, set[str]]) -> list[str]:
    """The shortest way round from the group's first module back to itself, within the group."""
    start = min(group)
    paths = {start: [start]}
    frontier = [start]
    while frontier:
        following = []
        for node in frontier:
            for target in sorted(graph[node] & group):
                if target == start:
                    return paths[node] + [start]
                if target not in paths:
                    paths[target] = paths[node] + [target]
                    following.append(target)
        frontier = following
    raise AssertionError(f"no cycle through {start}")  # a strongly connected group always has one


def test_the_project_has_no_import_cycles():
    found = cycles(import_graph())
    assert not found, "import cycles:\n" + "\n".join(" -> ".join(cycle) for cycle in found)


def test_the_graph_sees_relative_deferred_and_package_imports(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.setuptools.package-dir]\n"app" = "app"\n"app.lib" = "lib"\n')
    files = {
        "app/__init__.py": "from .tool import run\n",
        "app/tool.py": "def run():\n    from . import helper\n",
        "app/helper.py": "from .tool import run\n",
        "lib/__init__.py": "from . import parts\n",
        "lib/parts.py": "import os\n",
        "lib/user.py": "from app.lib import parts\nfrom .. import tool\nimport app.lib.parts.x\n",
    }
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text(text)
    graph = import_graph(tmp_path)
    assert graph["app"] == {"app.tool"}
    assert graph["app.tool"] == {"app.helper"}  # deferred, inside a function
    assert graph["app.lib"] == {"app.lib.parts"}  # a package's own submodule
    assert graph["app.lib.user"] == {"app.lib.parts", "app.tool"}
    assert cycles(graph) == [["app.helper", "app.tool", "app.helper"]]
    # A submodule importing its package's __init__ back closes a cycle.
    (tmp_path / "lib/parts.py").write_text("from . import something_in_init\n")
    expected = [["app.helper", "app.tool", "app.helper"], ["app.lib", "app.lib.parts", "app.lib"]]
    assert sorted(cycles(import_graph(tmp_path))) == expected
