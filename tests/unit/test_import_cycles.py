"""No import cycle inside ``desk/``: every module's imports, read with ``ast``, form no loop.

Every import counts: at the top, inside functions (a start-up-time deferral is still a
dependency) and under ``if TYPE_CHECKING:`` (mypy follows those too). ``from x import y`` is an
import of ``x.y`` when ``y`` is a submodule, else of ``x``; relative imports are resolved against
the importing module's package; a name taken from a package's ``__init__`` is an import of the
package. (The implicit run of ``a/__init__`` when ``a.b`` is imported is not an edge: a package
importing its own submodules is how packages are built.)
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = "desk"


def module_files(root: Path = ROOT) -> dict[str, Path]:
    """Every module of ``desk``, by dotted name (``desk.x`` for ``desk/x/__init__.py``)."""
    found: dict[str, Path] = {}
    for path in sorted((root / PACKAGE).rglob("*.py")):
        if "migrations" in path.relative_to(root).parts:
            continue        # Alembic's scripts are loaded by file, not imported
        parts = list(path.relative_to(root).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def _resolve(module: str, is_package: bool, level: int, name: str | None) -> str:
    """The absolute name of ``from <level dots><name> import ...`` in ``module``."""
    if level == 0:
        return name or ""
    base = module.split(".") if is_package else module.split(".")[:-1]
    base = base[:len(base) - (level - 1)]
    return ".".join(base + ([name] if name else []))


def imports_of(module: str, path: Path, modules: set[str]) -> set[str]:
    """The modules of ``desk`` that ``module`` imports, wherever in the file."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    is_package = path.name == "__init__.py"
    targets: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            targets.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = _resolve(module, is_package, node.level, node.module)
            for alias in node.names:
                submodule = f"{base}.{alias.name}"
                targets.add(submodule if submodule in modules else base)
    found: set[str] = set()
    for target in targets:
        # `import desk.a.b` names desk.a.b; a name below a module (desk.a.func) means desk.a
        while target and target not in modules:
            target = target.rpartition(".")[0]
        if target and target != module:
            found.add(target)
    return found


def import_graph(root: Path = ROOT) -> dict[str, set[str]]:
    files = module_files(root)
    names = set(files)
    return {name: imports_of(name, path, names) for name, path in files.items()}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        # iterative, so a deep package cannot hit the recursion limit
        work = [(node, iter(sorted(graph[node])))]
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        while work:
            current, children = work[-1]
            for child in children:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                    break
                if child in on_stack:
                    low[current] = min(low[current], index[child])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[current])
                if low[current] == index[current]:
                    component = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.append(member)
                        if member == current:
                            break
                    if len(component) > 1:
                        found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def a_loop(graph: dict[str, set[str]], component: list[str]) -> list[str]:
    """One concrete loop through ``component`` (a -> b -> ... -> a), to name in the failure."""
    members = set(component)
    start = component[0]
    paths = {start: [start]}
    queue = [start]
    while queue:
        node = queue.pop(0)
        for child in sorted(graph[node] & members):
            if child == start:
                return paths[node] + [start]
            if child not in paths:
                paths[child] = paths[node] + [child]
                queue.append(child)
    return component


def test_the_graph_sees_every_kind_of_import(tmp_path: Path) -> None:
    package = tmp_path / PACKAGE
    (package / "sub").mkdir(parents=True)
    (package / "__init__.py").write_text('"""p"""\n')
    (package / "sub" / "__init__.py").write_text("from . import leaf\n")
    (package / "sub" / "leaf.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from ..other import Thing\n")
    (package / "other.py").write_text(
        "def later():\n    from desk.sub.leaf import x\n")
    graph = import_graph(tmp_path)
    assert graph["desk.sub"] == {"desk.sub.leaf"}
    assert graph["desk.sub.leaf"] == {"desk.other"}
    assert graph["desk.other"] == {"desk.sub.leaf"}
    assert cycles(graph) == [["desk.other", "desk.sub.leaf"]]


def test_no_import_cycle_inside_desk() -> None:
    graph = import_graph()
    found = cycles(graph)
    assert not found, "import cycles in desk/:\n" + "\n".join(
        f"  {len(component)} modules, e.g. {' -> '.join(a_loop(graph, component))}\n"
        f"    all: {', '.join(component)}" for component in found)
