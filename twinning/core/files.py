"""Files in and out: the one reader every command that reads a file goes through, and the one
CSV writer every export goes through.

Reading: one size limit (settings.TWINNING_MAX_INPUT_BYTES), UTF-8 by default (with or without a
byte-order mark); anything else is refused with a message naming the file, the line and the
encoding charset-normalizer detects, unless the caller names the encoding explicitly. Text is
streamed line by line, so a large file never sits in memory as a whole; a line that does not
decode names its number. Binary files are refused. CSV fields longer than MAX_CSV_FIELD are
refused with the line number.

Writing: cells that a spreadsheet would run as a formula (=, +, -, @, tab, carriage return at the
start) are neutralised with a leading apostrophe; plain numbers such as "-12.5" are left alone.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import sys
from collections.abc import Iterable, Iterator, Mapping, Sequence
from itertools import chain
from pathlib import Path
from typing import IO, Any

from charset_normalizer import from_bytes
from django.conf import settings
from django.utils.translation import gettext as _

from .errors import ValidationFailed

SAMPLE_BYTES = 64 * 1024
MAX_CSV_FIELD = 128 * 1024
SNIFF_CHARS = 4096

_BOMS = (
    (codecs.BOM_UTF32_LE, "UTF-32"),
    (codecs.BOM_UTF32_BE, "UTF-32"),
    (codecs.BOM_UTF8, "UTF-8"),
    (codecs.BOM_UTF16_LE, "UTF-16"),
    (codecs.BOM_UTF16_BE, "UTF-16"),
)


def input_limit() -> int:
    """The largest file (in bytes) any command accepts: TWINNING_MAX_INPUT_BYTES."""
    return int(settings.TWINNING_MAX_INPUT_BYTES)


def _display(path: Path | str) -> str:
    return str(path)


def check_input(path: Path | str, *, limit: int | None = None) -> int:
    """The size of `path`, or a ValidationFailed naming it if it is missing, not a file, or too large."""
    file = Path(path)
    limit = input_limit() if limit is None else limit
    try:
        if not file.exists():
            raise ValidationFailed(_("no such file"), where=_display(path))
        if not file.is_file():
            raise ValidationFailed(_("not a file"), where=_display(path))
        size = file.stat().st_size
    except OSError as error:
        raise ValidationFailed(
            _("cannot be read (%(error)s)") % {"error": error.strerror}, where=_display(path)
        ) from error
    if size > limit:
        raise ValidationFailed(
            _("the file is %(size)s bytes, more than the limit of %(limit)s (TWINNING_MAX_INPUT_BYTES)")
            % {"size": size, "limit": limit},
            where=_display(path),
        )
    return size


def read_bytes(path: Path | str, *, limit: int | None = None) -> bytes:
    """The raw bytes of a file ("-" for standard input), within the input limit."""
    limit = input_limit() if limit is None else limit
    if str(path) == "-":
        data = sys.stdin.buffer.read(limit + 1)
        name = "<stdin>"
    else:
        check_input(path, limit=limit)
        name = _display(path)
        try:
            with open(path, "rb") as handle:
                data = handle.read(limit + 1)
        except OSError as error:
            raise ValidationFailed(_("cannot be read (%(error)s)") % {"error": error.strerror}, where=name) from error
    if len(data) > limit:
        raise ValidationFailed(
            _("more than the limit of %(limit)s bytes (TWINNING_MAX_INPUT_BYTES)") % {"limit": limit}, where=name
        )
    return data


def _guess(sample: bytes) -> str | None:
    """charset-normalizer's best guess for `sample`, or None when it does not look like text."""
    best = from_bytes(sample).best()
    return best.encoding if best is not None else None


def _codec(encoding: str, *, where: str) -> str:
    try:
        return codecs.lookup(encoding).name
    except LookupError as error:
        raise ValidationFailed(_("unknown encoding %(encoding)r") % {"encoding": encoding}, where=where) from error


def _refuse(where: str, problem: str, encoding: str | None, *, detected: bool = True) -> ValidationFailed:
    if encoding is None:
        return ValidationFailed(
            _("%(problem)s; it does not look like text (a binary file?)") % {"problem": problem}, where=where
        )
    hint = (
        _("it looks like %(encoding)s (detected); convert it to UTF-8 or import it with --encoding %(encoding)s")
        if detected
        else _("convert it to UTF-8 or import it with --encoding %(encoding)s")
    )
    return ValidationFailed(f"{problem}; {hint % {'encoding': encoding}}", where=where)


def detect_encoding(path: Path | str, sample: bytes, *, encoding: str | None = None) -> str:
    """The codec to read `path` with, judged from its first bytes: the explicit `encoding` if given,
    else UTF-8; a byte-order mark of another encoding, a NUL byte or invalid UTF-8 are refused with
    the line and the encoding charset-normalizer detects."""
    where = _display(path)
    if encoding:
        codec = _codec(encoding, where=where)
        return "utf-8-sig" if codec == "utf-8" else codec
    for bom, name in _BOMS:
        if sample.startswith(bom):
            if name == "UTF-8":
                return "utf-8-sig"
            problem = _("the file is %(encoding)s (byte-order mark), not UTF-8") % {"encoding": name}
            raise _refuse(f"{where} line 1", problem, name.lower(), detected=False)
    if b"\x00" in sample:
        line = sample.count(b"\n", 0, sample.index(b"\x00")) + 1
        guess = _guess(sample)
        if guess and guess.startswith(("utf_16", "utf_32")):
            name = guess.replace("_", "-")
            problem = _("the file is %(encoding)s (it has NUL bytes), not UTF-8") % {"encoding": name}
            raise _refuse(f"{where} line {line}", problem, name, detected=False)
        raise _refuse(f"{where} line {line}", _("the file contains NUL bytes"), None)
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        decoder.decode(sample, final=len(sample) < SAMPLE_BYTES)
    except UnicodeDecodeError as error:
        line = sample.count(b"\n", 0, error.start) + 1
        column = error.start - (sample.rfind(b"\n", 0, error.start) + 1) + 1
        raise _refuse(
            f"{where} line {line}",
            _("not UTF-8 (byte 0x%(byte)02x at column %(column)s)") % {"byte": sample[error.start], "column": column},
            _guess(sample),
        ) from error
    return "utf-8"


def _ascii_compatible(codec: str) -> bool:
    return not codec.startswith(("utf-16", "utf-32", "utf_16", "utf_32")) and "\n".encode(codec) == b"\n"


def iter_lines(path: Path | str, *, encoding: str | None = None, limit: int | None = None) -> Iterator[str]:
    """The lines of a text file (line endings kept, as `csv` wants them), decoded strictly and
    streamed; see `detect_encoding`. A line that does not decode is refused with its number."""
    check_input(path, limit=limit)
    where = _display(path)
    try:
        handle = open(path, "rb")  # noqa: SIM115 (closed in the finally below, after the generator ends)
    except OSError as error:
        raise ValidationFailed(_("cannot be read (%(error)s)") % {"error": error.strerror}, where=where) from error
    try:
        sample = handle.read(SAMPLE_BYTES)
        codec = detect_encoding(path, sample, encoding=encoding)
        handle.seek(0)
        yield from _decoded(handle, codec, where)
    finally:
        handle.close()


def _decoded(handle: IO[bytes], codec: str, where: str) -> Iterator[str]:
    number = 0
    if _ascii_compatible(codec):
        # Split the bytes at "\n" and decode each line: a bad byte is pinned to its own line.
        strip_bom = codec == "utf-8-sig"
        codec = "utf-8" if strip_bom else codec
        for number, raw in enumerate(handle, start=1):
            if strip_bom and number == 1 and raw.startswith(codecs.BOM_UTF8):
                raw = raw[len(codecs.BOM_UTF8) :]
            if b"\x00" in raw:
                raise ValidationFailed(
                    _("the line contains NUL bytes (a binary file?)"), where=f"{where} line {number}"
                )
            try:
                yield raw.decode(codec)
            except UnicodeDecodeError as error:
                raise ValidationFailed(
                    _("not valid %(encoding)s (byte 0x%(byte)02x at column %(column)s)")
                    % {"encoding": codec, "byte": raw[error.start], "column": error.start + 1},
                    where=f"{where} line {number}",
                ) from error
        return
    text = io.TextIOWrapper(handle, encoding=codec, errors="strict", newline="")
    try:
        for line in text:
            number += 1
            yield line
    except UnicodeDecodeError as error:
        raise ValidationFailed(
            _("not valid %(encoding)s near this line") % {"encoding": codec}, where=f"{where} line {number + 1}"
        ) from error
    finally:
        text.detach()


def count_lines(path: Path | str) -> int:
    """Lines in a file, counted in blocks (a progress total without holding the file)."""
    count = 0
    last = b"\n"
    with open(path, "rb") as handle:
        while block := handle.read(1 << 20):
            count += block.count(b"\n")
            last = block[-1:]
    return count + (0 if last == b"\n" else 1)


def read_text(path: Path | str, *, encoding: str | None = None, limit: int | None = None) -> str:
    """The whole text of a (small) file, read like `iter_lines`."""
    return "".join(iter_lines(path, encoding=encoding, limit=limit))


def iter_csv(
    path: Path | str, *, encoding: str | None = None, limit: int | None = None, delimiters: str = ",;\t"
) -> Iterator[tuple[int, dict[str, str]]]:
    """(line number, row) for each data row of a CSV with a header, the dialect sniffed from its
    start, streamed. The first item is (0, {column: column}) — the header — so callers can check
    the columns before the rows. Over-long fields and malformed quoting name their line."""
    where = _display(path)
    lines = iter_lines(path, encoding=encoding, limit=limit)
    head: list[str] = []
    size = 0
    for line in lines:
        head.append(line)
        size += len(line)
        if size >= SNIFF_CHARS:
            break
    sample = "".join(head)[:SNIFF_CHARS]
    try:
        dialect: Any = csv.Sniffer().sniff(sample, delimiters=delimiters)
    except csv.Error:
        dialect = csv.excel
    previous = csv.field_size_limit(MAX_CSV_FIELD)
    reader = csv.DictReader(chain(head, lines), dialect=dialect)
    try:
        try:
            header = reader.fieldnames or []
            yield 0, {name: name for name in header}
            for row in reader:
                yield reader.line_num, row
        except csv.Error as error:
            problem = str(error)
            if "field larger than field limit" in problem:
                problem = _("a field is longer than %(limit)s characters") % {"limit": MAX_CSV_FIELD}
            raise ValidationFailed(
                _("malformed CSV: %(problem)s") % {"problem": problem}, where=f"{where} line {reader.line_num + 1}"
            ) from error
    finally:
        csv.field_size_limit(previous)


# --- writing -------------------------------------------------------------------------------------

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def csv_cell(value: Any) -> Any:
    """`value` made safe for a spreadsheet: text starting with =, +, -, @, tab or carriage return
    gets a leading apostrophe (OWASP's advice against formula injection); numbers are kept."""
    if not isinstance(value, str) or not value.startswith(_FORMULA_START):
        return value
    if _NUMBER.fullmatch(value):
        return value
    return "'" + value


class SafeDictWriter(csv.DictWriter):  # type: ignore[type-arg]
    """csv.DictWriter whose every cell passes through `csv_cell`."""

    def writerow(self, rowdict: Mapping[str, Any]) -> Any:
        return super().writerow({key: csv_cell(value) for key, value in rowdict.items()})

    def writerows(self, rowdicts: Iterable[Mapping[str, Any]]) -> None:
        for row in rowdicts:
            self.writerow(row)


def write_csv(path: Path, *, fieldnames: Sequence[str], rows: Iterable[Mapping[str, Any]]) -> None:
    """Write `rows` (with a header) to `path` as UTF-8 CSV, every cell spreadsheet-safe."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = SafeDictWriter(handle, fieldnames=list(fieldnames))
        writer.writeheader()
        writer.writerows(rows)
