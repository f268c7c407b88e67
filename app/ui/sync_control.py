"""The desktop's side of the sync (design.md §3-4): cycles on a timer and on F9, off the UI thread, one at a
time; the status bar corner; Oficina → Servidor central… and Oficina → Conflictos….

Work never waits for the network: every cycle runs in a background task without a modal dialog (only the
first join from the Servidor central dialog shows progress, since the user is waiting for it). A cycle asked
for while another runs is queued and starts when the first ends. The password typed in the dialog is kept in
memory for this session only; without it libpq reads ``PGPASSWORD`` / ``~/.pgpass``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QWidget

from app.common.dates import utcnow
from app.common.errors import CancelledError
from app.common.progress import Progress
from app.common.text import plural
from app.services.sincronizacion import SincronizacionService
from app.sync.ciclo import ResultadoSync
from app.sync.conexion import SinConexion
from app.ui.conflictos_page import ConflictosDialog
from app.ui.errors import show_error
from app.ui.servidor_dialog import ServidorDialog
from app.ui.sync_estado import EstadoSyncWidget
from app.ui.tasks import Tarea

INTERVALO_MS = 60_000  # a cycle every minute while the program is open (issue 7)
INICIO_MS = 3_000  # the first one shortly after the window opens: what others did meanwhile
RELOJ_MS = 30_000  # «hace N min» stays true


def resumen(r: ResultadoSync) -> str:
    """One status-bar sentence about a cycle."""
    partes = []
    if r.instantanea:
        partes.append(f"se descargó la oficina ({r.recibidos} filas)")
    elif r.recibidos:
        partes.append(f"{plural(r.recibidos, 'cambio recibido')}")
    if r.subida_inicial:
        partes.append(f"se subieron {r.subida_inicial} filas de esta oficina")
    if r.enviados:
        partes.append(f"{plural(r.enviados, 'cambio enviado')}")
    if r.conflictos_nuevos:
        partes.append(f"{plural(len(r.conflictos_nuevos), 'conflicto nuevo')}: Oficina → Conflictos…")
    if r.archivos_pendientes:
        partes.append(f"{plural(r.archivos_pendientes, 'archivo')} por transferir")
    return "Sincronizado" + (": " + "; ".join(partes) if partes else ": sin cambios") + "."


@dataclass
class _Pedido:
    manual: bool
    parent: QWidget | None
    antes: Callable[[], None] | None
    al_terminar: Callable[[ResultadoSync], None] | None
    al_fallar: Callable[[BaseException], None] | None
    clave: str | None = None


class ControlSync(QObject):
    """Owns the timer, the status bar widget and the sync actions of one main window.

    Signals: ``datos_cambiados`` when rows arrived or a conflict was resolved (the window refreshes what it
    shows); ``mensaje(str)`` for the status bar.
    """

    datos_cambiados = Signal()
    mensaje = Signal(str)
    _avance = Signal(str)  # emitted from the worker thread, delivered on the main thread

    def __init__(self, servicio: SincronizacionService, ventana: QWidget) -> None:
        super().__init__(ventana)
        self._servicio = servicio
        self._ventana = ventana
        self.clave: str | None = None
        self.fallo: BaseException | None = None
        self.fase: str | None = None
        self.tarea: Tarea | None = None
        self._cola: list[_Pedido] = []
        self.conflictos_dialogo: ConflictosDialog | None = None
        self.widget = EstadoSyncWidget(ventana)
        self.widget.conflictos_pedidos.connect(self.mostrar_conflictos)
        self._avance.connect(self._al_avanzar)

        self.accion_sincronizar = QAction("Sincronizar &ahora", ventana)
        self.accion_sincronizar.setShortcut(QKeySequence("F9"))
        self.accion_sincronizar.setStatusTip("Enviar los cambios de este equipo y recibir los de la oficina")
        self.accion_sincronizar.triggered.connect(lambda: self.sincronizar(manual=True))
        self.accion_servidor = QAction("Servidor &central…", ventana)
        self.accion_servidor.setStatusTip("Conectar este equipo con la base central de la oficina")
        self.accion_servidor.triggered.connect(self.configurar_servidor)
        self.accion_conflictos = QAction("Con&flictos…", ventana)
        self.accion_conflictos.setStatusTip("Cambios de este equipo que chocaron con los de otro equipo")
        self.accion_conflictos.triggered.connect(self.mostrar_conflictos)

        self.timer = QTimer(self)
        self.timer.setInterval(INTERVALO_MS)
        self.timer.timeout.connect(self._automatico)
        self.reloj = QTimer(self)
        self.reloj.setInterval(RELOJ_MS)
        self.reloj.timeout.connect(self.refrescar)
        self.reloj.start()
        self.timer.start()
        QTimer.singleShot(INICIO_MS, self, self._automatico)
        self.refrescar()

    def agregar_menu(self, menu: QMenu) -> None:
        """Put the sync actions at the end of the Oficina menu."""
        menu.addSeparator()
        for a in (self.accion_sincronizar, self.accion_servidor, self.accion_conflictos):
            menu.addAction(a)
        self.accion_sincronizar.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self._ventana.addAction(self.accion_sincronizar)  # F9 works wherever the focus is in the window

    def detener(self) -> None:
        """The window closes: no further cycles (a running one is cancelled with the other tasks)."""
        self.timer.stop()
        self.reloj.stop()
        self._cola.clear()

    # -- state ----------------------------------------------------------------------------------------
    @Slot()
    def refrescar(self) -> None:
        """Read the local state again (cheap: three local queries) and show it."""
        estado = self._servicio.estado()
        self.widget.mostrar(estado, self.fallo, self.fase, utcnow())
        self.accion_sincronizar.setEnabled(estado.unido)
        self.accion_conflictos.setEnabled(estado.unido or estado.conflictos > 0)

    def en_curso(self) -> bool:
        return self.tarea is not None

    @Slot(str)
    def _al_avanzar(self, fase: str) -> None:
        if self.tarea is not None:
            self.fase = fase or "Sincronizando…"
            self.refrescar()

    # -- cycles ---------------------------------------------------------------------------------------
    @Slot()
    def _automatico(self) -> None:
        if self.timer.isActive() and self.tarea is None and self._servicio.servidor() is not None:
            self.sincronizar()

    def sincronizar(self, *, manual: bool = False, parent: QWidget | None = None,
                    antes: Callable[[], None] | None = None,
                    al_terminar: Callable[[ResultadoSync], None] | None = None,
                    al_fallar: Callable[[BaseException], None] | None = None,
                    clave: str | None = None) -> None:
        """Run one cycle in the background, queued behind a running one (plain requests — F9, the timer —
        coalesce into one queued cycle). ``parent``: a window that waits for it and shows its progress dialog
        (the first join);
        ``antes``: work run first on the same background thread (changing the one-time password);
        ``manual``: the user asked (F9): a failure is shown in a message box, not only in the status bar;
        ``clave``: the password for this cycle (default: the one kept for the session)."""
        pedido = _Pedido(manual, parent, antes, al_terminar, al_fallar, clave)
        if self.tarea is None:
            self._iniciar(pedido)
            return
        simple = parent is None and antes is None and al_terminar is None and al_fallar is None and clave is None
        igual = next((q for q in self._cola if q.parent is None and q.antes is None and q.al_terminar is None
                      and q.al_fallar is None and q.clave is None), None)
        if simple and igual is not None:  # F9 pressed again, or the timer: one more cycle is already waiting
            igual.manual = igual.manual or manual
        else:
            self._cola.append(pedido)

    def _iniciar(self, p: _Pedido) -> None:
        clave = p.clave if p.clave is not None else self.clave
        servicio = self._servicio

        def trabajo(progress: Progress) -> ResultadoSync:
            def informar(hecho: int, total: int, texto: str) -> None:
                progress.step(hecho, total, texto)  # raises CancelledError when cancelled
                self._avance.emit(texto)

            if p.antes is not None:
                p.antes()
            return servicio.sincronizar(clave, Progress(callback=informar, cancel=progress.cancel_event))

        ventana = p.parent if p.parent is not None else self._ventana
        tarea = Tarea(ventana, "Sincronizando con el servidor central…", trabajo, silenciosa=p.parent is None)
        tarea.terminada.connect(lambda r: self._terminado(p, r))
        tarea.fallida.connect(lambda e: self._fallido(p, e))
        tarea.finalizada.connect(self._siguiente)
        self.tarea = tarea
        self.fase = "Sincronizando…"
        self.refrescar()
        tarea.iniciar()

    def _terminado(self, p: _Pedido, r: ResultadoSync) -> None:
        self.fallo = None
        self.tarea, self.fase = None, None
        self.refrescar()
        if r.recibidos or r.instantanea or r.conflictos_nuevos:
            self.datos_cambiados.emit()
            if self.conflictos_dialogo is not None and self.conflictos_dialogo.isVisible():
                self.conflictos_dialogo.cargar()
        if p.manual or p.parent is not None or r.conflictos_nuevos:
            self.mensaje.emit(resumen(r))
        if p.parent is not None and self._servicio.estado().pendientes:
            # A join can leave a change of its own (the password hash for offline login): send it right away.
            self.sincronizar()
        if p.al_terminar is not None:
            p.al_terminar(r)

    def _fallido(self, p: _Pedido, exc: BaseException) -> None:
        self.tarea, self.fase = None, None
        if not isinstance(exc, CancelledError):
            self.fallo = exc
        self.refrescar()
        if p.al_fallar is not None:
            p.al_fallar(exc)
        elif p.manual and not isinstance(exc, CancelledError):
            show_error(self._ventana, exc)
            if isinstance(exc, SinConexion) and "contraseña" in exc.message:
                self.configurar_servidor()  # the password of this session, typed where the server is set

    @Slot()
    def _siguiente(self) -> None:
        if self.tarea is None and self._cola:
            self._iniciar(self._cola.pop(0))

    # -- dialogs --------------------------------------------------------------------------------------
    @Slot()
    def configurar_servidor(self) -> None:
        dlg = ServidorDialog(self._servicio, self, self._ventana)
        dlg.exec()
        dlg.deleteLater()
        self._ventana.activateWindow()

    @Slot()
    def mostrar_conflictos(self) -> None:
        """Open (or bring forward) the Conflictos window; it stays open beside the work."""
        if self.conflictos_dialogo is None:
            self.conflictos_dialogo = ConflictosDialog(self._servicio, self._ventana)
            self.conflictos_dialogo.resuelto.connect(self._resuelto)
            self.conflictos_dialogo.addAction(self.accion_sincronizar)  # F9 from the Conflictos window too
        self.conflictos_dialogo.cargar()
        self.conflictos_dialogo.show()
        self.conflictos_dialogo.raise_()
        self.conflictos_dialogo.activateWindow()

    @Slot(str)
    def _resuelto(self, texto: str) -> None:
        self.refrescar()
        self.datos_cambiados.emit()
        self.mensaje.emit(texto)
        # The resolution is a local change: send it now rather than in a minute.
        if self._servicio.servidor() is not None:
            self.sincronizar()
