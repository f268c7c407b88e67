"""Every document type's template: documented fields only, rendered with all fields filled (text checked with
python-docx), the shared pieces (juicio header, representante legal, co-obligados, amounts in words, folio
references), the variants (persona natural, empty lists, failed notification) and, with LibreOffice, the
sheet estimate of each one."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from app.common.errors import ValidationError
from app.common.paths import templates_dir
from app.documents.campos import catalogo, comunes, muestras, providencias, valores
from app.documents.campos import modelo as cm
from app.documents.hojas import contar_hojas
from app.documents.pdf import convertir_pdf
from app.documents.render import render, variables_de
from app.domain import bienes as reglas_bienes
from app.domain.documentos import REGISTRO, validar_claves
from app.domain.tipos import TipoDocumento
from app.services import documentos_entrada as entrada
from tests.documents.test_render import texto_docx
from tools.plantillas import base

TODOS = list(TipoDocumento)
DEL_EXPEDIENTE = [t for t in TipoDocumento if t is not TipoDocumento.ACTA_SORTEO]


def plantilla(tipo: TipoDocumento) -> Path:
    return templates_dir() / REGISTRO[tipo].plantilla


def texto(tipo: TipoDocumento, ctx: dict[str, Any] | None = None) -> str:
    return texto_docx(render(plantilla(tipo), muestras.muestra(tipo) if ctx is None else ctx))


def test_cada_tipo_tiene_plantilla_y_constructor() -> None:
    assert set(base.CONSTRUCTORES) == {d.plantilla for d in REGISTRO.values()}
    assert set(catalogo.CAMPOS) == set(base.CONSTRUCTORES)
    for t in TODOS:
        assert plantilla(t).is_file(), t


@pytest.mark.parametrize("tipo", TODOS, ids=lambda t: t.value)
def test_contexto_de_muestra_da_exactamente_los_campos_documentados(tipo: TipoDocumento) -> None:
    campos = set(catalogo.CAMPOS[REGISTRO[tipo].plantilla])
    assert set(muestras.muestra(tipo)) == campos
    assert variables_de(plantilla(tipo)) <= campos


#: Fields printed only in a branch the sample does not take (an APP under C.D. 617 has no down payment).
_SOLO_EN_OTRA_RAMA = {TipoDocumento.AUTO_SUSPENSION: {"convenio_cuota_inicial"},
                      # a company is notified "en la persona de su representante legal" instead
                      TipoDocumento.RAZON_NOTIFICACION: {"notificacion_calidad"}}


@pytest.mark.parametrize("tipo", TODOS, ids=lambda t: t.value)
def test_todo_campo_de_texto_usado_aparece_en_el_documento(tipo: TipoDocumento) -> None:
    """Rendered with every field filled: each text field the template uses is printed, nothing is left as a tag."""
    ctx = muestras.muestra(tipo)
    t = texto(tipo, ctx)
    assert "{{" not in t and "{%" not in t and "}}" not in t
    for campo in sorted(variables_de(plantilla(tipo)) - _SOLO_EN_OTRA_RAMA.get(tipo, set())):
        valor = ctx[campo]
        if isinstance(valor, str) and valor:
            assert valor in t or valor.upper() in t, f"{tipo.value}: {campo} = {valor!r}"
        elif isinstance(valor, int) and not isinstance(valor, bool):
            assert str(valor) in t, f"{tipo.value}: {campo}"


@pytest.mark.parametrize("tipo", DEL_EXPEDIENTE, ids=lambda t: t.value)
def test_piezas_comunes_de_cada_documento_del_expediente(tipo: TipoDocumento) -> None:
    t = texto(tipo)
    assert "0601-2025-00042" in t
    assert "COMPAÑÍA DE TRANSPORTE ANDINO TRANSANDES CÍA. LTDA." in t
    assert "0690012345001" in t
    assert "INSTITUTO ECUATORIANO DE SEGURIDAD SOCIAL" in t  # letterhead (page header)
    assert "Unidad Provincial de Gestión de Coactiva de Chimborazo" in t


_SIN_ENCABEZADO = {  # a press notice and the oficios (addressed letters) name the parties in their text
    TipoDocumento.AVISO_REMATE, TipoDocumento.OFICIO_RETENCION, TipoDocumento.OFICIO_ANT, TipoDocumento.OFICIO_REGISTRO,
    TipoDocumento.OFICIO_LEVANTAMIENTO,
}


@pytest.mark.parametrize("tipo", [t for t in DEL_EXPEDIENTE if t not in (
    TipoDocumento.CARATULA, TipoDocumento.INDICE)], ids=lambda t: t.value)
def test_encabezado_nombra_representante_legal_y_coobligados(tipo: TipoDocumento) -> None:
    t = texto(tipo)
    assert "Luis Alberto Pilamunga Toapanta" in t
    assert "María Fernanda Guamán Yépez" in t and "José Luis Cáceres Núñez" in t
    if tipo not in _SIN_ENCABEZADO:
        assert "JUICIO COACTIVO No. 0601-2025-00042" in t
        assert "REPRESENTANTE LEGAL: Luis Alberto Pilamunga Toapanta (0602910945)" in t
        assert "GARANTE: María Fernanda Guamán Yépez (0603001231)" in t
        assert "RESPONSABLE SOLIDARIO: José Luis Cáceres Núñez (0604571232)" in t


def test_rpv() -> None:
    t = texto(TipoDocumento.RPV)
    assert "REQUERIMIENTO DE PAGO VOLUNTARIO" in t
    assert "JUZGADO DE COACTIVA DE LA UNIDAD PROVINCIAL DE GESTIÓN DE COACTIVA DE CHIMBORAZO" in t
    assert "Riobamba, 13 de mayo de 2025" in t and "artículo 271 del Código Orgánico Administrativo" in t
    assert "MIL DOSCIENTOS CUARENTA Y DOS 50/100 DÓLARES DE LOS ESTADOS UNIDOS DE AMÉRICA (USD 1.242,50)" in t
    assert "diez (10) días" in t and "martes 27 de mayo de 2025" in t
    assert "1.000,00" in t and "200,00" in t and "42,50" in t and "TOTAL ADEUDADO" in t


def test_opi_nombra_a_cada_coobligado_y_al_representante() -> None:
    t = texto(TipoDocumento.OPI)
    assert "ORDEN DE PAGO INMEDIATO" in t
    assert ("COMPAÑÍA DE TRANSPORTE ANDINO TRANSANDES CÍA. LTDA., con RUC No. 0690012345001, representada legalmente "
            "por Luis Alberto Pilamunga Toapanta, con cédula de ciudadanía No. 0602910945; y, solidariamente, María "
            "Fernanda Guamán Yépez, con cédula de ciudadanía No. 0603001231, en calidad de garante y José Luis "
            "Cáceres Núñez, con cédula de ciudadanía No. 0604571232, en calidad de responsable solidario, paguen") in t
    assert "a cada uno de los coobligados" in t
    assert "tres (3) días" in t and "viernes 16 de mayo de 2025" in t
    assert "1.\tLa retención de los fondos" in t and "2.\tLa prohibición de enajenar" in t


def test_opi_persona_natural_sin_coobligados() -> None:
    j = replace(muestras.MUESTRA_JUICIO, coobligados=(),
                deudor=cm.Persona("José Andrés Núñez Pérez", "1710034065", direccion="Riobamba"))
    t = texto(TipoDocumento.OPI, providencias.opi(j, date(2025, 5, 13), date(2025, 5, 16), []))
    assert "REPRESENTANTE LEGAL" not in t and "GARANTE" not in t and "coobligados" not in t
    assert "CÉDULA DE CIUDADANÍA: 1710034065" in t
    assert "José Andrés Núñez Pérez, con cédula de ciudadanía No. 1710034065, pague inmediatamente" in t
    assert "1.\t" not in t  # no medidas


def test_razon_no_pago_cita_el_requerimiento_a_fojas() -> None:
    t = texto(TipoDocumento.RAZON_NO_PAGO)
    assert "RAZÓN.- Siento por tal que" in t
    assert "el requerimiento de pago voluntario de 25 de abril de 2025, que obra a fojas 1 (uno)" in t
    assert "que venció el 9 de mayo de 2025" in t and "Lo certifico.- Riobamba, 13 de mayo de 2025." in t


def test_razon_de_notificacion_por_boleta_y_fallida() -> None:
    t = texto(TipoDocumento.RAZON_NOTIFICACION)
    assert "el 13 de mayo de 2025, a las 10h30" in t
    assert ("notifiqué mediante segunda boleta a COMPAÑÍA DE TRANSPORTE ANDINO TRANSANDES CÍA. LTDA., con RUC No. "
            "0690012345001, en la persona de su representante legal, Luis Alberto Pilamunga Toapanta") in t
    # signed by the citador, named, and by the person notified (or a record of his refusal)
    assert "Segundo Manuel Yautibug Lema\nCitador-Notificador" in t
    assert "Recibí: Rosa Elena Toapanta (empleada)" in t and "C.C. No." in t
    assert "la orden de pago inmediato de 28 de febrero de 2025, que obra de fojas 1 (uno) a 2 (dos)" in t
    assert "Recibió: Rosa Elena Toapanta (empleada)." in t and "Observaciones: Se dejó la boleta" in t
    fallida = providencias.razon_notificacion(muestras.MUESTRA_JUICIO, date(2025, 5, 13), cm.Notificacion(
        "COMPAÑÍA X", "0690012345001", 1, "PERSONAL", datetime(2025, 5, 12, 16, 5)))
    t = texto(TipoDocumento.RAZON_NOTIFICACION, fallida)
    assert "intenté notificar personalmente a COMPAÑÍA X" in t and "16h05" in t
    assert "no pudo practicarse" in t and "Recibió" not in t and "Observaciones" not in t
    assert "Persona notificada o constancia de su negativa a firmar" in t
    assert "el documento dictado en este juicio" in t


@pytest.mark.parametrize(("tipo", "destinatario", "pide"), [
    (TipoDocumento.OFICIO_RETENCION, "Superintendencia de Bancos", "retención inmediata de los fondos"),
    (TipoDocumento.OFICIO_ANT, "Agencia Nacional de Tránsito (ANT)", "prohibición de enajenar de los vehículos"),
    (TipoDocumento.OFICIO_REGISTRO, "Registro de la Propiedad del cantón Riobamba", "certificado de propiedad"),
], ids=lambda x: x.value if isinstance(x, TipoDocumento) else "")
def test_oficios_de_medidas(tipo: TipoDocumento, destinatario: str, pide: str) -> None:
    t = texto(tipo)
    assert "Oficio No. 0601-2025-00042-OF-003" in t and destinatario in t and pide in t
    assert ("Dentro del juicio coactivo No. 0601-2025-00042 que el Instituto Ecuatoriano de Seguridad Social (IESS) "
            "sigue contra COMPAÑÍA DE TRANSPORTE ANDINO TRANSANDES CÍA. LTDA., con RUC No. 0690012345001") in t
    assert "la orden de pago inmediato de 28 de febrero de 2025, que obra de fojas 1 (uno) a 2 (dos)" in t
    assert "Atentamente," in t


def test_oficio_de_levantamiento() -> None:
    t = texto(TipoDocumento.OFICIO_LEVANTAMIENTO)
    assert "por haberse cancelado la totalidad de la obligación, se ha dispuesto el levantamiento" in t
    assert ("1.\tRetención de fondos, ordenada mediante oficio No. 0601-2025-00042-OF-003 de 10 de marzo de 2025, "
            "dirigido a Superintendencia de Bancos.") in t


def test_providencia_con_texto_libre_y_liquidacion_citada() -> None:
    t = texto(TipoDocumento.PROVIDENCIA)
    assert "PROVIDENCIA" in t and "Riobamba, 13 de mayo de 2025.- Agréguese al proceso el escrito" in t
    assert "Téngase en cuenta la casilla judicial" in t
    assert ("Conforme a la liquidación practicada con corte al 12 de mayo de 2025, que obra de fojas 11 (once) a 12 "
            "(doce), la obligación asciende a MIL SESENTA Y TRES 68/100 DÓLARES") in t
    sin = providencias.providencia(muestras.MUESTRA_JUICIO, date(2025, 5, 13), "Solo esto.", None)
    t = texto(TipoDocumento.PROVIDENCIA, sin)
    assert "Solo esto." in t and "Conforme a la liquidación" not in t
    with pytest.raises(ValidationError, match="no tiene texto"):
        providencias.providencia(muestras.MUESTRA_JUICIO, date(2025, 5, 13), "  \n ", None)


@pytest.mark.parametrize(("tipo", "palabra"), [(TipoDocumento.ACTA_EMBARGO, "EMBARGO"),
                                                (TipoDocumento.ACTA_SECUESTRO, "SECUESTRO")],
                         ids=["embargo", "secuestro"])
def test_actas_de_embargo_y_secuestro(tipo: TipoDocumento, palabra: str) -> None:
    t = texto(tipo)
    assert f"ACTA DE {palabra}" in t and f"procede al {palabra}" in t
    assert "a las 10h30" in t and "que obra de fojas 1 (uno) a 2 (dos)" in t
    assert "Camioneta Chevrolet D-Max 2019" in t and "18.500,00" in t and "842,37" in t and "19.342,37" in t
    assert "DIECINUEVE MIL TRESCIENTOS CUARENTA Y DOS 37/100 DÓLARES" in t
    assert "Jorge Luis Naranjo Chávez" in t and "0926687856" in t and "no usarlos, prestarlos ni arrendarlos" in t


def test_liquidacion_detalla_intereses_costas_y_abonos() -> None:
    t = texto(TipoDocumento.LIQUIDACION)
    assert "LIQUIDACIÓN DE LA OBLIGACIÓN" in t and "con corte al 12 de mayo de 2025" in t
    for valor in ("1.000,00", "200,00", "36,18", "42,50", "85,00", "1.363,68", "300,00", "1.063,68"):
        assert valor in t
    assert "SALDO A PAGAR" in t and "MIL SESENTA Y TRES 68/100 DÓLARES DE LOS ESTADOS UNIDOS DE AMÉRICA" in t
    assert "año de 360 días" in t and "15/11/2024" in t and "9,87 %" in t and "119" in t
    assert "Publicación del aviso en la prensa" in t and "Abono, comprobante 000123" in t
    assert "USD 34,50, no forman parte del saldo" in t
    vacia = replace(muestras._M_LIQ, costas_detalle=(), pagos_detalle=(), tramos=(), honorarios=Decimal("0.00"))
    t = texto(TipoDocumento.LIQUIDACION, valores.liquidacion(muestras.MUESTRA_JUICIO, date(2025, 5, 13), vacia))
    assert "Detalle de costas" not in t and "Detalle de abonos" not in t and "Cálculo de los intereses" not in t
    assert "honorarios" not in t.lower().split("saldo a pagar")[1]


def test_aviso_y_acta_de_remate() -> None:
    t = texto(TipoDocumento.AVISO_REMATE)
    assert "AVISO DE REMATE" in t and "martes 17 de junio de 2025" in t and "10h00" in t
    assert "DIECIOCHO MIL QUINIENTOS 00/100 DÓLARES" in t and "diez por ciento (10%)" in t
    t = texto(TipoDocumento.ACTA_REMATE)
    assert "ACTA DE REMATE" in t and "el aviso de remate de 20 de mayo de 2025, que obra a fojas 14 (catorce)" in t
    # The higher bid lacks the 10% deposit: the highest qualified one wins.
    assert "Paola Estefanía Samaniego Ruiz" in t and "No" in t
    assert "se adjudican los bienes rematados a Carlos Andrés Villacís Orozco" in t
    assert "DIECINUEVE MIL 00/100 DÓLARES" in t and "DIECISIETE MIL CIEN 00/100 DÓLARES" in t


def test_razon_de_archivo() -> None:
    t = texto(TipoDocumento.RAZON_ARCHIVO)
    assert "RAZÓN DE ARCHIVO" in t and "por el pago total de la obligación" in t
    assert "MIL TRESCIENTOS SESENTA Y TRES 68/100 DÓLARES" in t
    assert "consta de 12 (doce) fojas útiles, más la presente razón, en un cuerpo," in t
    assert "según lo dispuesto en el auto de archivo de 13 de mayo de 2025, que obra a fojas 12 (doce)" in t


def test_auto_de_suspension_con_tabla_de_amortizacion() -> None:
    t = texto(TipoDocumento.AUTO_SUSPENSION)
    assert "AUTO DE SUSPENSIÓN POR CONVENIO DE PAGO" in t and "el 12 de mayo de 2025" in t
    assert "tres (3) cuotas mensuales" in t and "8,50%" in t and "Resolución C.D. 617" in t
    assert "12/06/2025" in t and "417,07" in t and "426,07" in t and "1.260,21" in t
    assert "Suspender la sustanciación" in t and "una sola cuota" in t
    c = cm.Convenio(date(2025, 5, 12), 2, Decimal("1000"), Decimal("100"), Decimal("8"), False,
                    (cm.Cuota(1, date(2025, 6, 12), Decimal("450"), Decimal("6"), Decimal("456")),))
    ctx = providencias.auto_suspension(muestras.MUESTRA_JUICIO, date(2025, 5, 13), c)
    t = texto(TipoDocumento.AUTO_SUSPENSION, ctx)
    assert "cuota inicial de USD 100,00" in t and "C.D. 617" not in t


def test_caratula_e_indice() -> None:
    t = texto(TipoDocumento.CARATULA)
    assert "JUICIO COACTIVO No. 0601-2025-00042" in t and "CUERPO 1 (UNO)" in t
    for valor in ("Instituto Ecuatoriano de Seguridad Social (IESS)", "5 de marzo de 2025 (personal)",
                  "Casilla judicial 123", "Ab. Diego Fernando Yépez Villacís", "USD 1.242,50",
                  "María Fernanda Guamán Yépez (0603001231, garante)", "20 de febrero de 2025"):
        assert valor in t
    t = texto(TipoDocumento.INDICE)
    assert "ÍNDICE DEL EXPEDIENTE" in t and "1 a 2" in t and "3 (tres) fojas útiles" in t


# -- shared pieces -------------------------------------------------------------------------------------------


def test_referencias_a_fojas() -> None:
    assert comunes.a_fojas(12) == "a fojas 12 (doce)"
    assert comunes.a_fojas(12, 14) == "de fojas 12 (doce) a 14 (catorce)"
    assert comunes.cita(None, "x") == "x"


def test_designacion_de_persona_juridica_y_natural() -> None:
    assert comunes.designacion(muestras.MUESTRA_JUICIO.deudor) == (
        "COMPAÑÍA DE TRANSPORTE ANDINO TRANSANDES CÍA. LTDA., con RUC No. 0690012345001, representada legalmente por "
        "Luis Alberto Pilamunga Toapanta, con cédula de ciudadanía No. 0602910945")
    assert comunes.designacion(cm.Persona("Ana", "1710034065")) == "Ana, con cédula de ciudadanía No. 1710034065"
    # A persona jurídica without a recorded representante is named alone.
    sola = cm.Persona("X S.A.", "0690012345001", "RUC", "JURIDICA")
    assert comunes.designacion(sola) == "X S.A., con RUC No. 0690012345001"


def test_postura_sin_10_por_ciento_no_se_adjudica() -> None:
    buena = cm.Postura("A", "1", Decimal("1000"), Decimal("100"))
    mala = cm.Postura("B", "2", Decimal("2000"), Decimal("199.99"))
    assert buena.calificada and not mala.calificada
    assert reglas_bienes.adjudicataria([buena, mala]) == 0
    with pytest.raises(ValidationError, match="10%"):
        reglas_bienes.adjudicataria([buena, mala], 1)
    with pytest.raises(ValidationError, match="Ninguna postura"):
        reglas_bienes.adjudicataria([mala])


def test_datos_se_validan_por_nombre() -> None:
    validar_claves(TipoDocumento.PROVIDENCIA, {"texto": "x"})
    with pytest.raises(ValidationError, match=r"dato desconocido txt.*texto"):
        validar_claves(TipoDocumento.PROVIDENCIA, {"txt": "x"})
    assert entrada.bienes_de(["Silla", {"descripcion": "Auto", "tipo": "vehiculo", "valor": "1.234,50"}]) == (
        cm.Bien("Silla"), cm.Bien("Auto", "VEHICULO", Decimal("1234.50")))
    with pytest.raises(ValidationError, match="Bien 1: falta la descripción"):
        entrada.bienes_de([{"valor": 3}])
    with pytest.raises(ValidationError, match="falta el avalúo"):
        entrada.bienes_de(["Silla"], con_valor=True)
    with pytest.raises(ValidationError, match="postura 1: valor"):
        entrada.posturas_de([{"postor": "A", "valor": "mucho"}])


# -- layout: the sheet estimate equals LibreOffice's page count for every type ----------------------------


@pytest.mark.libreoffice
@pytest.mark.slow
def test_estimacion_igual_a_libreoffice_en_cada_tipo(tmp_path: Path) -> None:
    from pypdf import PdfReader

    datos = {}
    for t in TODOS:
        data = render(plantilla(t), muestras.muestra(t))
        ruta = tmp_path / f"{t.value}.docx"
        ruta.write_bytes(data)
        datos[t] = (ruta, contar_hojas(data))
    for t, (ruta, hojas) in datos.items():
        pdf = convertir_pdf(ruta, tmp_path)
        assert len(PdfReader(str(pdf)).pages) == hojas, t.value
