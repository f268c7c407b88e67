"""What a write changed, so that each open screen refreshes what concerns it (design.md §4, Anki's ``OpChanges``).

Every service write goes through ``Contexto.tx``; the rows it wrote are known by table (the audit hook records
them), and :func:`de_tablas` turns those tables into a :class:`Cambios`. The context hands it to its observer
(the main window's broadcaster), which tells every open screen; each screen decides, from the flags, whether
it must reload. No screen stays stale until F5.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, fields

#: Which flag each table sets. A table may set several (a ``termino`` changes the vencimientos and the acts).
_TABLAS: dict[str, tuple[str, ...]] = {
    "titulo_credito": ("titulos",),
    "importacion": ("titulos",),
    "sorteo": ("sorteo", "titulos", "expedientes", "vencimientos"),
    "expediente": ("expedientes", "vencimientos"),
    "deudor": ("expedientes",),
    "coobligado": ("expedientes",),
    "acto": ("actos", "expedientes", "vencimientos"),
    "termino": ("vencimientos", "actos"),
    "notificacion": ("notificaciones",),
    "adjunto": ("notificaciones",),
    "medida_cautelar": ("medidas",),
    "pago": ("pagos", "expedientes"),
    "costa": ("pagos", "expedientes"),
    "liquidacion": ("pagos",),
    "convenio": ("pagos", "expedientes"),
    "cuota_convenio": ("pagos",),
    "recaudacion_importacion": ("pagos",),
    "recaudacion_fila": ("pagos",),
    "documento": ("documentos",),
    "folio": ("documentos",),
    "archivo": ("documentos",),
    "ancla_expediente": ("documentos",),
    "usuario": ("usuarios",),
    "secretario": ("secretarios",),
    "oficina": ("oficina",),
    "preferencia": ("oficina",),
    "feriado_local": ("oficina", "vencimientos"),
    "tasa_interes": ("oficina", "pagos"),
    "tarifa_honorarios": ("oficina", "honorarios"),
    "suspension_honorarios": ("oficina", "honorarios"),
    "solicitud_honorarios": ("honorarios",),
    "honorario_recuperacion": ("honorarios",),
    "evento_honorarios": ("honorarios",),
    "depositario": ("bienes",),
    "bien": ("bienes",),
    "acto_bien": ("bienes",),
    "custodia": ("bienes",),
    "informe_depositario": ("bienes",),
    "costo_bien": ("bienes",),
    "designacion_perito": ("bienes",),
    "avaluo": ("bienes",),
    "remate": ("bienes", "pagos"),
    "postura": ("bienes",),
    "sobrante_remate": ("bienes", "pagos"),
    "foto_bien": ("bienes",),
}


@dataclass(frozen=True, slots=True)
class Cambios:
    """Which kinds of data a write changed. All False: nothing a screen shows (e.g. a failed login attempt)."""

    titulos: bool = False
    sorteo: bool = False
    expedientes: bool = False
    actos: bool = False
    vencimientos: bool = False
    notificaciones: bool = False
    medidas: bool = False
    pagos: bool = False
    documentos: bool = False
    bienes: bool = False
    honorarios: bool = False
    usuarios: bool = False
    secretarios: bool = False
    oficina: bool = False

    def __or__(self, otro: Cambios) -> Cambios:
        return Cambios(**{f.name: getattr(self, f.name) or getattr(otro, f.name) for f in fields(self)})

    def __bool__(self) -> bool:
        return any(getattr(self, f.name) for f in fields(self))

    def alguno(self, *nombres: str) -> bool:
        """Whether any of the flags ``nombres`` is set (``alguno("pagos", "actos")``)."""
        return any(getattr(self, n) for n in nombres)

    @property
    def tramite(self) -> bool:
        """Anything of a juicio's procedure changed (its stage, acts, payments, documents, notifications…):
        what the expediente page and the actions it offers depend on."""
        return self.alguno("expedientes", "actos", "vencimientos", "notificaciones", "medidas", "pagos",
                           "documentos", "bienes", "honorarios", "oficina")

    @classmethod
    def todo(cls) -> Cambios:
        """Everything may have changed (rows pulled by the sync, F5)."""
        return cls(**{f.name: True for f in fields(cls)})


def de_tablas(tablas: Iterable[str]) -> Cambios:
    """The :class:`Cambios` of a transaction that wrote rows of ``tablas`` (table names; unknown ones ignored)."""
    marcados = {flag for t in tablas for flag in _TABLAS.get(t, ())}
    return Cambios(**dict.fromkeys(marcados, True))
