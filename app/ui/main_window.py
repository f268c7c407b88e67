"""The main window: menus, shortcuts, status bar and the pages (list, expediente, vencimientos, secretarios)."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings, Qt, Slot
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QDialog, QDockWidget, QFrame, QLabel, QMainWindow, QStackedWidget, QWidget

from app.common.text import plural
from app.domain.permisos import Permiso, Rol
from app.services.bootstrap import Servicios
from app.services.sesion import cedula_del_secretario
from app.ui import inicio, mensajes, tasks
from app.ui.auditoria_page import AuditoriaPage
from app.ui.bienes_page import BienesPage
from app.ui.cambiar_clave_dialog import CambiarClaveDialog
from app.ui.errors import protegido
from app.ui.expediente_page import ExpedientePage
from app.ui.expedientes_page import ExpedientesPage
from app.ui.exportar import ExportarLista
from app.ui.honorarios_page import HonorariosPage
from app.ui.import_action import ImportarTitulos
from app.ui.lote_action import GenerarLote
from app.ui.opi_lote_action import GenerarOpiLote
from app.ui.plantillas_page import PlantillasDialog
from app.ui.secretarios_page import SecretariosPage
from app.ui.sorteo_dialog import SorteoDialog
from app.ui.sync_control import ControlSync
from app.ui.tablero_page import TableroPage
from app.ui.tarifa_honorarios_dialog import TarifaHonorariosDialog
from app.ui.usuarios_page import UsuariosPage
from app.ui.vencimientos_page import VencimientosPage
from app.ui.vencimientos_panel import VencimientosPanel
from app.ui.verificar_action import VerificarOficina

ORGANIZACION = "IESS"
APLICACION = "Foja"
CLAVE_GEOMETRIA = "ventana/geometria"
CLAVE_ESTADO = "ventana/estado"
CLAVE_COLUMNAS = "expedientes/columnas"


def _accion(parent: QWidget, texto: str, atajo: str | None = None, ayuda: str = "") -> QAction:
    a = QAction(texto, parent)
    if atajo is not None:
        a.setShortcut(QKeySequence(atajo))
    if ayuda:
        a.setStatusTip(ayuda)
    return a


class MainWindow(QMainWindow):
    def __init__(self, servicios: Servicios, settings: QSettings | None = None) -> None:
        super().__init__()
        self._srv = servicios
        self.settings = settings if settings is not None else QSettings(ORGANIZACION, APLICACION)
        self.setObjectName("ventanaPrincipal")
        oficina = servicios.oficina.datos()
        self.setWindowTitle(oficina.nombre)  # Qt adds « — Foja» (the application display name)
        self.resize(1280, 800)

        self.lista = ExpedientesPage(servicios, self)
        self.expediente = ExpedientePage(servicios, self)
        self.secretarios = SecretariosPage(servicios, self)
        self.vencimientos = VencimientosPage(servicios, self)
        self.usuarios = UsuariosPage(servicios.usuarios, self)
        self.auditoria = AuditoriaPage(servicios.auditoria, self, self.settings)
        self.tablero = TableroPage(servicios.tablero, self)
        self.bienes = BienesPage(servicios, self)
        self.honorarios = HonorariosPage(servicios, self)
        self._origen: QWidget = self.lista  # where «Volver» from the expediente goes
        self.paginas = QStackedWidget(self)
        for p in (self.lista, self.expediente, self.secretarios, self.vencimientos, self.usuarios, self.auditoria,
                  self.tablero, self.bienes, self.honorarios):
            self.paginas.addWidget(p)
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
        self.expediente.volver.connect(self.volver_del_expediente)
        self.expediente.mensaje.connect(self._aviso)
        self.expediente.cambiado.connect(lambda _n: self.lista.cargar())
        self.secretarios.volver.connect(self.mostrar_lista)
        self.secretarios.mensaje.connect(self._aviso)
        self.importador.importado.connect(lambda _r: self.lista.cargar())
        self.opi_lote.terminado.connect(self.lista.cargar)
        self.lote.terminado.connect(self.lista.cargar)
        self.vencimientos.abrir.connect(self.abrir_expediente)
        self.vencimientos.volver.connect(self.mostrar_lista)
        self.vencimientos.mensaje.connect(self._aviso)
        for p in (self.usuarios, self.auditoria, self.tablero, self.bienes, self.honorarios):
            p.volver.connect(self.mostrar_lista)
        # The dashboard follows every write that changes its figures (import, sorteo, payment, act, batch).
        self.tablero.abrir.connect(self.abrir_expediente)
        self.tablero.mensaje.connect(self._aviso)
        self.importador.importado.connect(lambda _r: self.tablero.refrescar())
        self.expediente.cambiado.connect(lambda _n: self.tablero.refrescar())
        self.opi_lote.terminado.connect(self.tablero.refrescar)
        self.lote.terminado.connect(self.tablero.refrescar)
        self.honorarios.mensaje.connect(self._aviso)
        self.honorarios.abrir.connect(self.abrir_expediente)
        self.usuarios.mensaje.connect(self._aviso)
        self.bienes.abrir.connect(self.abrir_expediente)
        self.bienes.mensaje.connect(self._aviso)
        self.sync.datos_cambiados.connect(self.actualizar)
        self.sync.mensaje.connect(self._aviso)
        self.auditoria.mensaje.connect(self._aviso)
        self.panel_vencimientos: VencimientosPanel | None = None
        if inicio.con_panel_vencimientos(usuario):  # the secretario-abogado: his vencimientos beside his list
            self.panel_vencimientos = VencimientosPanel(
                servicios.vencimientos, cedula_del_secretario(servicios, usuario), self)
            self.panel_vencimientos.abrir.connect(self.abrir_expediente)
            dock = QDockWidget("Mis vencimientos", self)
            dock.setObjectName("dockVencimientos")
            dock.setWidget(self.panel_vencimientos)
            self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
        self.paginas.currentChanged.connect(lambda _i: self._habilitar())

        self._restaurar()
        self.lista.cargar()
        if self.panel_vencimientos is not None:
            self.panel_vencimientos.cargar()
        if not usuario.sistema:  # each role opens on its own work (the command line's captures keep the list)
            self.mostrar_pagina(inicio.pagina_inicial(usuario.rol))
        self._habilitar()
        self._alertar_informes()

    # -- menus and shortcuts ------------------------------------------------------------------------
    def _menus(self) -> None:
        mb = self.menuBar()
        archivo = mb.addMenu("&Archivo")
        archivo.addAction(self.importador.accion)
        archivo.addAction(self.exportador.accion)
        archivo.addSeparator()
        self.accion_clave = _accion(self, "Cambiar mi &contraseña…", None, "Elegir una contraseña nueva")
        self.accion_clave.triggered.connect(self.cambiar_clave)
        self.accion_clave.setVisible(not self._srv.ctx.usuario.sistema)
        archivo.addAction(self.accion_clave)
        archivo.addSeparator()
        self.accion_salir = _accion(self, "&Salir", "Ctrl+Q", "Cerrar Foja")
        self.accion_salir.setMenuRole(QAction.MenuRole.QuitRole)
        self.accion_salir.triggered.connect(self.close)
        archivo.addAction(self.accion_salir)

        expedientes = mb.addMenu("&Expedientes")
        self.accion_buscar = _accion(self, "&Buscar…", "Ctrl+F", "Buscar por número, nombre o cédula/RUC")
        self.accion_buscar.triggered.connect(self.buscar)
        self.accion_abrir = _accion(self, "&Abrir expediente", "Ctrl+O", "Abrir el expediente seleccionado")
        self.accion_abrir.triggered.connect(self.lista.abrir_seleccionado)
        self.accion_actualizar = _accion(self, "Ac&tualizar", "F5", "Volver a leer los datos")
        self.accion_actualizar.triggered.connect(self.actualizar)
        self.accion_volver = _accion(self, "&Volver a la lista", "Esc", "Volver a la lista de expedientes")
        self.accion_volver.triggered.connect(self.volver)
        self.accion_vencimientos = _accion(self, "&Vencimientos", "Ctrl+T",
                                           "Términos y plazos que vencen hoy, esta semana y los vencidos")
        self.accion_vencimientos.triggered.connect(self.mostrar_vencimientos)
        for a in (self.accion_buscar, self.accion_abrir, self.accion_volver, self.accion_vencimientos):
            expedientes.addAction(a)
        expedientes.addSeparator()
        self.menu_documento = expedientes.addMenu(self.expediente.menu_documentos)
        expedientes.addAction(self.lote.accion)
        expedientes.addAction(self.opi_lote.accion)
        expedientes.addSeparator()
        expedientes.addAction(self.accion_actualizar)

        sorteo = mb.addMenu("&Sorteo")
        self.accion_sorteo = _accion(self, "&Realizar sorteo…", None,
                                     "Sortear los títulos pendientes entre los secretarios-abogados activos")
        self.accion_sorteo.triggered.connect(self.realizar_sorteo)
        sorteo.addAction(self.accion_sorteo)
        self.menu_sorteo = sorteo

        oficina = mb.addMenu("&Oficina")
        self.accion_secretarios = _accion(self, "&Secretarios-abogados", None,
                                          "Registrar, activar o desactivar secretarios-abogados")
        self.accion_secretarios.triggered.connect(self.mostrar_secretarios)
        oficina.addAction(self.accion_secretarios)
        self.accion_plantillas = _accion(self, "&Plantillas…", None,
                                         "Plantillas .docx de los documentos: reemplazar, vista previa, restaurar")
        self.accion_plantillas.triggered.connect(self.abrir_plantillas)
        oficina.addAction(self.accion_plantillas)
        self.accion_datos_oficina = _accion(self, "&Datos de la oficina…", None,
                                            "Funcionario ejecutor y jefe: nombre, cargo y género de quienes firman")
        self.accion_datos_oficina.triggered.connect(lambda: self._dialogo_oficina("OficinaDialog"))
        oficina.addAction(self.accion_datos_oficina)
        self.accion_tasas = _accion(self, "T&asas de interés…", None, "Tabla mensual de tasas con su fuente")
        self.accion_tasas.triggered.connect(lambda: self._dialogo_oficina("TasasDialog"))
        oficina.addAction(self.accion_tasas)
        oficina.addSeparator()
        self.accion_tablero = _accion(self, "&Tablero de la oficina", None,
                                      "Expedientes y cuantías por etapa y por secretario-abogado")
        self.accion_tablero.triggered.connect(lambda: self.mostrar_pagina(inicio.TABLERO))
        self.accion_usuarios = _accion(self, "&Usuarios", None,
                                       "Crear usuarios, restablecer contraseñas, desbloquear, desactivar")
        self.accion_usuarios.triggered.connect(lambda: self.mostrar_pagina(inicio.USUARIOS))
        self.accion_auditoria = _accion(self, "&Auditoría", None, "Quién hizo qué y cuándo; exportar a Excel")
        self.accion_auditoria.triggered.connect(lambda: self.mostrar_pagina(inicio.AUDITORIA))
        self.accion_bienes = _accion(self, "&Bienes embargados y depositarios", "Ctrl+Shift+B",
                                     "Inventario de bienes, informes de depositarios vencidos, exportar a Excel")
        self.accion_bienes.triggered.connect(lambda: self.mostrar_pagina(inicio.BIENES))
        self.accion_honorarios = _accion(self, "&Honorarios", "Ctrl+Shift+H",
                                         "Solicitudes de honorarios: revisar, aprobar, pagar, exportar")
        self.accion_honorarios.triggered.connect(self.mostrar_honorarios)
        self.accion_tarifa_honorarios = _accion(self, "Tarifa de &honorarios…", None,
                                                "Tarifa e IVA con vigencias, suspensiones legales, cobro al coactivado")
        self.accion_tarifa_honorarios.triggered.connect(self.abrir_tarifa_honorarios)
        for a in (self.accion_tablero, self.accion_bienes, self.accion_honorarios, self.accion_usuarios,
                  self.accion_auditoria, self.accion_tarifa_honorarios):
            oficina.addAction(a)
        oficina.addAction(self.verificacion.accion)
        self.sync.agregar_menu(oficina)
        # The menus follow the role (the services refuse anyway: this only spares a refusal).
        inicio.aplicar_permisos({
            self.importador.accion: Permiso.TITULOS_IMPORTAR,
            self.accion_sorteo: Permiso.SORTEO_REALIZAR,
            self.accion_secretarios: Permiso.SECRETARIOS_ADMINISTRAR,
            self.accion_plantillas: Permiso.PLANTILLAS_EDITAR,
            self.accion_datos_oficina: Permiso.OFICINA_CONFIGURAR,
            self.accion_tasas: Permiso.TARIFAS_EDITAR,
            self.accion_usuarios: Permiso.USUARIOS_ADMINISTRAR,
            self.accion_auditoria: Permiso.AUDITORIA_VER,
            self.accion_tarifa_honorarios: Permiso.TARIFAS_EDITAR,
        }, self._srv.ctx.usuario)
        self.accion_honorarios.setVisible(self._srv.ctx.usuario.puede(Permiso.EXPEDIENTE_TRAMITAR)
                                          or self._srv.ctx.usuario.puede(Permiso.HONORARIOS_APROBAR))
        self.menu_sorteo.menuAction().setVisible(self.accion_sorteo.isVisible())

        ayuda = mb.addMenu("A&yuda")
        self.accion_guia = _accion(self, "&Guía de uso", "F1",
                                   "La guía de las tareas de su rol, con capturas (sin conexión)")
        self.accion_guia.triggered.connect(self.mostrar_guia)
        ayuda.addAction(self.accion_guia)
        acerca = _accion(self, "&Acerca de Foja")
        acerca.setMenuRole(QAction.MenuRole.AboutRole)
        acerca.triggered.connect(self._acerca)
        ayuda.addAction(acerca)

        for a in (self.accion_buscar, self.accion_abrir, self.accion_actualizar, self.accion_volver,
                  self.accion_vencimientos, self.lote.accion, self.accion_guia):
            a.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            self.addAction(a)

    def _habilitar(self) -> None:
        actual = self.paginas.currentWidget()
        self.conteo.setVisible(actual is self.lista)
        self.separador.setVisible(actual is self.lista)
        self.accion_abrir.setEnabled(actual is self.lista)
        self.opi_lote.habilitar(actual is self.lista)
        self.lote.habilitar(actual is self.lista)
        self.menu_documento.setEnabled(actual is self.expediente)
        self.accion_volver.setEnabled(actual is not self.lista)

    # -- navigation ---------------------------------------------------------------------------------
    @Slot(str)
    @protegido
    def abrir_expediente(self, numero: str) -> None:
        self.expediente.mostrar(numero)
        actual = self.paginas.currentWidget()
        if actual is not self.expediente:
            self._origen = self.vencimientos if actual is self.vencimientos else self.lista
        self.expediente.boton_volver.setText(
            "← Volver a vencimientos" if self._origen is self.vencimientos else "← Volver a la lista")
        self.paginas.setCurrentWidget(self.expediente)
        self.expediente.tabla.setFocus()

    @Slot()
    def volver_del_expediente(self) -> None:
        if self._origen is self.vencimientos:
            self.mostrar_vencimientos()
        else:
            self.mostrar_lista()

    @Slot()
    def volver(self) -> None:
        """Esc: from the expediente back where it was opened from; from any other page to the list."""
        if self.paginas.currentWidget() is self.expediente:
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
        dlg = PlantillasDialog(self._srv, self)
        dlg.exec()
        dlg.deleteLater()
        self.activateWindow()

    @Slot()
    def mostrar_lista(self) -> None:
        volvio_de = self.paginas.currentWidget()
        self.paginas.setCurrentWidget(self.lista)
        self.lista.tabla.setFocus()
        if volvio_de is self.expediente and self.expediente.numero:
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
        pagina = {inicio.USUARIOS: self.usuarios, inicio.AUDITORIA: self.auditoria, inicio.TABLERO: self.tablero,
                  inicio.BIENES: self.bienes}[nombre]
        if isinstance(pagina, UsuariosPage | AuditoriaPage | BienesPage):
            pagina.cargar()
        elif isinstance(pagina, TableroPage):
            pagina.refrescar()  # reads again only if something was committed since it was last shown
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
        dlg = TarifaHonorariosDialog(self._srv.honorarios_tarifa, self)
        dlg.exec()
        dlg.deleteLater()

    @Slot()
    @protegido
    def cambiar_clave(self) -> None:
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
        actual = self.paginas.currentWidget()
        if actual is self.expediente:
            self.expediente.actualizar()
        elif actual is self.secretarios:
            self.secretarios.cargar()
        elif actual is self.vencimientos:
            self.vencimientos.cargar()
        elif actual in (self.usuarios, self.auditoria, self.tablero, self.bienes, self.honorarios):
            actual.cargar()
        if actual is not self.tablero:  # F5 or rows pulled by the sync: the dashboard reloads when next shown
            self.tablero.refrescar()
        if self.panel_vencimientos is not None:
            self.panel_vencimientos.cargar()
        self.lista.cargar()
        self._aviso("Datos actualizados.")

    @Slot()
    @protegido
    def realizar_sorteo(self) -> None:
        dlg = SorteoDialog(self._srv, self)
        dlg.sorteo_realizado.connect(lambda _r: self.lista.cargar())
        dlg.sorteo_realizado.connect(lambda _r: self.tablero.refrescar())
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
        event.accept()
