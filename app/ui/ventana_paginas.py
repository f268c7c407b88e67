"""The main window's pages other than the list, each built the first time it is shown or asked for (issue 14:
the window opens on the list without importing the document stack, the charts or the goods). A part of
:class:`app.ui.main_window.MainWindow`: ``ventana.expediente``, ``ventana.tablero``… build on first use;
``_construida(nombre)`` says whether a page exists (a page never shown has nothing to refresh)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from app.ui.auditoria_page import AuditoriaPage
    from app.ui.bienes_page import BienesPage
    from app.ui.expediente_page import ExpedientePage
    from app.ui.honorarios_page import HonorariosPage
    from app.ui.notificaciones_pendientes import NotificacionesPendientesPage
    from app.ui.secretarios_page import SecretariosPage
    from app.ui.tablero_page import TableroPage
    from app.ui.usuarios_page import UsuariosPage
    from app.ui.vencimientos_page import VencimientosPage

    _Base = Any
else:
    _Base = object


class PaginasVentana(_Base):
    """Mixin of the main window: its pages, built on first use into ``self.paginas`` (a QStackedWidget)."""

    # -- pages, built on first use ------------------------------------------------------------------
    def _pagina(self, nombre: str) -> Any:
        """The page ``nombre``, building it (and importing its module) the first time."""
        p = self._paginas.get(nombre)
        if p is None:
            p = getattr(self, f"_crear_{nombre}")()
            self._paginas[nombre] = p
            self.paginas.addWidget(p)
        return p

    def _construida(self, nombre: str) -> Any:
        """The page ``nombre`` if already built, else None (nothing to refresh in a page never shown)."""
        return self._paginas.get(nombre)

    def _crear_expediente(self) -> ExpedientePage:
        from app.ui.expediente_page import ExpedientePage

        p = ExpedientePage(self._srv, self)
        p.volver.connect(self.volver_del_expediente)
        p.mensaje.connect(self._aviso)
        provisional = self.menu_documento
        self.menu_documento = self._menu_expedientes.insertMenu(provisional, p.menu_documentos)
        self._menu_expedientes.removeAction(provisional)
        self.menu_documento.setEnabled(False)
        return p

    def _crear_secretarios(self) -> SecretariosPage:
        from app.ui.secretarios_page import SecretariosPage

        p = SecretariosPage(self._srv, self)
        p.volver.connect(self.mostrar_lista)
        p.mensaje.connect(self._aviso)
        return p

    def _crear_vencimientos(self) -> VencimientosPage:
        from app.ui.vencimientos_page import VencimientosPage

        p = VencimientosPage(self._srv, self)
        p.abrir.connect(self.abrir_expediente)
        p.volver.connect(self.mostrar_lista)
        p.mensaje.connect(self._aviso)
        return p

    def _crear_usuarios(self) -> UsuariosPage:
        from app.ui.usuarios_page import UsuariosPage

        p = UsuariosPage(self._srv.usuarios, self)
        p.volver.connect(self.mostrar_lista)
        p.mensaje.connect(self._aviso)
        return p

    def _crear_auditoria(self) -> AuditoriaPage:
        from app.ui.auditoria_page import AuditoriaPage

        p = AuditoriaPage(self._srv.auditoria, self, self.settings)
        p.volver.connect(self.mostrar_lista)
        p.mensaje.connect(self._aviso)
        return p

    def _crear_tablero(self) -> TableroPage:
        from app.ui.tablero_page import TableroPage

        p = TableroPage(self._srv.tablero, self)
        p.volver.connect(self.mostrar_lista)
        p.abrir.connect(self.abrir_expediente)
        p.mensaje.connect(self._aviso)
        return p

    def _crear_bienes(self) -> BienesPage:
        from app.ui.bienes_page import BienesPage

        p = BienesPage(self._srv, self)
        p.volver.connect(self.mostrar_lista)
        p.abrir.connect(self.abrir_expediente)
        p.mensaje.connect(self._aviso)
        return p

    def _crear_honorarios(self) -> HonorariosPage:
        from app.ui.honorarios_page import HonorariosPage

        p = HonorariosPage(self._srv, self)
        p.volver.connect(self.mostrar_lista)
        p.mensaje.connect(self._aviso)
        p.abrir.connect(self.abrir_expediente)
        return p

    def _crear_por_notificar(self) -> NotificacionesPendientesPage:
        from app.ui.notificaciones_pendientes import NotificacionesPendientesPage

        p = NotificacionesPendientesPage(self._srv, self)
        p.volver.connect(self.mostrar_lista)
        p.abrir.connect(self.abrir_expediente)
        p.mensaje.connect(self._aviso)
        return p

    @property
    def por_notificar(self) -> NotificacionesPendientesPage:
        return self._pagina("por_notificar")  # type: ignore[no-any-return]

    @property
    def expediente(self) -> ExpedientePage:
        return self._pagina("expediente")  # type: ignore[no-any-return]

    @property
    def secretarios(self) -> SecretariosPage:
        return self._pagina("secretarios")  # type: ignore[no-any-return]

    @property
    def vencimientos(self) -> VencimientosPage:
        return self._pagina("vencimientos")  # type: ignore[no-any-return]

    @property
    def usuarios(self) -> UsuariosPage:
        return self._pagina("usuarios")  # type: ignore[no-any-return]

    @property
    def auditoria(self) -> AuditoriaPage:
        return self._pagina("auditoria")  # type: ignore[no-any-return]

    @property
    def tablero(self) -> TableroPage:
        return self._pagina("tablero")  # type: ignore[no-any-return]

    @property
    def bienes(self) -> BienesPage:
        return self._pagina("bienes")  # type: ignore[no-any-return]

    @property
    def honorarios(self) -> HonorariosPage:
        return self._pagina("honorarios")  # type: ignore[no-any-return]
