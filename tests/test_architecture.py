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


# --- entry points read through selectors ---------------------------------------------------------

# Queryset methods that compose a query (names no other object the entry points use has).
QUERY_METHODS = {
    "filter",
    "exclude",
    "annotate",
    "aggregate",
    "values_list",
    "in_bulk",
    "order_by",
    "select_related",
    "prefetch_related",
    "distinct",
}
# A single lookup by key: Model.objects.filter(<key>=…).first()/.exists(), .get(<key>=…).
LOOKUP_METHODS = {"filter", "get", "select_related", "first", "exists", "only"}
KEY_FIELDS = {"pk", "id", "slug", "geonameid", "code", "username", "key", "token"}
# Entry points whose queries have not moved into selectors yet, each with the reason it stays for
# now. Every other entry point is checked, so a new view with its own queries fails the test.
NOT_YET_THROUGH_SELECTORS = {
    "twinning.api.views": "the api teammate's (issue 13): its endpoints move with the API rework",
    "twinning.review.views": "the review queue's article scope (review_articles_q), with issue 10's queue work",
}


def _chain(call: ast.Call) -> tuple[list[ast.Call], ast.expr]:
    """The calls of a method chain (outermost first) and the expression it starts from."""
    calls: list[ast.Call] = []
    node: ast.expr = call
    while True:
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            calls.append(node)
            node = node.func.value
        elif isinstance(node, ast.Attribute) and node.attr not in {"objects", "_default_manager"}:
            node = node.value
        else:
            return calls, node


def _is_manager(node: ast.expr) -> bool:
    return isinstance(node, ast.Attribute) and node.attr in {"objects", "_default_manager"}


def _single_lookup(calls: list[ast.Call], root: ast.expr) -> bool:
    if not _is_manager(root):
        return False
    names = [c.func.attr for c in calls]  # type: ignore[attr-defined]
    if not set(names) <= LOOKUP_METHODS:
        return False
    lookups = [c for c in calls if c.func.attr in {"filter", "get"}]  # type: ignore[attr-defined]
    return (
        len(lookups) == 1 and not lookups[0].args and [k.arg for k in lookups[0].keywords] in [[f] for f in KEY_FIELDS]
    )


def entry_point_queries(path: Path) -> list[int]:
    """Lines of an entry point that compose a query (beyond a single lookup by key)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    inner: set[int] = set()
    lines: set[int] = set()
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or id(node) in inner:
            continue
        calls, root = _chain(node)
        inner.update(id(c) for c in calls)
        names = {c.func.attr for c in calls}  # type: ignore[attr-defined]
        if not calls or not (names & QUERY_METHODS or (_is_manager(root) and names)):
            continue
        if not _single_lookup(calls, root):
            lines.add(node.lineno)
    return sorted(lines)


def test_entry_points_read_through_selectors() -> None:
    """ARCHITECTURE.md: views, commands, template tags, URL confs and admin call selectors and
    services; the ORM only for a single lookup by key."""
    found = []
    for path in package_modules():
        module = module_name(path)
        parts = module.split(".")
        if not is_entry_point(parts[2:]) or module in NOT_YET_THROUGH_SELECTORS or "admin" in parts[2:]:
            continue
        found += [f"{path.relative_to(PACKAGE.parent)}:{line}" for line in entry_point_queries(path)]
    assert not found, "queries in entry points (move them into the app's selectors.py):\n" + "\n".join(found)


def test_the_selector_rule_tells_a_lookup_from_a_query(tmp_path: Path) -> None:
    probe = tmp_path / "views.py"
    probe.write_text(
        "def a(pk):\n    return Place.objects.filter(pk=pk).first()\n"
        "def b(slug):\n    return Place.objects.select_related('country').get(slug=slug)\n"
        "def c(q):\n    return Place.objects.filter(name__icontains=q).order_by('name')\n"
        "def d(person):\n    return person.roles.select_related('organization')\n"
        "def e(request):\n    return request.GET.get('q', '')\n",
        encoding="utf-8",
    )
    assert entry_point_queries(probe) == [6, 8]
