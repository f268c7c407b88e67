"""The main window's menus and shortcuts (a part of :class:`app.ui.main_window.MainWindow`, kept apart so
that the window's module holds its state and navigation). Every action is an attribute of the window
(``accion_*``), so tests and the pages reach them by name."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QWidget

from app.domain.permisos import Permiso
from app.ui import inicio


def accion(parent: QWidget, texto: str, atajo: str | None = None, ayuda: str = "") -> QAction:
    """A QAction with its shortcut (``"Ctrl+E"``) and the status-bar help."""
    a = QAction(texto, parent)
    if atajo is not None:
        a.setShortcut(QKeySequence(atajo))
    if ayuda:
        a.setStatusTip(ayuda)
    return a



if TYPE_CHECKING:
    _Base = Any
else:
    _Base = object


class MenusVentana(_Base):
    """Mixin of the main window: builds its menu bar (``_menus``), called once from ``MainWindow.__init__``."""

    # -- menus and shortcuts ------------------------------------------------------------------------
    def _menus(self) -> None:
        mb = self.menuBar()
        archivo = mb.addMenu("&Archivo")
        archivo.addAction(self.importador.accion)
        archivo.addAction(self.exportador.accion)
        archivo.addSeparator()
        self.accion_clave = accion(self, "Cambiar mi &contraseña…", None, "Elegir una contraseña nueva")
        self.accion_clave.triggered.connect(self.cambiar_clave)
        self.accion_clave.setVisible(not self._srv.ctx.usuario.sistema)
        archivo.addAction(self.accion_clave)
        self.accion_cerrar_sesion = accion(self, "Cerrar &sesión", "Ctrl+Shift+L",
                                            "Volver a la pantalla de ingreso para que entre otro usuario")
        self.accion_cerrar_sesion.triggered.connect(self.cerrar_sesion)
        self.accion_cerrar_sesion.setVisible(not self._srv.ctx.usuario.sistema)
        archivo.addAction(self.accion_cerrar_sesion)
        archivo.addSeparator()
        self.accion_salir = accion(self, "&Salir", "Ctrl+Q", "Cerrar Foja")
        self.accion_salir.setMenuRole(QAction.MenuRole.QuitRole)
        self.accion_salir.triggered.connect(self.close)
        archivo.addAction(self.accion_salir)

        expedientes = mb.addMenu("&Expedientes")
        self.accion_buscar = accion(self, "&Buscar…", "Ctrl+F", "Buscar por número, nombre o cédula/RUC")
        self.accion_buscar.triggered.connect(self.buscar)
        self.accion_abrir = accion(self, "&Abrir expediente", "Ctrl+O", "Abrir el expediente seleccionado")
        self.accion_abrir.triggered.connect(self.lista.abrir_seleccionado)
        self.accion_actualizar = accion(self, "Ac&tualizar", "F5", "Volver a leer los datos")
        self.accion_actualizar.triggered.connect(self.actualizar)
        self.accion_volver = accion(self, "&Volver a la lista", "Esc", "Volver a la lista de expedientes")
        self.accion_volver.triggered.connect(self.volver)
        self.accion_vencimientos = accion(self, "&Vencimientos", "Ctrl+T",
                                           "Términos y plazos que vencen hoy, esta semana y los vencidos")
        self.accion_vencimientos.triggered.connect(self.mostrar_vencimientos)
        for a in (self.accion_buscar, self.accion_abrir, self.accion_volver, self.accion_vencimientos):
            expedientes.addAction(a)
        expedientes.addSeparator()
        # The expediente page's «Generar documento» menu, put here when that page is built (it is enabled
        # only while the page is shown); until then a disabled stand-in keeps its place.
        self.menu_documento = expedientes.addMenu(QMenu("&Generar documento", self))
        self._menu_expedientes = expedientes
        expedientes.addAction(self.lote.accion)
        expedientes.addAction(self.opi_lote.accion)
        self.accion_por_notificar = accion(self, "&Notificaciones pendientes", None,
                                            "Juicios con un requerimiento o una orden de pago por notificar")
        self.accion_por_notificar.triggered.connect(lambda: self.mostrar_pagina(inicio.POR_NOTIFICAR))
        expedientes.addAction(self.accion_por_notificar)
        expedientes.addSeparator()
        expedientes.addAction(self.accion_actualizar)

        self.menu_ver = mb.addMenu("&Ver")

        sorteo = mb.addMenu("&Sorteo")
        self.accion_sorteo = accion(self, "&Realizar sorteo…", None,
                                     "Sortear los títulos pendientes entre los secretarios-abogados activos")
        self.accion_sorteo.triggered.connect(self.realizar_sorteo)
        sorteo.addAction(self.accion_sorteo)
        self.menu_sorteo = sorteo

        oficina = mb.addMenu("&Oficina")
        self.accion_secretarios = accion(self, "&Secretarios-abogados", None,
                                          "Registrar, activar o desactivar secretarios-abogados")
        self.accion_secretarios.triggered.connect(self.mostrar_secretarios)
        oficina.addAction(self.accion_secretarios)
        self.accion_plantillas = accion(self, "&Plantillas…", None,
                                         "Plantillas .docx de los documentos: reemplazar, vista previa, restaurar")
        self.accion_plantillas.triggered.connect(self.abrir_plantillas)
        oficina.addAction(self.accion_plantillas)
        self.accion_datos_oficina = accion(self, "&Datos de la oficina…", None,
                                            "Funcionario ejecutor y jefe: nombre, cargo y género de quienes firman")
        self.accion_datos_oficina.triggered.connect(lambda: self._dialogo_oficina("OficinaDialog"))
        oficina.addAction(self.accion_datos_oficina)
        self.accion_tasas = accion(self, "T&asas de interés…", None, "Tabla mensual de tasas con su fuente")
        self.accion_tasas.triggered.connect(lambda: self._dialogo_oficina("TasasDialog"))
        oficina.addAction(self.accion_tasas)
        oficina.addSeparator()
        self.accion_tablero = accion(self, "&Tablero de la oficina", None,
                                      "Expedientes y cuantías por etapa y por secretario-abogado")
        self.accion_tablero.triggered.connect(lambda: self.mostrar_pagina(inicio.TABLERO))
        self.accion_usuarios = accion(self, "&Usuarios", None,
                                       "Crear usuarios, restablecer contraseñas, desbloquear, desactivar")
        self.accion_usuarios.triggered.connect(lambda: self.mostrar_pagina(inicio.USUARIOS))
        self.accion_auditoria = accion(self, "&Auditoría", None, "Quién hizo qué y cuándo; exportar a Excel")
        self.accion_auditoria.triggered.connect(lambda: self.mostrar_pagina(inicio.AUDITORIA))
        self.accion_bienes = accion(self, "&Bienes embargados y depositarios", "Ctrl+Shift+B",
                                     "Inventario de bienes, informes de depositarios vencidos, exportar a Excel")
        self.accion_bienes.triggered.connect(lambda: self.mostrar_pagina(inicio.BIENES))
        self.accion_honorarios = accion(self, "&Honorarios", "Ctrl+Shift+H",
                                         "Solicitudes de honorarios: revisar, aprobar, pagar, exportar")
        self.accion_honorarios.triggered.connect(self.mostrar_honorarios)
        self.accion_tarifa_honorarios = accion(self, "Tarifa de &honorarios…", None,
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
            self.accion_por_notificar: Permiso.NOTIFICACION_REGISTRAR,
            self.opi_lote.accion: Permiso.EXPEDIENTE_TRAMITAR,
            self.lote.accion: Permiso.EXPEDIENTE_TRAMITAR,
        }, self._srv.ctx.usuario)
        self.accion_honorarios.setVisible(self._srv.ctx.usuario.puede(Permiso.EXPEDIENTE_TRAMITAR)
                                          or self._srv.ctx.usuario.puede(Permiso.HONORARIOS_APROBAR))
        self.menu_sorteo.menuAction().setVisible(self.accion_sorteo.isVisible())

        ayuda = mb.addMenu("A&yuda")
        self.accion_guia = accion(self, "&Guía de uso", "F1",
                                   "La guía de las tareas de su rol, con capturas (sin conexión)")
        self.accion_guia.triggered.connect(self.mostrar_guia)
        ayuda.addAction(self.accion_guia)
        acerca = accion(self, "&Acerca de Foja")
        acerca.setMenuRole(QAction.MenuRole.AboutRole)
        acerca.triggered.connect(self._acerca)
        ayuda.addAction(acerca)

        for a in (self.accion_buscar, self.accion_abrir, self.accion_actualizar, self.accion_volver,
                  self.accion_vencimientos, self.lote.accion, self.accion_guia):
            a.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            self.addAction(a)
