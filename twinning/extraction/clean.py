"""From raw bytes to clean plain text: decoding, HTML to text, page furniture removed.

Everything downstream indexes into the string `clean()` returns, so this is the only place that
changes the text. HTML is sanitized with nh3 first (scripts, styles, navigation and forms are
dropped with their content) and then flattened with the standard library parser; nothing in the
input is ever executed.
"""

import re
from html.parser import HTMLParser

import nh3

from twinning.extraction.errors import ExtractionError

# --- decoding ---------------------------------------------------------------------------------

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
# A well-formed UTF-8 multi-byte sequence: its presence next to invalid bytes means mixed encodings.
_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
# Characters that UTF-8 continuation bytes turn into when the text was read as cp1252.
_CP1252_HIGH = (
    "\x80-\xbf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014\u2018"
    "\u2019\u201a\u201c\u201d\u201e\u2020\u2021\u2022\u2026\u2030\u2039\u203a\u20ac\u2122"
)
_MOJIBAKE = re.compile(f"[\u00c2-\u00f4][{_CP1252_HIGH}]{{1,3}}")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _repair_mojibake(text: str) -> str:
    """Undo UTF-8 that was decoded as cp1252/latin-1 ("MÃ¼nchen" → "München"), piece by piece."""

    def fix(match: re.Match[str]) -> str:
        chunk = match.group(0)
        for codec in ("cp1252", "latin-1"):
            try:
                return chunk.encode(codec).decode("utf-8")
            except (UnicodeEncodeError, UnicodeDecodeError):
                continue
        return chunk

    return _MOJIBAKE.sub(fix, text)


def decode(raw: bytes | str, *, name: str = "input") -> str:
    """Bytes to text: BOMs, UTF-8, then cp1252; binary and mixed encodings are refused."""
    if isinstance(raw, str):
        text = raw
    else:
        if not raw.strip():
            raise ExtractionError(f"{name}: the file is empty")
        for bom, codec in _BOMS:
            if raw.startswith(bom):
                try:
                    text = raw[len(bom) :].decode(codec)
                except UnicodeDecodeError as exc:
                    raise ExtractionError(f"{name}: not valid {codec} despite its byte order mark") from exc
                break
        else:
            if b"\x00" in raw:
                raise ExtractionError(f"{name}: binary data (NUL bytes), not a text or HTML file")
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                if _UTF8_SEQUENCE.search(raw):
                    raise ExtractionError(
                        f"{name}: mixed character encodings (UTF-8 and a legacy encoding at byte "
                        f"{exc.start}); convert the file to UTF-8"
                    ) from exc
                text = raw.decode("cp1252", errors="replace")
                if text.count("\ufffd") > 0:
                    text = raw.decode("latin-1")
    controls = len(_CONTROL.findall(text))
    if "\x00" in text or (text and controls > max(8, len(text) // 50)):
        raise ExtractionError(f"{name}: binary data (control characters), not a text or HTML file")
    if text.count("\ufffd") > max(3, len(text) // 100):
        raise ExtractionError(f"{name}: undecodable bytes; the encoding is wrong or mixed")
    text = _CONTROL.sub(" ", text).replace("\ufffd", " ").replace("\ufeff", "")
    if "Ã" in text or "Â" in text:
        text = _repair_mojibake(text)
    if not text.strip():
        raise ExtractionError(f"{name}: the file is empty")
    return text


# --- HTML -------------------------------------------------------------------------------------

_LOOKS_HTML = re.compile(
    r"<(?:!doctype|html|head|body|div|p|br|span|a|h[1-6]|script|style|section|article|"
    r"table|ul|li|img|figure|meta|nav|header|footer|main)\b",
    re.IGNORECASE,
)
_DROP_WITH_CONTENT = {
    "script", "style", "nav", "header", "footer", "noscript", "template", "svg", "form",
    "button", "iframe", "object", "embed", "aside", "select", "textarea", "head", "title",
    "math", "canvas", "audio", "video", "menu",
}  # fmt: skip
_KEEP_TAGS = {
    "p", "div", "span", "a", "b", "strong", "i", "em", "u", "br", "h1", "h2", "h3", "h4", "h5",
    "h6", "ul", "ol", "li", "dl", "dt", "dd", "table", "thead", "tbody", "tr", "td", "th",
    "figure", "figcaption", "blockquote", "section", "article", "main", "time", "address",
    "small", "sup", "sub", "abbr", "cite", "q", "pre", "code", "hr", "caption", "label",
}  # fmt: skip
_BLOCK = {
    "p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "dl", "dt", "dd",
    "table", "tr", "td", "th", "figure", "figcaption", "blockquote", "section", "article",
    "main", "address", "pre", "hr", "caption",
}  # fmt: skip
_VOID = {"br", "hr", "img", "wbr", "input", "meta", "link"}
# Boxes recognised by their class or id: consent banners, sharing widgets, breadcrumbs, menus.
_FURNITURE_ATTR = re.compile(
    r"cookie|consent|gdpr|privacy-?banner|share|social|breadcrumb|skip-?link|sr-only|"
    r"visually-?hidden|navigation|navbar|menu|sidebar|banner|newsletter|pagination|print",
    re.IGNORECASE,
)


class _TextParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip_depth = 0
        self.stack: list[bool] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _VOID:
            if tag in _BLOCK and not self.skip_depth:
                self.parts.append("\n")
            return
        marker = " ".join(value or "" for key, value in attrs if key in ("class", "id"))
        furniture = bool(marker and _FURNITURE_ATTR.search(marker))
        self.stack.append(furniture)
        if furniture:
            self.skip_depth += 1
        if tag in _BLOCK and not self.skip_depth:
            self.parts.append("\n\n" if tag in ("p", "figcaption", "h1", "h2", "h3", "h4") else "\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID:
            return
        if self.stack and self.stack.pop():
            self.skip_depth -= 1
        if tag in _BLOCK and not self.skip_depth:
            self.parts.append("\n\n" if tag in ("p", "figcaption", "h1", "h2", "h3", "h4") else "\n")

    def handle_data(self, data: str) -> None:
        if not self.skip_depth:
            self.parts.append(data)


def looks_like_html(text: str) -> bool:
    return bool(_LOOKS_HTML.search(text[:5000]))


def sanitize_html(text: str) -> str:
    """nh3-sanitized HTML: no scripts, no event handlers, no styles, no forms or navigation."""
    return nh3.clean(
        text,
        tags=_KEEP_TAGS,
        clean_content_tags=_DROP_WITH_CONTENT,
        attributes={"*": {"class", "id"}},
        url_schemes={"http", "https", "mailto", "tel"},
        link_rel=None,
    )


def html_to_text(text: str) -> str:
    parser = _TextParser()
    parser.feed(sanitize_html(text))
    parser.close()
    return "".join(parser.parts)


# --- page furniture ---------------------------------------------------------------------------

_FURNITURE_WORDS = re.compile(
    r"(?:Inhaltsbereich|Hauptinhalt|Seiteninhalt|Impressum|Datenschutz(?:erklärung|hinweise)?|"
    r"Nutzungsbedingungen|Barrierefreiheit|Erklärung zur Barrierefreiheit|Leichte Sprache|"
    r"Gebärdensprache|Sitemap|Kontaktformular|Cookie-?Einstellungen|Cookies?|Teilen|Drucken|"
    r"Seite drucken|Seite teilen|Artikel teilen|Facebook|Twitter|Instagram|LinkedIn|WhatsApp|"
    r"Xing|Mastodon|YouTube|Threads|Bluesky|Nach oben|Zurück|Zurück zur Übersicht|Weiter|"
    r"Menü|Menu|Suche|Schließen|Navigation|Hauptnavigation|Zum Inhalt springen|"
    r"Direkt zum Inhalt|Springe zum Inhalt|Skip to (?:main )?content|Privacy(?: Policy)?|"
    r"Imprint|Share|Print|Accept(?: all)?|Alle akzeptieren|Akzeptieren|Ablehnen|"
    r"Wichtige Mitteilung|Sie sind hier:?|Artikel|Startseite|Home|und|&|\||[×✕✖·•>»«/,;:-])",
    re.IGNORECASE,
)
_CONSENT_LINE = re.compile(
    r"\bcookies?\b|Google[- ]\w*\s*Suche|Google Suche|Nutzerdaten|Datenschutzerklärung|"
    r"Einwilligung|consent|privacy policy|we use cookies|wir verwenden cookies|"
    r"Drittanbieter|Tracking|Klicken Sie (?:JA|NEIN)",
    re.IGNORECASE,
)
_LONE_TOKEN = re.compile(r"^[\W\d_]{0,6}$")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")
_BLANKS = re.compile(r"\n{3,}")


def _is_furniture(line: str) -> bool:
    if _LONE_TOKEN.match(line):
        return True
    if len(line) < 160 and not _FURNITURE_WORDS.sub("", line).strip():
        return True
    return len(line) < 700 and bool(_CONSENT_LINE.search(line)) and _consent_score(line) >= 2


def _consent_score(line: str) -> int:
    lowered = line.lower()
    return sum(
        word in lowered
        for word in (
            "cookie", "google", "daten", "datenschutz", "einwilligung", "consent", "privacy",
            "klicken", "akzeptier", "zustimm", "anklicken", "übermittelt", "server", "tracking",
        )
    )  # fmt: skip


def strip_furniture(text: str) -> str:
    """Whitespace normalised, furniture lines dropped, paragraphs separated by one blank line."""
    lines = []
    for raw_line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = _SPACES.sub(" ", raw_line).strip()
        if not line:
            lines.append("")
            continue
        if _is_furniture(line):
            continue
        lines.append(line)
    return _BLANKS.sub("\n\n", "\n".join(lines)).strip()


def clean(raw: bytes | str, *, name: str = "input") -> str:
    """The cleaned plain text of a press release given as bytes or text, plain or HTML."""
    text = decode(raw, name=name)
    if looks_like_html(text):
        text = html_to_text(text)
    return strip_furniture(text)


# --- sentences --------------------------------------------------------------------------------

_BOUNDARY = re.compile(r"\n+|(?<=[.!?…])[\"“”»]?\s+(?=[„\"“«A-ZÄÖÜ0-9])")
_ABBREVIATIONS = frozenset(
    [
        "dr",
        "prof",
        "st",
        "nr",
        "bzw",
        "ca",
        "vgl",
        "z",
        "b",
        "u",
        "a",
        "e",
        "v",
        "abs",
        "str",
        "hr",
        "fr",
        "mr",
        "mrs",
        "ms",
        "jan",
        "feb",
        "aug",
        "sept",
        "okt",
        "nov",
        "dez",
        "inkl",
        "ggf",
        "evtl",
        "usw",
        "etc",
        "tel",
        "dipl",
        "ing",
        "mag",
        "jr",
        "sr",
        "no",
    ]
)
_LAST_WORD = re.compile(r"(\w+)\.?[\"“”»]?$")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """[start, end) of each sentence; lines always end one, ordinals and abbreviations never do."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        if "\n" not in match.group(0):
            last = _LAST_WORD.search(text, max(start, match.start() - 12), match.start())
            if last:
                word = last.group(1)
                if word.lower() in _ABBREVIATIONS or len(word) == 1 or (word.isdigit() and len(word) <= 2):
                    continue
        if match.start() > start:
            spans.append((start, match.start()))
        start = match.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans
