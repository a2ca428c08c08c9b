"""Named errors. Library code raises these; the CLI turns each into one line plus a hint."""
from __future__ import annotations


class KgError(Exception):
    """Base class: a problem the user can act on. ``hint`` says what to do."""

    exit_code = 1

    def __init__(self, message: str, *, hint: str | None = None):
        super().__init__(message)
        self.message = message
        self.hint = hint


class InputError(KgError):
    """A path or record that cannot be read as an article."""


class NotFoundError(KgError):
    """A name that matches no entity; ``suggestions`` holds close matches."""

    def __init__(self, message: str, *, suggestions: list[str] | None = None, hint: str | None = None):
        self.suggestions = suggestions or []
        if self.suggestions and hint is None:
            hint = "did you mean: " + "; ".join(self.suggestions) + "?"
        super().__init__(message, hint=hint)


class StoreError(KgError):
    """The store cannot be opened, read or written."""


class SchemaError(KgError):
    """A type or label outside the schema."""


class ConfigError(KgError):
    """A setting is missing or wrong (model name, store URL, credentials)."""


class ServerError(KgError):
    """The local Neo4j server cannot be fetched, started or stopped."""
