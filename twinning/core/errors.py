"""Domain errors: specific, translatable messages that the CLI maps to a non-zero exit and the web to 4xx."""


class TwinningError(Exception):
    """Base class of errors a user can fix: the message says what is wrong and where."""

    def __init__(self, message: str, *, where: str = "") -> None:
        self.message = str(message)
        self.where = where
        super().__init__(f"{where}: {self.message}" if where else self.message)


class ValidationFailed(TwinningError):
    """Input that does not make sense (a malformed file, a contradictory date)."""


class NotFound(TwinningError):
    """A referenced record (a place, a person) does not exist."""


class Conflict(TwinningError):
    """The write would duplicate or contradict an existing record."""
