"""The layers point one way, checked over the real import graph (grimp: every import statement,
function-level ones included, so a late import cannot dodge a cycle):

* the core (documents, parsing, storage, jobs, use cases, glossaries, rendering, exports, checks:
  every module of ``service`` outside its interfaces) imports neither workers nor interfaces;
* workers import the core, never an interface;
* the interfaces (API, pages, CLI) never call each other: the pages and the CLI import no API
  route, the API's routes no page, the CLI nothing of the API or the pages.
"""

from __future__ import annotations

import grimp
import pytest

INTERFACES = ("service.api", "service.web", "service.cli")


def _under(module: str, *prefixes: str) -> bool:
    """Whether ``module`` is one of ``prefixes`` or inside one; ``service.cli`` also covers the CLI's
    own modules beside it (``service.cli_keys``, ``service.cli_models``, ...)."""
    return any(
        module == p
        or module.startswith(p + ".")
        or (p == "service.cli" and module.startswith("service.cli_"))
        for p in prefixes
    )


def layer(module: str) -> str:
    if _under(module, "workers"):
        return "workers"
    if _under(module, *INTERFACES):
        return "interface"
    return "core"


@pytest.fixture(scope="module")
def graph() -> grimp.ImportGraph:
    return grimp.build_graph("service", "workers")


def _imports(graph: grimp.ImportGraph) -> list[tuple[str, str]]:
    return [
        (importer, imported)
        for importer in sorted(graph.modules)
        for imported in sorted(graph.find_modules_directly_imported_by(importer))
    ]


def _where(graph: grimp.ImportGraph, importer: str, imported: str) -> str:
    details = graph.get_import_details(importer=importer, imported=imported)
    lines = ", ".join(str(d["line_number"]) for d in details)
    return f"{importer} imports {imported} (line {lines})"


def test_the_core_imports_neither_workers_nor_interfaces(graph: grimp.ImportGraph) -> None:
    upward = [
        _where(graph, a, b)
        for a, b in _imports(graph)
        if layer(a) == "core" and layer(b) in ("workers", "interface")
    ]
    assert upward == [], "the core must not import workers or interfaces:\n" + "\n".join(upward)


def test_workers_import_no_interface(graph: grimp.ImportGraph) -> None:
    upward = [
        _where(graph, a, b) for a, b in _imports(graph) if layer(a) == "workers" and layer(b) == "interface"
    ]
    assert upward == [], "workers must not import interfaces:\n" + "\n".join(upward)


def test_interfaces_do_not_call_each_other(graph: grimp.ImportGraph) -> None:
    rules = [
        (("service.web",), ("service.api.routes",)),
        (("service.api.routes",), ("service.web",)),
        (("service.cli",), ("service.api", "service.web")),
        (("service.api", "service.web"), ("service.cli",)),
    ]
    crossing = [
        _where(graph, a, b)
        for a, b in _imports(graph)
        for sources, forbidden in rules
        if _under(a, *sources) and _under(b, *forbidden)
    ]
    assert crossing == [], "one interface calls another:\n" + "\n".join(crossing)


def test_the_checker_sees_function_level_imports(graph: grimp.ImportGraph) -> None:
    """The graph holds imports made inside functions too (else a late import would pass unseen):
    the CLI loads the worker's model cache inside its commands."""
    assert "workers.model_cache" in graph.find_modules_directly_imported_by("service.cli")
