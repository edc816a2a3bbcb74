"""import_twins on the bad files of issue 7: Latin-1, UTF-16, binary and a 200 KiB field each give
a clear message naming file, line and problem, a non-zero exit, no traceback, and write nothing;
the review CSV editors open in a spreadsheet carries no live formulas."""

import csv
import os
import subprocess
import sys
from io import StringIO

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command

from tests.conftest import REPO, TWINS

REAL_CSV = TWINS / "wikipedia_twin_cities_2026_geocoded.csv"


def real_lines(count: int) -> str:
    with open(REAL_CSV, encoding="utf-8") as handle:
        return "".join(next(handle) for _ in range(count))


def counts() -> dict[str, int]:
    labels = {"core", "places", "partnerships"}
    return {m.__name__: m.objects.count() for m in apps.get_models() if m._meta.app_label in labels}


def bad_files(tmp_path):
    latin1 = tmp_path / "latin1.csv"
    latin1.write_bytes(real_lines(400).encode("latin-1", errors="replace"))
    utf16 = tmp_path / "utf16.csv"
    utf16.write_bytes(real_lines(400).encode("utf-16"))
    binary = tmp_path / "binary.csv"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 200)
    huge = tmp_path / "huge.csv"
    huge.write_text(real_lines(300) + 'Krefeld,Germany,,,"' + "Leiden " * 30000 + '",Netherlands,,\n', encoding="utf-8")
    return {
        "latin1": (latin1, r"latin1.csv line 4: not UTF-8 \(byte 0xe9 at column \d+\); it looks like \S+ \(detected\)"),
        "utf16": (utf16, r"utf16.csv line 1: the file is UTF-16 .* --encoding utf-16"),
        "binary": (binary, r"binary.csv line 3: the file contains NUL bytes; it does not look like text"),
        "huge": (huge, r"huge.csv line 301: malformed CSV: a field is longer than 131072 characters"),
    }


@pytest.mark.django_db
@pytest.mark.parametrize("case", ["latin1", "utf16", "binary", "huge"])
def test_a_bad_file_is_refused_and_nothing_is_written(gazetteer_index, tmp_path, case):
    path, message = bad_files(tmp_path)[case]
    before = counts()
    with pytest.raises(CommandError, match=message):
        call_command("import_twins", str(path), "-v0", "--review", str(tmp_path / "review.csv"), stdout=StringIO())
    assert counts() == before
    assert not (tmp_path / "review.csv").exists()


@pytest.mark.django_db
def test_latin1_imports_with_an_explicit_encoding(gazetteer_index, tmp_path):
    path, _message = bad_files(tmp_path)["latin1"]
    out = StringIO()
    call_command("import_twins", str(path), "--encoding", "latin-1", "--dry-run", "-v0", "--review",
                 str(tmp_path / "review.csv"), stdout=out)  # fmt: skip
    assert "399 rows" in out.getvalue() and "dry run" in out.getvalue()


def test_the_command_line_shows_no_traceback(tmp_path):
    """The real command in a fresh process: one line on stderr, exit status 1."""
    env = {
        **os.environ,
        "TWINNING_VAR_DIR": str(tmp_path / "var"),
        "DJANGO_SETTINGS_MODULE": "twinning.config.settings.base",
    }
    for case, (path, _message) in bad_files(tmp_path).items():
        if case in ("latin1", "huge"):
            continue  # these fail past the first row, which needs a migrated database (covered above)
        result = subprocess.run(
            [sys.executable, "-m", "twinning.manage", "import_twins", str(path), "-v0"],
            capture_output=True, text=True, cwd=REPO, env=env, timeout=120, check=False,
        )  # fmt: skip
        assert result.returncode == 1, result.stderr
        assert "Traceback" not in result.stderr
        assert result.stderr.startswith(f"CommandError: import_twins: {path}")


@pytest.mark.django_db
def test_the_review_csv_neutralises_formulas(gazetteer_index, tmp_path):
    path = tmp_path / "pairs.csv"
    path.write_text(
        "city1,country1,city2,country2\n"
        'Krefeld,Germany,"=HYPERLINK(""http://evil.example"",""Leiden"")",Netherlands\n'
        "Krefeld,Germany,@SUM(1+1),Narnia\n"
        "Krefeld,Germany,+Qwzxtrplk,Netherlands\n",
        encoding="utf-8",
    )
    review = tmp_path / "review.csv"
    call_command("import_twins", str(path), "-v0", "--review", str(review), stdout=StringIO())
    with review.open(encoding="utf-8", newline="") as handle:
        names = [row["name"] for row in csv.DictReader(handle)]
    assert "'@SUM(1+1)" in names and "'+Qwzxtrplk" in names
    assert any(name.startswith("'=HYPERLINK") for name in names)
    assert not any(name.startswith(("=", "+", "@", "-")) for name in names)
