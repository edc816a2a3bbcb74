"""The one error extraction raises: input it cannot read (empty, binary, too large, garbled)."""


class ExtractionError(ValueError):
    """The input cannot be turned into text; the message says why, in plain words."""
