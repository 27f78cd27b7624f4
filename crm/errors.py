"""What can be wrong with a staff request, independent of HTTP: a bad field, a missing row, a refused change."""


class CrmError(Exception):
    """Base of the errors below; the message is one line, fit to show the caller."""


class InvalidField(CrmError):
    """A field is missing, unknown or malformed; the message starts with its name."""

    def __init__(self, field: str, message: str):
        self.field = field
        super().__init__(f"{field} {message}")


class NotFound(CrmError):
    """The row a path names does not exist."""


class Conflict(CrmError):
    """The change is well-formed but the row's state refuses it (a final booking, a foreign external_ref)."""
