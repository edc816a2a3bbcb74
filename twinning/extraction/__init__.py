"""Extraction: turn a municipal press release into proposed records (places, partnerships, people...).

Pure Python, no database: `extract()` takes raw bytes or text and returns plain data whose spans
index into the cleaned text. The press app stores the result and turns it into suggestions.
"""

from twinning.extraction.errors import ExtractionError

__all__ = ["ExtractionError", "extract"]


def extract(*args, **kwargs):
    from twinning.extraction.pipeline import extract as _extract

    return _extract(*args, **kwargs)
