"""The import rule of ARCHITECTURE.md, checked over every module of the package.

Each app belongs to a layer; a module may import from its own layer and the layers below it, never
from a layer above. Entry points (views, URL confs, admin, management commands, template tags) are
presentation whatever app they live in. An app without a layer fails the test by name: add it to
LAYERS (and to ARCHITECTURE.md) when you create it.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "twinning"

ORDER = ["core", "registry", "pipelines", "presentation", "wiring"]

LAYERS = {
    # core: what every app uses (models of sources/citations/audit, errors, dates, text, the helpers).
    "core": "core",
    # registry: the records and their services (writes), selectors (reads) and analyses.
    "places": "registry",
    "topics": "registry",
    "directory": "registry",
    "offices": "registry",
    "partnerships": "registry",
    "activities": "registry",
    "press": "registry",
    "network": "registry",  # the analysis library: graph, anniversaries, health, statistics, matching
    "search": "registry",  # the search index derived from the records
    "exchanges": "registry",  # registrations, waiting lists, attendance of an activity
    "reports": "registry",  # council and funder reports: eligibility rules as data, PDFs, CSVs
    # pipelines: data in (press releases, files, Wikidata, the demo world) up to the review queue.
    "extraction": "pipelines",
    "review": "pipelines",
    "imports": "pipelines",
    "demo": "pipelines",
    "jobs": "pipelines",
    "exports": "pipelines",  # data out: linked data, dumps, spreadsheets, activity calendars
    "reconcile": "pipelines",  # the registry compared with Wikidata and the RGRE: differences to review
    # presentation: pages, the API, the workbench, operations endpoints.
    "portal": "presentation",
    "networkpages": "presentation",
    "api": "presentation",
    "workbench": "presentation",
    "ops": "presentation",
    # wiring: settings and the root URL conf put everything together.
    "config": "wiring",
}

# Modules whose layer differs from their app's.
MODULES = {
    "twinning.manage": "wiring",
    "twinning.config.celery": "core",  # the Celery application object, imported by task modules
    "twinning.press.ingest": "pipelines",  # a press release's way into the archive and the review queue
    "twinning.press.text": "pipelines",  # the release's title and date, read by the extraction grammar
}

# Entry points: a module named so (or inside a package named so; "*views", "*urls" too) is presentation.
ENTRY_POINTS = {"views", "urls", "admin", "commands", "templatetags"}


def is_entry_point(parts: list[str]) -> bool:
    return any(part in ENTRY_POINTS or part.endswith(("_views", "_urls")) for part in parts)


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def layer_of(module: str) -> str:
    """The layer of a module of the package; AssertionError naming the app when it has none."""
    parts = module.split(".")
    for end in range(len(parts), 0, -1):
        if ".".join(parts[:end]) in MODULES:
            return MODULES[".".join(parts[:end])]
    if len(parts) < 2:
        return "wiring"
    app = parts[1]
    assert app in LAYERS, (
        f"twinning/{app} has no layer: add {app!r} to LAYERS in tests/test_architecture.py "
        f"(one of {', '.join(ORDER)}) and to the layer table of ARCHITECTURE.md"
    )
    if is_entry_point(parts[2:]) and ORDER.index(LAYERS[app]) < ORDER.index("presentation"):
        return "presentation"
    return LAYERS[app]


def imported_modules(path: Path, module: str) -> list[tuple[int, str]]:
    """(line, module) of every import of a twinning module in the file, at any depth (lazy imports too)."""
    is_package = path.name == "__init__.py"
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = module.split(".")
                base = base[: len(base) - node.level + (1 if is_package else 0)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            # `from package import module` imports the module itself.
            for alias in node.names:
                candidate = f"{target}.{alias.name}"
                as_module = PACKAGE.parent / candidate.replace(".", "/")
                found.append(
                    (node.lineno, candidate if as_module.with_suffix(".py").exists() or as_module.is_dir() else target)
                )
    return [(line, name) for line, name in found if name == "twinning" or name.startswith("twinning.")]


def package_modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "migrations" not in p.parts)


def test_every_app_has_a_layer() -> None:
    apps = sorted(p.name for p in PACKAGE.iterdir() if (p / "__init__.py").exists())
    missing = [app for app in apps if app not in LAYERS]
    assert not missing, (
        f"apps without a layer: {', '.join(missing)}; add each to LAYERS in tests/test_architecture.py "
        f"(one of {', '.join(ORDER)}) and to ARCHITECTURE.md"
    )


def test_no_module_imports_from_a_higher_layer() -> None:
    violations = []
    for path in package_modules():
        module = module_name(path)
        own = layer_of(module)
        for line, target in imported_modules(path, module):
            theirs = layer_of(target)
            if ORDER.index(theirs) > ORDER.index(own):
                violations.append(
                    f"{path.relative_to(PACKAGE.parent)}:{line}: {own} {module} imports {theirs} {target}"
                )
    assert not violations, "imports against the layers (see ARCHITECTURE.md):\n" + "\n".join(violations)


def test_the_rule_sees_a_violation_and_an_unknown_app(tmp_path: Path) -> None:
    """The checker itself: a registry module importing a view is caught; an app without a layer is named."""
    assert layer_of("twinning.partnerships.services") == "registry"
    assert layer_of("twinning.partnerships.management.commands.partners") == "presentation"
    assert layer_of("twinning.portal.views") == "presentation"
    assert layer_of("twinning.press.ingest") == "pipelines"
    try:
        layer_of("twinning.brandnew.services")
    except AssertionError as error:
        assert "twinning/brandnew has no layer" in str(error)
    else:
        raise AssertionError("an app without a layer was accepted")
