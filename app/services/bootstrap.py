"""Open an installation: paths -> engine -> migrate (with backup) -> office -> services."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import replace
from functools import cached_property
from typing import TYPE_CHECKING

from app.common.paths import DataPaths
from app.common.permisos import privatizar_base
from app.domain.permisos import SISTEMA, UsuarioActual
from app.services.context import Contexto
from app.storage.blobs import BlobStore
from app.storage.db import make_engine, make_session_factory, session_scope, sqlite_url
from app.storage.esquema import al_dia, estadisticas_al_dia
from app.storage.salud import cerrojo_de_arranque, diagnosticar
from app.sync.tirada import leer_estado

if TYPE_CHECKING:
    from app.services.actos import ActosService
    from app.services.auditoria import AuditoriaService
    from app.services.bienes import BienesService
    from app.services.convenios import ConveniosService
    from app.services.depositarios import DepositariosService
    from app.services.deudores import DeudoresService
    from app.services.documentos import DocumentosService
    from app.services.expedientes import ExpedientesService
    from app.services.foliacion import FoliacionService
    from app.services.honorarios import HonorariosService
    from app.services.honorarios_consultas import HonorariosConsultas
    from app.services.honorarios_tarifa import TarifaHonorariosService
    from app.services.importacion import ImportacionService
    from app.services.liquidacion import LiquidacionService
    from app.services.medidas import MedidasService
    from app.services.notificaciones import NotificacionesService
    from app.services.oficina import OficinaService
    from app.services.pagos import PagosService
    from app.services.recaudacion import RecaudacionService
    from app.services.remates import RematesService
    from app.services.reversos import ReversosService
    from app.services.secretarios import SecretariosService
    from app.services.sincronizacion import SincronizacionService
    from app.services.sorteo import SorteoService
    from app.services.tablero import TableroService
    from app.services.usuarios import UsuariosService
    from app.services.vencimientos import VencimientosService


class Servicios:
    """Every use case of the program, bound to one installation and one acting user.

    Each service is built, and its module imported, on first use: a start that shows the list does not pay
    for the document stack, the charts (matplotlib), the sync (psycopg) or Alembic. A service may be replaced
    on an instance (tests do) by plain assignment.
    """

    def __init__(self, ctx: Contexto) -> None:
        self.ctx = ctx

    def como(self, usuario: UsuarioActual) -> Servicios:
        """The same installation acting as ``usuario`` (after the login): every service rebound, sharing the
        engine (close only one of them)."""
        return construir(replace(self.ctx, usuario=usuario))

    def close(self) -> None:
        self.tablero.cerrar()
        self.ctx.engine.dispose()

    @cached_property
    def oficina(self) -> OficinaService:
        from app.services.oficina import OficinaService

        return OficinaService(self.ctx)

    @cached_property
    def secretarios(self) -> SecretariosService:
        from app.services.secretarios import SecretariosService

        return SecretariosService(self.ctx)

    @cached_property
    def expedientes(self) -> ExpedientesService:
        from app.services.expedientes import ExpedientesService

        return ExpedientesService(self.ctx)

    @cached_property
    def foliacion(self) -> FoliacionService:
        from app.services.foliacion import FoliacionService

        return FoliacionService(self.ctx)

    @cached_property
    def sorteo(self) -> SorteoService:
        from app.services.sorteo import SorteoService

        return SorteoService(self.ctx, acta=lambda *a, **k: self.documentos.acta_sorteo_en(*a, **k))

    @cached_property
    def importacion(self) -> ImportacionService:
        from app.services.importacion import ImportacionService

        return ImportacionService(self.ctx)

    @cached_property
    def documentos(self) -> DocumentosService:
        from app.services.documentos import DocumentosService

        return DocumentosService(self.ctx)

    @cached_property
    def pagos(self) -> PagosService:
        from app.services.pagos import PagosService

        return PagosService(self.ctx)

    @cached_property
    def liquidacion(self) -> LiquidacionService:
        from app.services.liquidacion import LiquidacionService

        return LiquidacionService(self.ctx)

    @cached_property
    def convenios(self) -> ConveniosService:
        from app.services.convenios import ConveniosService

        return ConveniosService(self.ctx)

    @cached_property
    def actos(self) -> ActosService:
        from app.services.actos import ActosService

        return ActosService(self.ctx)

    @cached_property
    def vencimientos(self) -> VencimientosService:
        from app.services.vencimientos import VencimientosService

        return VencimientosService(self.ctx)

    @cached_property
    def notificaciones(self) -> NotificacionesService:
        from app.services.notificaciones import NotificacionesService

        return NotificacionesService(self.ctx, razon=lambda *a, **k: self.documentos.razon_notificacion_en(*a, **k))

    @cached_property
    def medidas(self) -> MedidasService:
        from app.services.medidas import MedidasService

        return MedidasService(self.ctx)

    @cached_property
    def deudores(self) -> DeudoresService:
        from app.services.deudores import DeudoresService

        return DeudoresService(self.ctx)

    @cached_property
    def usuarios(self) -> UsuariosService:
        from app.services.usuarios import UsuariosService

        return UsuariosService(self.ctx)

    @cached_property
    def auditoria(self) -> AuditoriaService:
        from app.services.auditoria import AuditoriaService

        return AuditoriaService(self.ctx)

    @cached_property
    def tablero(self) -> TableroService:
        from app.services.tablero import TableroService

        return TableroService(self.ctx)

    @cached_property
    def recaudacion(self) -> RecaudacionService:
        from app.services.recaudacion import RecaudacionService

        return RecaudacionService(self.ctx)

    @cached_property
    def bienes(self) -> BienesService:
        from app.services.bienes import BienesService

        return BienesService(self.ctx)

    @cached_property
    def depositarios(self) -> DepositariosService:
        from app.services.depositarios import DepositariosService

        return DepositariosService(self.ctx, generar_en=lambda *a, **k: self.documentos.generar_en(*a, **k))

    @cached_property
    def remates(self) -> RematesService:
        from app.services.remates import RematesService

        return RematesService(self.ctx, generar_en=lambda *a, **k: self.documentos.generar_en(*a, **k))

    @cached_property
    def honorarios(self) -> HonorariosService:
        from app.services.honorarios import HonorariosService

        return HonorariosService(self.ctx, self.documentos)

    @cached_property
    def honorarios_consultas(self) -> HonorariosConsultas:
        from app.services.honorarios_consultas import HonorariosConsultas

        return HonorariosConsultas(self.ctx)

    @cached_property
    def honorarios_tarifa(self) -> TarifaHonorariosService:
        from app.services.honorarios_tarifa import TarifaHonorariosService

        return TarifaHonorariosService(self.ctx)

    @cached_property
    def reversos(self) -> ReversosService:
        from app.services.reversos import ReversosService

        return ReversosService(self.ctx)

    @cached_property
    def sincronizacion(self) -> SincronizacionService:
        from app.services.sincronizacion import SincronizacionService

        return SincronizacionService(self.ctx)


def abrir(paths: DataPaths, usuario: UsuarioActual = SISTEMA, oficina: str | None = None,
          al_migrar: Callable[[], object] | None = None) -> Servicios:
    """Open (creating and migrating as needed) the installation in ``paths``.

    ``usuario`` is who acts (default: the data dir's administrator, as the command line does);
    ``oficina`` is the office code to work as; on first start the default office is created.
    ``al_migrar`` is called once before a schema upgrade starts (an upgrade of a large office copies it and
    can take a minute: the desktop says so instead of showing nothing).

    Raises:
        BaseDanada: the database is missing, empty or unreadable in a folder that holds an office (carries
            the last good backup; see :mod:`app.storage.salud`). Nothing is created in its place.
        MigracionFallida: the schema upgrade failed; the database is as it was.
        OcupadoError: another process kept the folder busy (opening or migrating) too long.
    """
    paths.ensure()
    with cerrojo_de_arranque(paths):
        diagnosticar(paths)
        engine = make_engine(sqlite_url(paths.database))
        if not al_dia(engine):  # Alembic only when there is something to migrate (it is slow to import)
            from app.storage.migrate import keep_recent_backups, upgrade

            if al_migrar is not None:
                al_migrar()
            upgrade(engine, paths.database, paths.backups)
            keep_recent_backups(paths.backups, keep=3)
        privatizar_base(paths.database)
    estadisticas_al_dia(engine)  # the list's and the search's plans depend on them (a few counts when current)
    factory = make_session_factory(engine)
    central = leer_estado(engine, "servidor") is not None  # joined to a server (app.sync.ciclo.unido)
    with session_scope(factory, usuario.login, "iniciar oficina") as s:
        s.info["sin_outbox"] = not central
        # A desktop joined to a central server works as the server's office (app.sync.ciclo.unirse).
        unida = leer_estado(engine, "office_id") if oficina is None else None
        if unida:
            office_id = uuid.UUID(unida)
        else:
            from app.services.oficina import asegurar_oficina

            office_id = asegurar_oficina(s, oficina)
    ctx = Contexto(engine=engine, factory=factory, paths=paths, blobs=BlobStore(paths.blobs),
                   office_id=office_id, usuario=usuario, central=central)
    return construir(ctx)


def construir(ctx: Contexto) -> Servicios:
    """The services of ``ctx`` (each built on first use)."""
    return Servicios(ctx)
