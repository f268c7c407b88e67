"""SQL expressions that differ between SQLite (desktop) and PostgreSQL (central), written once."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Date, String
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.functions import FunctionElement


class sumar_dias(FunctionElement[Any]):
    """``fecha + dias`` (calendar days) as a DATE: ``date(f, '+' || n || ' days')`` on SQLite (an ISO string,
    comparable with bound dates), ``f + n`` on PostgreSQL."""

    type = Date()
    inherit_cache = True
    name = "sumar_dias"


@compiles(sumar_dias, "sqlite")
def _sumar_dias_sqlite(element: sumar_dias, compiler: SQLCompiler, **kw: Any) -> str:
    fecha, dias = list(element.clauses)
    return f"date({compiler.process(fecha, **kw)}, '+' || ({compiler.process(dias, **kw)}) || ' days')"


@compiles(sumar_dias)
def _sumar_dias_default(element: sumar_dias, compiler: SQLCompiler, **kw: Any) -> str:
    fecha, dias = list(element.clauses)
    return f"({compiler.process(fecha, **kw)} + ({compiler.process(dias, **kw)}))"


class sin_indice(FunctionElement[Any]):
    """A column the SQLite planner must not use an index for (``+col``): a desktop database holds one office,
    so an ``office_id`` index selects every row and hides a better one. Plain ``col`` elsewhere."""

    inherit_cache = True
    name = "sin_indice"

    @property
    def type(self) -> Any:  # type: ignore[override]
        return next(iter(self.clauses)).type


@compiles(sin_indice, "sqlite")
def _sin_indice_sqlite(element: sin_indice, compiler: SQLCompiler, **kw: Any) -> str:
    return f"+{compiler.process(next(iter(element.clauses)), **kw)}"


@compiles(sin_indice)
def _sin_indice_default(element: sin_indice, compiler: SQLCompiler, **kw: Any) -> str:
    return compiler.process(next(iter(element.clauses)), **kw)


class anio_mes(FunctionElement[Any]):
    """The month of a DATE as ``'YYYY-MM'`` text: ``strftime('%Y-%m', f)`` on SQLite, ``to_char`` on PostgreSQL
    (the dashboard groups recoveries by month)."""

    type = String()
    inherit_cache = True
    name = "anio_mes"


@compiles(anio_mes, "sqlite")
def _anio_mes_sqlite(element: anio_mes, compiler: SQLCompiler, **kw: Any) -> str:
    return f"strftime('%Y-%m', {compiler.process(next(iter(element.clauses)), **kw)})"


@compiles(anio_mes)
def _anio_mes_default(element: anio_mes, compiler: SQLCompiler, **kw: Any) -> str:
    return f"to_char({compiler.process(next(iter(element.clauses)), **kw)}, 'YYYY-MM')"
