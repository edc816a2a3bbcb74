"""Extraction: turn a municipal press release into proposed records (places, partnerships, people...).

Pure Python, no database: `extract()` takes raw bytes or text and returns an `ExtractionResult`
(`twinning.extraction.result`) whose spans index into the cleaned text. The press app archives the
release and the review app turns the result into suggestions.
"""

from typing import Any

from twinning.extraction.errors import ExtractionError
from twinning.extraction.result import ExtractionResult

__all__ = ["ExtractionError", "ExtractionResult", "extract"]


def extract(*args: Any, **kwargs: Any) -> ExtractionResult:
    from twinning.extraction.pipeline import extract as _extract

    return _extract(*args, **kwargs)
