"""One tree of expected errors.

An :class:`AppError` is a problem the user can fix: its ``message`` is Spanish text that says
what happened and what to do. Anything that is not an ``AppError`` is a bug and is logged with
its traceback (see ``app.ui.errors.show_error``).
"""

from __future__ import annotations

from dataclasses import dataclass


class AppError(Exception):
    """Base of every expected error. ``message`` is shown to the user as is (Spanish)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class ValidationError(AppError):
    """Input that breaks a rule (a field, a value); nothing was written."""


class NotFoundError(AppError):
    """A record the user named does not exist (e.g. an unknown juicio number)."""


class RuleError(AppError):
    """An action the procedure does not allow in the current state."""


class PermissionDenied(AppError):
    """The current user lacks the permission the action needs."""


class CancelledError(AppError):
    """The user cancelled a long task; nothing was written."""

    def __init__(self, message: str = "Operación cancelada por el usuario; no se guardó nada.") -> None:
        super().__init__(message)


class DiaInhabil(RuleError):
    """A document dated on a non-working day: the user must confirm it (the caller asks, then retries)."""


class ConfigurationError(AppError):
    """The installation is missing something (a template, LibreOffice, a setting)."""


@dataclass(frozen=True, slots=True)
class RowProblem:
    """One bad cell of an imported file: ``line`` is 1-based as the user sees it in the file
    (the header is line 1), ``column`` is the header name, ``reason`` is Spanish text."""

    line: int
    column: str
    reason: str

    def __str__(self) -> str:
        return f"línea {self.line}, columna «{self.column}»: {self.reason}"


class ImportRejected(ValidationError):
    """A file with at least one bad row: nothing was imported. ``problems`` lists every bad cell."""

    def __init__(self, filename: str, problems: list[RowProblem]) -> None:
        self.filename = filename
        self.problems = problems
        lines = "\n".join(f"  - {p}" for p in problems[:50])
        more = f"\n  … y {len(problems) - 50} problemas más" if len(problems) > 50 else ""
        super().__init__(
            f"No se importó nada de «{filename}»: {len(problems)} problema(s). "
            f"Corrija el archivo y vuelva a importarlo.\n{lines}{more}"
        )
