"""The main window: menus, shortcuts, status bar and the pages (list, expediente, vencimientos, secretarios)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QSettings, Qt, Signal, Slot
from PySide6.QtGui import QCloseEvent, QKeySequence
from PySide6.QtWidgets import QDialog, QDockWidget, QFrame, QLabel, QMainWindow, QStackedWidget, QWidget

from app.common.cambios import Cambios
from app.common.text import plural
from app.domain.permisos import Rol
from app.services.bootstrap import Servicios
from app.services.sesion import cedula_del_secretario
from app.ui import inicio, mensajes, tasks
from app.ui.difusor import Difusor
from app.ui.errors import protegido
from app.ui.expedientes_model import COL_SECRETARIO
from app.ui.expedientes_page import ExpedientesPage
from app.ui.exportar import ExportarLista
from app.ui.import_action import ImportarTitulos
from app.ui.lote_action import GenerarLote
from app.ui.opi_lote_action import GenerarOpiLote
from app.ui.sync_control import ControlSync
from app.ui.ventana_menus import MenusVentana
from app.ui.ventana_paginas import PaginasVentana
from app.ui.verificar_action import VerificarOficina

if TYPE_CHECKING:
    from app.ui.vencimientos_panel import VencimientosPanel

ORGANIZACION = "IESS"
APLICACION = "Foja"
CLAVE_GEOMETRIA = "ventana/geometria"
CLAVE_ESTADO = "ventana/estado"
CLAVE_COLUMNAS = "expedientes/columnas"


class MainWindow(MenusVentana, PaginasVentana, QMainWindow):
    """Emits ``sesion_cerrada`` after «Cerrar sesión» closed it (the caller asks for the next login), else
    ``cerrada`` when it closed (Salir, the window's close button)."""

    sesion_cerrada = Signal()
    cerrada = Signal()

    def __init__(self, servicios: Servicios, settings: QSettings | None = None) -> None:
        super().__init__()
        self._srv = servicios
        self._cambiar_usuario = False
        # Every committed write tells the open screens what changed (app.common.cambios).
        self.difusor = Difusor(self)
        servicios.ctx.observador = self.difusor.recibir
        self.settings = settings if settings is not None else QSettings(ORGANIZACION, APLICACION)
        self.setObjectName("ventanaPrincipal")
        oficina = servicios.oficina.datos()
        self.setWindowTitle(oficina.nombre)  # Qt adds « — Foja» (the application display name)
        self.resize(1280, 800)

        self.lista = ExpedientesPage(servicios, self)
        # The other pages (and their modules: documents, charts, goods) are built the first time they are
        # shown or asked for (the properties below): the window opens on the list without paying for them.
        self._paginas: dict[str, QWidget] = {}
        self._origen: QWidget = self.lista  # where «Volver» from the expediente goes
        self.paginas = QStackedWidget(self)
        self.paginas.addWidget(self.lista)
        self.setCentralWidget(self.paginas)

        self.conteo = QLabel(self)
        self.conteo.setObjectName("conteoExpedientes")
        self.conteo.setContentsMargins(8, 0, 8, 0)
        self.statusBar().addPermanentWidget(self.conteo)
        self.separador = QFrame(self)
        self.separador.setFrameShape(QFrame.Shape.VLine)
        self.separador.setFrameShadow(QFrame.Shadow.Sunken)
        self.statusBar().addPermanentWidget(self.separador)
        usuario = servicios.ctx.usuario
        quien = usuario.login if usuario.sistema else f"{usuario.login} ({usuario.rol.etiqueta})"
        self.oficina_label = QLabel(f"Oficina {oficina.codigo} · {oficina.ciudad} · {quien}", self)
        self.oficina_label.setContentsMargins(8, 0, 4, 0)
        self.oficina_label.setToolTip(oficina.nombre)
        self.statusBar().addPermanentWidget(self.oficina_label)
        self.sync = ControlSync(servicios.sincronizacion, self)
        self.statusBar().addPermanentWidget(self.sync.widget)

        self.importador = ImportarTitulos(servicios, self, self.settings)
        self.opi_lote = GenerarOpiLote(servicios, self, self.lista)
        self.verificacion = VerificarOficina(servicios, self)
        self.lote = GenerarLote(servicios, self, self.lista)
        self.exportador = ExportarLista(self, servicios.ctx.paths.exports)
        self._menus()

        self.lista.abrir.connect(self.abrir_expediente)
        self.lista.estado.connect(self.conteo.setText)
        # Every screen follows the writes that change what it shows (import, sorteo, payment, act, batch…).
        self.difusor.cambiado.connect(self._al_cambiar)
        self.sync.datos_cambiados.connect(self.actualizar)
        self.sync.mensaje.connect(self._aviso)
        self.panel_vencimientos: VencimientosPanel | None = None
        if inicio.con_panel_vencimientos(usuario):  # the secretario-abogado: his vencimientos beside his list
            from app.ui.vencimientos_panel import VencimientosPanel

            self.panel_vencimientos = VencimientosPanel(
                servicios.vencimientos, cedula_del_secretario(servicios, usuario), self)
            self.panel_vencimientos.abrir.connect(self.abrir_expediente)
            dock = QDockWidget("Mis vencimientos", self)
            dock.setObjectName("dockVencimientos")
            dock.setWidget(self.panel_vencimientos)
            self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
            self.dock_vencimientos = dock
            # Closed by mistake, it comes back from «Ver».
            accion = dock.toggleViewAction()
            accion.setText("Mis &vencimientos (panel)")
            accion.setShortcut(QKeySequence("Ctrl+Shift+T"))
            accion.setStatusTip("Mostrar u ocultar el panel de sus vencimientos junto a la lista")
            self.menu_ver.addAction(accion)
        self.menu_ver.menuAction().setVisible(not self.menu_ver.isEmpty())
        self.paginas.currentChanged.connect(lambda _i: self._habilitar())

        self._restaurar()
        if inicio.solo_sus_expedientes(usuario):  # his list is his own: the column would repeat his name
            self.lista.tabla.setColumnHidden(COL_SECRETARIO, True)
        self.lista.cargar()
        if self.panel_vencimientos is not None:
            self.panel_vencimientos.cargar()
        if not usuario.sistema:  # each role opens on its own work (the command line's captures keep the list)
            self.mostrar_pagina(inicio.pagina_inicial(usuario.rol))
        self._habilitar()
        self._alertar_informes()

    def _habilitar(self) -> None:
        actual = self.paginas.currentWidget()
        self.conteo.setVisible(actual is self.lista)
        self.separador.setVisible(actual is self.lista)
        self.accion_abrir.setEnabled(actual is self.lista)
        self.opi_lote.habilitar(actual is self.lista)
        self.lote.habilitar(actual is self.lista)
        self.menu_documento.setEnabled(actual is not None and actual is self._construida("expediente"))
        self.accion_volver.setEnabled(actual is not self.lista)

    # -- navigation ---------------------------------------------------------------------------------
    @Slot(str)
    @protegido
    def abrir_expediente(self, numero: str) -> None:
        self.expediente.mostrar(numero)
        actual = self.paginas.currentWidget()
        if actual is not self.expediente:
            venc = self._construida("vencimientos")
            self._origen = venc if venc is not None and actual is venc else self.lista
        self.expediente.boton_volver.setText(
            "← Volver a vencimientos" if self._origen is not self.lista else "← Volver a la lista")
        self.paginas.setCurrentWidget(self.expediente)
        self.expediente.tabla.setFocus()

    @Slot()
    def volver_del_expediente(self) -> None:
        if self._origen is not self.lista:  # the vencimientos page
            self.mostrar_vencimientos()
        else:
            self.mostrar_lista()

    @Slot()
    def volver(self) -> None:
        """Esc: from the expediente back where it was opened from; from any other page to the list."""
        if self.paginas.currentWidget() is self._construida("expediente"):
            self.volver_del_expediente()
        else:
            self.mostrar_lista()

    @Slot()
    @protegido
    def mostrar_vencimientos(self) -> None:
        if self.paginas.currentWidget() is not self.vencimientos:
            self.vencimientos.refrescar_secretarios()
        self.vencimientos.cargar()
        self.paginas.setCurrentWidget(self.vencimientos)
        self.vencimientos.tabla.setFocus()

    @protegido
    def _dialogo_oficina(self, nombre: str) -> None:
        from app.ui import oficina_dialog

        dlg = getattr(oficina_dialog, nombre)(self._srv, self)
        try:
            dlg.exec()
        finally:
            dlg.deleteLater()

    @Slot()
    @protegido
    def abrir_plantillas(self) -> None:
        from app.ui.plantillas_page import PlantillasDialog

        dlg = PlantillasDialog(self._srv, self)
        dlg.exec()
        dlg.deleteLater()
        self.activateWindow()

    @Slot()
    def mostrar_lista(self) -> None:
        volvio_de = self.paginas.currentWidget()
        self.paginas.setCurrentWidget(self.lista)
        self.lista.tabla.setFocus()
        if volvio_de is self._construida("expediente") and self.expediente.numero:
            row = self.lista.model.fila_de_numero(self.expediente.numero)
            if row >= 0:
                self.lista.tabla.selectRow(row)

    @Slot()
    @protegido
    def mostrar_secretarios(self) -> None:
        self.secretarios.cargar()
        self.paginas.setCurrentWidget(self.secretarios)

    @Slot(str)
    @protegido
    def mostrar_pagina(self, nombre: str) -> None:
        """Show the page named ``nombre`` (:mod:`app.ui.inicio`): a role's home page or a menu's."""
        if nombre == inicio.EXPEDIENTES:
            self.mostrar_lista()
            return
        pagina = self._pagina({inicio.USUARIOS: "usuarios", inicio.AUDITORIA: "auditoria", inicio.TABLERO: "tablero",
                               inicio.BIENES: "bienes", inicio.POR_NOTIFICAR: "por_notificar"}[nombre])
        if nombre == inicio.TABLERO:
            pagina.refrescar()  # reads again only if something was committed since it was last shown
        else:
            pagina.cargar()
        self.paginas.setCurrentWidget(pagina)

    @Slot()
    @protegido
    def mostrar_honorarios(self) -> None:
        self.honorarios.cargar()
        self.paginas.setCurrentWidget(self.honorarios)
        self.honorarios.tabla.setFocus()

    @Slot()
    @protegido
    def abrir_tarifa_honorarios(self) -> None:
        from app.ui.tarifa_honorarios_dialog import TarifaHonorariosDialog

        dlg = TarifaHonorariosDialog(self._srv.honorarios_tarifa, self)
        dlg.exec()
        dlg.deleteLater()

    @Slot()
    @protegido
    def cambiar_clave(self) -> None:
        from app.ui.cambiar_clave_dialog import CambiarClaveDialog

        dlg = CambiarClaveDialog(self._srv.usuarios, self)
        if dlg.exec() == QDialog.DialogCode.Accepted:
            self._aviso("Contraseña cambiada.")
        dlg.deleteLater()

    @Slot()
    def buscar(self) -> None:
        self.mostrar_lista()
        self.lista.enfocar_busqueda()

    @Slot()
    @protegido
    def actualizar(self) -> None:
        """F5, or rows pulled by the sync: everything may have changed."""
        if self.paginas.currentWidget() is self._construida("expediente"):
            self.expediente.actualizar()
        self.difusor.difundir(Cambios.todo())
        self._aviso("Datos actualizados.")

    @Slot(object)
    @protegido
    def _al_cambiar(self, c: Cambios) -> None:
        """What a write changed (:class:`~app.common.cambios.Cambios`): each screen that shows it reloads; a hidden
        page reloads when it is next shown (every page's ``cargar`` runs on show)."""
        actual = self.paginas.currentWidget()
        # Only pages already built: a page never shown reads its data when it is first shown.
        nombre = {v: k for k, v in self._paginas.items()}.get(actual)
        if c.alguno("expedientes", "sorteo", "actos", "pagos", "secretarios"):
            self.lista.cargar()
        tablero = self._construida("tablero")
        if tablero is not None and c.alguno("titulos", "sorteo", "expedientes", "actos", "pagos", "honorarios",
                                            "bienes", "secretarios"):
            tablero.refrescar()  # now if shown, else when next shown
        if c.alguno("vencimientos", "expedientes", "secretarios", "oficina"):
            if nombre == "vencimientos":
                actual.cargar()
            if self.panel_vencimientos is not None:
                self.panel_vencimientos.cargar()
        if nombre == "expediente":
            self.expediente.al_cambiar(c)
        por_pagina = {"secretarios": c.alguno("secretarios", "sorteo", "expedientes"),
                      "usuarios": c.usuarios, "auditoria": bool(c), "bienes": c.bienes,
                      "honorarios": c.alguno("honorarios", "pagos"),
                      "por_notificar": c.alguno("notificaciones", "actos", "expedientes")}
        if nombre is not None and por_pagina.get(nombre):
            actual.cargar()

    @Slot()
    def cerrar_sesion(self) -> None:
        """Close this window (as on quit: a running operation is asked about) and go back to the login."""
        self._cambiar_usuario = True
        if not self.close():
            self._cambiar_usuario = False

    @Slot()
    @protegido
    def realizar_sorteo(self) -> None:
        from app.ui.sorteo_dialog import SorteoDialog

        dlg = SorteoDialog(self._srv, self)
        dlg.exec()
        dlg.deleteLater()
        self.activateWindow()  # the keyboard (shortcuts) back to the main window

    def _alertar_informes(self) -> None:
        """The jefe is told at start how many depositario reports are overdue (domain.md §5)."""
        if self._srv.ctx.usuario.rol is not Rol.JEFE or self._srv.ctx.usuario.sistema:
            return
        n = self._srv.depositarios.contar_informes_vencidos()
        if n:
            self.statusBar().showMessage(
                f"Hay {plural(n, 'informe de depositario vencido', 'informes de depositario vencidos')}: "
                "Oficina → Bienes embargados (Ctrl+Shift+B).", 30000)

    @Slot(str)
    def _aviso(self, texto: str) -> None:
        self.statusBar().showMessage(texto, 8000)

    @Slot()
    def mostrar_guia(self) -> None:
        """Open the user guide (:mod:`app.ui.ayuda`) on the page of the user's role; one window, raised."""
        from app.ui.ayuda import GuiaDialog, pagina_de

        if getattr(self, "guia", None) is None:
            self.guia = GuiaDialog(self, pagina_de(self._srv.ctx.usuario.rol))
        self.guia.show()
        self.guia.raise_()
        self.guia.activateWindow()

    @Slot()
    def _acerca(self) -> None:
        mensajes.informar(
            self, "Foja — juzgados de coactiva del IESS",
            "Expedientes, sorteo de títulos de crédito, foliación y documentos.", titulo="Acerca de Foja",
        )

    # -- window state -------------------------------------------------------------------------------
    def _restaurar(self) -> None:
        geometria = self.settings.value(CLAVE_GEOMETRIA)
        if isinstance(geometria, QByteArray | bytes):
            self.restoreGeometry(QByteArray(geometria))
        estado = self.settings.value(CLAVE_ESTADO)
        if isinstance(estado, QByteArray | bytes):
            self.restoreState(QByteArray(estado))
        columnas = self.settings.value(CLAVE_COLUMNAS)
        if isinstance(columnas, QByteArray | bytes):
            self.lista.restaurar_encabezado(QByteArray(columnas))

    def guardar_estado(self) -> None:
        self.settings.setValue(CLAVE_GEOMETRIA, self.saveGeometry())
        self.settings.setValue(CLAVE_ESTADO, self.saveState())
        self.settings.setValue(CLAVE_COLUMNAS, self.lista.estado_encabezado())
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        en_curso = tasks.tareas_en_curso()
        if en_curso and not mensajes.confirmar(
            self, "Hay una operación en curso. ¿Cancelarla y salir?",
            "Lo que estaba haciendo no se guardará.", si="Cancelar y salir", no="Seguir trabajando",
        ):
            event.ignore()
            return
        self.sync.detener()
        tasks.cancelar_y_esperar()
        self.guardar_estado()
        if self._srv.ctx.observador == self.difusor.recibir:
            self._srv.ctx.observador = None
        event.accept()
        (self.sesion_cerrada if self._cambiar_usuario else self.cerrada).emit()
