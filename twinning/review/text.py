"""Pure text helpers for review: the sentence around a span, highlighted.

No database here; everything is a plain function of its arguments.
"""

from __future__ import annotations

import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

# --- highlighting ------------------------------------------------------------------------------

_BOUNDARY = re.compile(r"\n|(?<=[.!?…])\s+(?=[\"„“«»A-ZÄÖÜ0-9])")


def sentence_bounds(text: str, start: int, end: int, *, reach: int = 300) -> tuple[int, int]:
    """The sentence (or line) around text[start:end], at most `reach` characters either side."""
    left = max(0, start - reach)
    right = min(len(text), end + reach)
    sentence_start = left
    for match in _BOUNDARY.finditer(text, left, start):
        sentence_start = match.end()
    sentence_end = right
    following = _BOUNDARY.search(text, end, right)
    if following:
        sentence_end = following.start()
    return sentence_start, sentence_end


def highlight(text: str, start: int, end: int, *, reach: int = 300) -> SafeString:
    """The sentence around the span, HTML-escaped, with the span in <mark>."""
    if not (0 <= start < end <= len(text)):
        return mark_safe("")
    left, right = sentence_bounds(text, start, end, reach=reach)
    cut_left = left == max(0, start - reach) and left > 0 and text[left - 1] != "\n"
    cut_right = right == min(len(text), end + reach) and right < len(text) and text[right] != "\n"
    before = ("… " if cut_left else "") + text[left:start].lstrip()
    after = text[end:right].rstrip() + (" …" if cut_right else "")
    # Every piece of the article text is escaped; only our own <mark> is markup.
    return mark_safe(f"{escape(before)}<mark>{escape(text[start:end])}</mark>{escape(after)}")


# --- captions and titles -----------------------------------------------------------------------

# A photo credit: "Foto: Pixabay", "Bild: Stadt Krefeld", "Photo: …", "© Stadt Bonn".
_CREDIT = re.compile(r"\b(?:Bild(?:er)?|Fotos?|Photos?|Fotografie|Quelle|Credits?|Image)\s*:|©|\(c\)\s", re.IGNORECASE)


def _line_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    left = text.rfind("\n", 0, start) + 1
    right = text.find("\n", end)
    return left, len(text) if right < 0 else right


def is_caption(text: str, start: int, end: int) -> bool:
    """Does text[start:end] lie in a photo caption: on a line that carries a credit ("Die Skyline
    von Charlotte. Foto: Pixabay"), or on the line right above a credit line?"""
    if not (0 <= start <= end <= len(text)):
        return False
    left, right = _line_bounds(text, start, end)
    if _CREDIT.search(text, left, right):
        return True
    following = text[right:].lstrip("\n")
    return bool(following) and _CREDIT.match(following.split("\n", 1)[0].strip()) is not None


_SENTENCE_END = re.compile(r"[.!?…:;]\s*$")


def is_title(title: str, *, max_words: int = 12) -> bool:
    """A title, not a sentence or a caption: a few words without a final full stop or a credit."""
    words = title.split()
    return 0 < len(words) <= max_words and not _SENTENCE_END.search(title) and not _CREDIT.search(title)
