"""One tree of expected errors.

An :class:`AppError` is a problem the user can fix: its ``message`` is Spanish text that says
what happened and what to do. Anything that is not an ``AppError`` is a bug and is logged with
its traceback (see ``app.ui.errors.show_error``).
"""

from __future__ import annotations

from dataclasses import dataclass

from app.common.text import plural


class AppError(Exception):
    """Base of every expected error. ``message`` is shown to the user as is (Spanish).

    ``campo``: the input the error is about, by the service's parameter name (e.g. ``"direccion"``), so a
    dialog can mark that field and keep what was typed; None when the error is not about one field.
    """

    def __init__(self, message: str, campo: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.campo = campo


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


class OcupadoError(AppError):
    """Another process (a second window, the command line) holds the data folder for a write; nothing was
    written. Trying again later is the fix."""

    def __init__(self, message: str = "Otra operación está en curso en esta carpeta de datos (otra ventana de "
                 "Foja o la línea de comandos); intente de nuevo en unos momentos. No se guardó nada.") -> None:
        super().__init__(message)


class BaseDanada(AppError):
    """The database cannot be opened or is missing while the folder holds an office's files.

    ``respaldo`` is the newest backup that opens (a :class:`pathlib.Path`) or None; ``cuando`` is its
    modification time as text for the user. The program never replaces such a database with a new empty one.
    """

    def __init__(self, motivo: str, respaldo: object | None = None, cuando: str = "",
                 que_hacer: str | None = None) -> None:
        self.motivo = motivo
        self.respaldo = respaldo
        self.cuando = cuando
        if que_hacer is None and respaldo is not None:
            que_hacer = (f"El último respaldo bueno es «{getattr(respaldo, 'name', respaldo)}» ({cuando}): "
                         "restáurelo (al abrir el programa, o con «python -m app restaurar»).")
        elif que_hacer is None:
            que_hacer = "No hay un respaldo bueno en la carpeta «respaldos»: consulte al soporte técnico."
        super().__init__(f"La base de datos de Foja está dañada: {motivo}. {que_hacer}")


class MigracionFallida(AppError):
    """The schema upgrade failed; the database was left exactly as it was (it is migrated on a copy)."""


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
            f"No se importó nada de «{filename}»: {plural(len(problems), 'problema')}. "
            f"Corrija el archivo y vuelva a importarlo.\n{lines}{more}"
        )
