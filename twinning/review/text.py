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
