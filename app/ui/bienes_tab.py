"""«Bienes» tab of the expediente: the goods seized in the juicio and every act on them — register (with
photos), appoint the depositario (acta de posesión), reports, perito and avalúo, remate (aviso, posturas,
adjudicación), return or release, and each good's history."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QSize, Slot
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from app.common.dates import local_today
from app.common.text import plural
from app.domain.bienes import BAJO_CUSTODIA, FINALES, EstadoBien
from app.services.bienes import DesproporcionError
from app.services.bienes_comun import DatosBien
from app.services.bootstrap import Servicios
from app.services.remates import DatosRemate
from app.ui import formato, mensajes
from app.ui.bien_dialogs import (
    AvaluoDialog,
    ConvocarRemateDialog,
    DesignarDepositarioDialog,
    InformeDialog,
    PeritoDialog,
    PosturaDialog,
    RegistrarBienDialog,
    TerminarDialog,
    fecha,
    repetir_hasta_guardar,
)
from app.ui.bienes_model import (
    COL_BIEN,
    COL_DEPOSITARIO,
    COL_ESTADO,
    COL_IDENT,
    COL_INFORME,
    COL_UBICACION,
    COL_VALOR,
    MINI,
    BienesModel,
)
from app.ui.errors import protegido
from app.ui.ficha_bien_dialog import FichaBienDialog
from app.ui.pestana import Pestana, anchos, nota, tabla


def _lista(bienes: list[DatosBien]) -> str:
    return "; ".join(b.descripcion for b in bienes)


class BienesTab(Pestana):
    TITULO = "&Bienes"

    def __init__(self, servicios: Servicios, parent: QWidget | None = None) -> None:
        super().__init__(servicios, parent)
        self.model = BienesModel(servicios.bienes.foto, self)
        self.tabla = tabla(self, self.model, COL_BIEN, seleccion_multiple=True)
        self.tabla.setProperty("exportar_como", "Bienes")  # Ctrl+E (app.ui.exportar)
        self.tabla.setObjectName("tablaBienesExpediente")
        for col in (1, 2):
            self.tabla.hideColumn(col)  # the juicio and its debtor are the page's own
        self.tabla.setIconSize(QSize(MINI, MINI))
        self.tabla.verticalHeader().setDefaultSectionSize(MINI + 6)
        anchos(self.tabla, {COL_IDENT: 24, COL_ESTADO: 10, COL_DEPOSITARIO: 18, COL_UBICACION: 16, COL_VALOR: 10,
                            COL_INFORME: 18})
        self.tabla.selectionModel().selectionChanged.connect(lambda *_: self._habilitar())
        self.tabla.doubleClicked.connect(lambda _i: self.ver_historia())
        self.botones: dict[str, QPushButton] = {}
        fila1, fila2 = QHBoxLayout(), QHBoxLayout()
        for clave, texto, slot, fila in (
            ("registrar", "Registrar bien…", self.registrar, fila1),
            ("designar", "Designar depositario…", self.designar, fila1),
            ("informe", "Registrar informe…", self.informe, fila1),
            ("historia", "Ver historia…", self.ver_historia, fila1),
            ("terminar", "Devolver o levantar…", self.terminar, fila1),
            ("perito", "Designar perito…", self.perito, fila2),
            ("avaluo", "Registrar avalúo…", self.avaluo, fila2),
            ("convocar", "Convocar remate…", self.convocar, fila2),
            ("postura", "Registrar postura…", self.postura, fila2),
            ("adjudicar", "Adjudicar remate", self.adjudicar, fila2),
            ("desierto", "Declarar desierto", self.desierto, fila2),
        ):
            b = QPushButton(texto, self)
            b.setObjectName(f"boton_{clave}")
            b.clicked.connect(slot)
            self.botones[clave] = b
            fila.addWidget(b)
        fila1.addStretch(1)
        fila2.addStretch(1)
        self.resumen = nota(self)
        self.resumen.setObjectName("resumenBienes")
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addLayout(fila1)
        lay.addLayout(fila2)
        lay.addWidget(self.tabla, 1)
        lay.addWidget(self.resumen)
        self._remates: list[DatosRemate] = []
        self._habilitar()

    def cargar(self) -> None:
        if not self.numero:
            return
        bienes = self._srv.bienes.listar(self.numero)
        self.model.set_filas(bienes)
        self._remates = self._srv.remates.listar(self.numero)
        vivos = [b for b in bienes if b.estado not in FINALES]
        valor = sum((b.avaluo or b.valor_estimado or Decimal("0") for b in vivos), Decimal("0"))
        convocado = self._convocado()
        texto = (f"{plural(len(bienes), 'bien')}, {plural(len(vivos), 'vigente')} por USD {formato.usd(valor)}."
                 if bienes else "No hay bienes registrados: registre los del acta de embargo o secuestro.")
        if convocado is not None:
            texto += (f" Remate convocado para el {formato.fecha(convocado.fecha_remate)}, base USD "
                      f"{formato.usd(convocado.base)}, {plural(len(convocado.posturas), 'postura')}.")
        self.resumen.setText(texto)
        self._habilitar()

    def _convocado(self) -> DatosRemate | None:
        return next((r for r in reversed(self._remates) if r.estado == "CONVOCADO"), None)

    def seleccionados(self) -> list[DatosBien]:
        filas = sorted({i.row() for i in self.tabla.selectionModel().selectedRows()})
        return [self.model.fila(r) for r in filas]

    def seleccionar(self, bien_id: object) -> None:
        for r, b in enumerate(self.model.filas()):
            if b.id == bien_id:
                self.tabla.selectRow(r)

    def _habilitar(self) -> None:
        sel = self.seleccionados()
        uno = sel[0] if len(sel) == 1 else None
        vivos = bool(sel) and all(b.estado not in FINALES for b in sel)
        self.botones["registrar"].setEnabled(bool(self.numero))
        self.botones["designar"].setEnabled(vivos)
        self.botones["informe"].setEnabled(uno is not None and uno.estado in BAJO_CUSTODIA)
        self.botones["historia"].setEnabled(uno is not None)
        self.botones["terminar"].setEnabled(uno is not None and uno.estado not in FINALES)
        self.botones["perito"].setEnabled(vivos)
        self.botones["avaluo"].setEnabled(uno is not None and uno.estado in (EstadoBien.EN_CUSTODIA,
                                                                              EstadoBien.AVALUADO))
        self.botones["convocar"].setEnabled(bool(sel) and all(b.estado is EstadoBien.AVALUADO for b in sel))
        convocado = self._convocado()
        self.botones["postura"].setEnabled(convocado is not None)
        self.botones["adjudicar"].setEnabled(convocado is not None and bool(convocado.posturas))
        self.botones["desierto"].setEnabled(convocado is not None)

    # -- actions --------------------------------------------------------------------------------------
    @Slot()
    @protegido
    def registrar(self) -> None:
        if not self.numero:
            return
        numero = self.numero
        actas = self._srv.bienes.actas(numero)
        if not actas:
            mensajes.informar(self, "El juicio no tiene acta de embargo ni de secuestro.",
                              "Genérela primero (botón «Documento» → Acta de embargo o Acta de secuestro) y registre "
                              "aquí cada bien que consta en ella.")
            return
        dlg = RegistrarBienDialog(numero, actas, self)

        def guardar(d: RegistrarBienDialog) -> DatosBien:
            nuevo, acta, fotos = d.nuevo(), d.acta_id(), d.fotos.fotos()
            try:
                return self._srv.bienes.registrar(numero, acta, nuevo, fotos=fotos)
            except DesproporcionError as exc:
                if not mensajes.confirmar(d, "El embargo parece desproporcionado.", exc.message,
                                          si="Embargar de todos modos", no="Revisar"):
                    raise
                return self._srv.bienes.registrar(numero, acta, nuevo, fotos=fotos, confirmar_desproporcion=True)

        b = repetir_hasta_guardar(dlg, guardar, self)
        if b is not None:
            self._hecho(f"Bien registrado: {b.descripcion} ({b.estado.etiqueta.lower()}).")
            self.seleccionar(b.id)

    @Slot()
    @protegido
    def designar(self) -> None:
        sel = [b for b in self.seleccionados() if b.estado not in FINALES]
        if not sel:
            return
        deps = self._srv.depositarios.listar(solo_activos=True)
        if not deps:
            mensajes.informar(self, "No hay depositarios judiciales activos.",
                              "Regístrelos en Oficina → Bienes embargados → Depositarios…")
            return
        dlg = DesignarDepositarioDialog(_lista(sel), deps, self)
        r = repetir_hasta_guardar(dlg, lambda d: self._srv.depositarios.designar(
            [b.id for b in sel], d.depositario.currentData(), fecha(d.fecha), d.lugar.text(),
            d.condicion.currentText(), fotos=d.fotos.fotos()), self)
        if r is not None:
            self._hecho(f"{r.depositario} designado depositario; acta de posesión generada y foliada.")

    @Slot()
    @protegido
    def informe(self) -> None:
        sel = self.seleccionados()
        if len(sel) != 1:
            return
        b = sel[0]
        dlg = InformeDialog(b.descripcion, b.ubicacion, b.condicion, self)
        r = repetir_hasta_guardar(dlg, lambda d: self._srv.depositarios.registrar_informe(
            b.id, fecha(d.fecha), d.condicion.currentText(), d.ubicacion.text(), d.observaciones.toPlainText(),
            d.costo.valor("costo"), d.concepto.text(), fotos=d.fotos.fotos()), self)
        if r is not None:
            self._hecho(f"Informe registrado; el próximo vence el {formato.fecha(r.proximo)}.")

    @Slot()
    @protegido
    def ver_historia(self) -> None:
        sel = self.seleccionados()
        if len(sel) != 1:
            return
        dlg = FichaBienDialog(self._srv, self._srv.bienes.ficha(sel[0].id), self)
        dlg.exec()
        dlg.deleteLater()

    @Slot()
    @protegido
    def terminar(self) -> None:
        sel = self.seleccionados()
        if len(sel) != 1:
            return
        b = sel[0]
        dlg = TerminarDialog(b.descripcion, self)
        r = repetir_hasta_guardar(dlg, lambda d: self._srv.bienes.terminar(
            b.id, d.estado.currentData(), fecha(d.fecha), d.motivo.text(), d.recibe.text()), self)
        if r is not None:
            self._hecho(f"{r.descripcion}: {r.estado.etiqueta.lower()}.")

    @Slot()
    @protegido
    def perito(self) -> None:
        sel = self.seleccionados()
        if not sel:
            return
        dlg = PeritoDialog(_lista(sel), self)
        r = repetir_hasta_guardar(dlg, lambda d: self._srv.remates.designar_perito(
            [b.id for b in sel], fecha(d.fecha), d.perito.text(), d.cedula.text(), d.plazo.value()), self)
        if r is not None:
            self._hecho("Perito designado; providencia generada y foliada.")

    @Slot()
    @protegido
    def avaluo(self) -> None:
        sel = self.seleccionados()
        if len(sel) != 1:
            return
        b = sel[0]
        dlg = AvaluoDialog(b.descripcion, parent=self)

        def guardar(d: AvaluoDialog) -> object:
            informe = d.informe.fotos()
            return self._srv.remates.registrar_avaluo(
                b.id, fecha(d.fecha), d.perito.text(), d.valor.valor("valor del avalúo") or Decimal("0"),
                d.cedula.text(), informe=informe[0] if informe else None,
                observaciones=d.observaciones.toPlainText())

        if repetir_hasta_guardar(dlg, guardar, self) is not None:
            self._hecho("Avalúo registrado.")

    @Slot()
    @protegido
    def convocar(self) -> None:
        sel = self.seleccionados()
        if not sel:
            return
        reglas = self._srv.depositarios.reglas()
        dlg = ConvocarRemateDialog(_lista(sel), reglas.publicacion_dias,
                                   f"{formato.porcentaje(reglas.base_remate * 100)}", self)
        r = repetir_hasta_guardar(dlg, lambda d: self._srv.remates.convocar(
            [b.id for b in sel], fecha(d.fecha_aviso), fecha(d.fecha_remate), d.hora.text(), d.lugar.text()), self)
        if r is not None:
            self._hecho(f"Remate convocado para el {formato.fecha(r.fecha_remate)}; base USD {formato.usd(r.base)}.")

    @Slot()
    @protegido
    def postura(self) -> None:
        r = self._convocado()
        if r is None:
            return
        dlg = PosturaDialog(formato.usd(r.base), self)
        x = repetir_hasta_guardar(dlg, lambda d: self._srv.remates.registrar_postura(
            r.id, d.postor.text(), d.identificacion.text(), d.valor.valor("postura") or Decimal("0"),
            d.deposito.valor("depósito") or Decimal("0")), self)
        if x is not None:
            self._hecho(f"Postura registrada ({len(x.posturas)} en total).")

    @Slot()
    @protegido
    def adjudicar(self) -> None:
        r = self._convocado()
        if r is None:
            return
        if not mensajes.confirmar(self, f"¿Calificar las {len(r.posturas)} posturas y adjudicar el remate?",
                                  "Se generan el auto de calificación y el acta de remate, y el producto se imputa a "
                                  "la deuda.", si="Adjudicar", no="Cancelar"):
            return
        a = self._srv.remates.adjudicar(r.id, local_today())
        mensajes.informar(self, a.mensaje(), titulo="Remate adjudicado")
        self._hecho(a.mensaje())

    @Slot()
    @protegido
    def desierto(self) -> None:
        r = self._convocado()
        if r is None:
            return
        if not mensajes.confirmar(self, "¿Declarar desierto el remate?",
                                  "Los bienes vuelven a «avaluado» y puede convocarse un nuevo remate.",
                                  si="Declarar desierto", no="Cancelar"):
            return
        self._srv.remates.declarar_desierto(r.id, local_today(), "sin posturas calificadas")
        self._hecho("Remate declarado desierto.")
