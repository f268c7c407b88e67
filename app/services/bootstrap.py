"""Open an installation: paths -> engine -> migrate (with backup) -> office -> services."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, replace

from app.common.paths import DataPaths
from app.common.permisos import privatizar_base
from app.domain.permisos import SISTEMA, UsuarioActual
from app.services.actos import ActosService
from app.services.auditoria import AuditoriaService
from app.services.bienes import BienesService
from app.services.context import Contexto
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
from app.services.oficina import OficinaService, asegurar_oficina
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
from app.storage.blobs import BlobStore
from app.storage.db import make_engine, make_session_factory, session_scope, sqlite_url
from app.storage.esquema import al_dia, estadisticas_al_dia
from app.storage.salud import cerrojo_de_arranque, diagnosticar
from app.sync.ciclo import unido
from app.sync.tirada import leer_estado


@dataclass
class Servicios:
    """Every use case of the program, bound to one installation and one acting user."""

    ctx: Contexto
    oficina: OficinaService
    secretarios: SecretariosService
    expedientes: ExpedientesService
    foliacion: FoliacionService
    sorteo: SorteoService
    importacion: ImportacionService
    documentos: DocumentosService
    pagos: PagosService
    liquidacion: LiquidacionService
    convenios: ConveniosService
    actos: ActosService
    vencimientos: VencimientosService
    notificaciones: NotificacionesService
    medidas: MedidasService
    deudores: DeudoresService
    usuarios: UsuariosService
    auditoria: AuditoriaService
    tablero: TableroService
    recaudacion: RecaudacionService
    bienes: BienesService
    depositarios: DepositariosService
    remates: RematesService
    honorarios: HonorariosService
    honorarios_consultas: HonorariosConsultas
    honorarios_tarifa: TarifaHonorariosService
    reversos: ReversosService
    sincronizacion: SincronizacionService

    def como(self, usuario: UsuarioActual) -> Servicios:
        """The same installation acting as ``usuario`` (after the login): every service rebound, sharing the
        engine (close only one of them)."""
        return construir(replace(self.ctx, usuario=usuario))

    def close(self) -> None:
        self.tablero.cerrar()
        self.ctx.engine.dispose()


def abrir(paths: DataPaths, usuario: UsuarioActual = SISTEMA, oficina: str | None = None) -> Servicios:
    """Open (creating and migrating as needed) the installation in ``paths``.

    ``usuario`` is who acts (default: the data dir's administrator, as the command line does);
    ``oficina`` is the office code to work as; on first start the default office is created.

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

            upgrade(engine, paths.database, paths.backups)
            keep_recent_backups(paths.backups, keep=3)
        privatizar_base(paths.database)
    estadisticas_al_dia(engine)  # the list's and the search's plans depend on them (a few counts when current)
    factory = make_session_factory(engine)
    central = unido(engine)
    with session_scope(factory, usuario.login, "iniciar oficina") as s:
        s.info["sin_outbox"] = not central
        # A desktop joined to a central server works as the server's office (app.sync.ciclo.unirse).
        unida = leer_estado(engine, "office_id") if oficina is None else None
        office_id = uuid.UUID(unida) if unida else asegurar_oficina(s, oficina)
    ctx = Contexto(engine=engine, factory=factory, paths=paths, blobs=BlobStore(paths.blobs),
                   office_id=office_id, usuario=usuario, central=central)
    return construir(ctx)


def construir(ctx: Contexto) -> Servicios:
    documentos = DocumentosService(ctx)
    return Servicios(
        ctx=ctx,
        oficina=OficinaService(ctx),
        secretarios=SecretariosService(ctx),
        expedientes=ExpedientesService(ctx),
        foliacion=FoliacionService(ctx),
        sorteo=SorteoService(ctx, acta=documentos.acta_sorteo_en),
        importacion=ImportacionService(ctx),
        documentos=documentos,
        pagos=PagosService(ctx),
        liquidacion=LiquidacionService(ctx),
        convenios=ConveniosService(ctx),
        actos=ActosService(ctx),
        vencimientos=VencimientosService(ctx),
        notificaciones=NotificacionesService(ctx, razon=documentos.razon_notificacion_en),
        medidas=MedidasService(ctx),
        deudores=DeudoresService(ctx),
        usuarios=UsuariosService(ctx),
        auditoria=AuditoriaService(ctx),
        tablero=TableroService(ctx),
        recaudacion=RecaudacionService(ctx),
        bienes=BienesService(ctx),
        depositarios=DepositariosService(ctx, generar_en=documentos.generar_en),
        remates=RematesService(ctx, generar_en=documentos.generar_en),
        honorarios=HonorariosService(ctx, documentos),
        honorarios_consultas=HonorariosConsultas(ctx),
        honorarios_tarifa=TarifaHonorariosService(ctx),
        reversos=ReversosService(ctx),
        sincronizacion=SincronizacionService(ctx),
    )
