"""Sample data for every template (a persona jurídica with its representante legal, two co-obligados, every
list with items): the template preview of the administrator, the check that an office's template uses only
known fields, the verification of the shipped templates against LibreOffice, and the tests.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from app.documents.campos import actas, bienes, expediente, honorarios, legales, oficios, providencias, valores
from app.documents.campos.comunes import oficina
from app.documents.campos.modelo import (
    ActaBienes,
    ActaRemate,
    Archivo,
    AvisoRemate,
    Bien,
    Convenio,
    Cuota,
    EntradaIndice,
    HonorariosOpi,
    Indice,
    Juicio,
    LiquidacionDocumento,
    MedidaRef,
    Movimiento,
    Notificacion,
    Oficina,
    Oficio,
    Persona,
    Postura,
    RefDocumento,
    Secretario,
    Titulo,
    TramoInteres,
)
from app.domain.tipos import TipoDocumento

_M_OFICINA = Oficina(
    nombre="Unidad Provincial de Gestión de Coactiva de Chimborazo", ciudad="Riobamba", provincia="Chimborazo",
    ejecutor_nombre="Ing. Patricio Xavier Carrasco Ruiz",
    ejecutor_cargo="Director Provincial del IESS Chimborazo, Funcionario Ejecutor", ejecutor_genero="M",
    jefe_nombre="Ab. Rosa Elena Vallejo Cisneros", jefe_cargo="Jefa de la Unidad Provincial de Gestión de Coactiva",
    jefe_genero="F",
)
_M_FECHA = date(2025, 5, 13)
_M_OPI = RefDocumento("la orden de pago inmediato", date(2025, 2, 28), 1, 2)
MUESTRA_JUICIO = Juicio(
    numero="0601-2025-00042",
    oficina=_M_OFICINA,
    deudor=Persona(
        nombre="COMPAÑÍA DE TRANSPORTE ANDINO TRANSANDES CÍA. LTDA.", identificacion="0690012345001",
        tipo_identificacion="RUC", tipo_persona="JURIDICA", representante_legal="Luis Alberto Pilamunga Toapanta",
        representante_cedula="0602910945", direccion="Av. Daniel León Borja 24-15 y Duchicela, Riobamba",
    ),
    titulo=Titulo(
        numero="TC-0601-2025-000123", fecha_emision=date(2025, 1, 15),
        concepto="Aportes patronales y personales en mora", periodo="2024-10", capital=Decimal("1000.00"),
        interes=Decimal("200.00"), recargo=Decimal("42.50"), total=Decimal("1242.50"),
        fecha_interes_desde=date(2024, 11, 15),
    ),
    secretario=Secretario("Ana Lucía Guamán Paredes", "1710034065", True, "F"),
    coobligados=(
        Persona("María Fernanda Guamán Yépez", "0603001231", calidad="GARANTE", direccion="Calle Colón 12-34"),
        Persona("José Luis Cáceres Núñez", "0604571232", calidad="RESPONSABLE_SOLIDARIO"),
    ),
    fecha_inicio=date(2025, 2, 20), casilla_judicial="Casilla judicial 123 del Palacio de Justicia de Riobamba",
    abogado_deudor="Ab. Diego Fernando Yépez Villacís", fecha_citacion=date(2025, 3, 5), forma_citacion="PERSONAL",
    ultimo_folio=12, cuerpos=1, opi=_M_OPI,
)
_M_BIENES = (
    Bien("Camioneta Chevrolet D-Max 2019, placa HBC-1234, chasis 8LBETF3E0K0012345, color blanco", "VEHICULO",
         Decimal("18500.00"), "Patio de la Unidad, Riobamba"),
    Bien("Fondos retenidos en la cuenta corriente 3456789012 del Banco del Pichincha", "FONDOS",
         Decimal("842.37")),
)
_M_LIQ = LiquidacionDocumento(
    fecha_corte=date(2025, 5, 12), capital=Decimal("1000.00"), interes=Decimal("236.18"), recargo=Decimal("42.50"),
    costas=Decimal("85.00"), honorarios=Decimal("34.50"), pagos=Decimal("300.00"), total=Decimal("1063.68"),
    interes_titulo=Decimal("200.00"), interes_mora=Decimal("36.18"),
    tramos=(TramoInteres(date(2024, 11, 15), date(2024, 12, 31), 46, Decimal("1000.00"), Decimal("9.87"),
                         Decimal("12.61")),
            TramoInteres(date(2025, 1, 1), date(2025, 4, 30), 119, Decimal("1000.00"), Decimal("8.5"),
                         Decimal("28.10")),
            TramoInteres(date(2025, 5, 1), date(2025, 5, 12), 12, Decimal("1000.00"), Decimal("8.5"),
                         Decimal("2.83"))),
    costas_detalle=(Movimiento(date(2025, 4, 2), "Publicación del aviso en la prensa", Decimal("85.00")),),
    pagos_detalle=(Movimiento(date(2025, 4, 30), "Abono, comprobante 000123", Decimal("300.00")),),
    documento=RefDocumento("la liquidación", date(2025, 5, 12), 11, 12),
)


_M_INVENTARIO = (
    bienes.BienInventario("Camioneta Chevrolet D-Max 2019, color blanco", "Vehículo",
                          "Placa HBC-1234; chasis 8LBETF3E0K0012345; motor 4JJ1-123456", "Buena",
                          Decimal("18500.00")),
    bienes.BienInventario("Computador portátil Dell Latitude 5420", "Mueble", "Serie 7XK2L93; 1 unidad", "Regular",
                          Decimal("450.00")),
)


def _muestra_bienes(tipo: TipoDocumento) -> dict[str, Any]:
    """Sample fields of the goods' documents (acta de posesión, designación de perito, calificación)."""
    j, f = MUESTRA_JUICIO, _M_FECHA
    if tipo is TipoDocumento.ACTA_POSESION:
        return bienes.acta_posesion(j, f, bienes.Posesion(
            "Jorge Luis Naranjo Chávez", "0926687856", _M_INVENTARIO, "el coactivado, en la diligencia de embargo",
            "Patio de la Unidad, Riobamba", 1, RefDocumento("el acta de embargo", date(2025, 5, 9), 14, 15)))
    if tipo is TipoDocumento.DESIGNACION_PERITO:
        return bienes.designacion_perito(j, f, bienes.Designacion("Ing. Pablo Esteban Tapia Mejía", "0603001231", 8,
                                                                  _M_INVENTARIO[:1]))
    return bienes.calificacion_posturas(j, f, bienes.Calificacion(
        _M_INVENTARIO[:1], Decimal("18500.00"), Decimal("18500.00"),
        (bienes.PosturaCalificada("Carlos Andrés Villacís Orozco", "0603001231", Decimal("19000.00"),
                                  Decimal("1900.00"), True),
         bienes.PosturaCalificada("Paola Estefanía Samaniego Ruiz", "0604571232", Decimal("19500.00"),
                                  Decimal("500.00"), False, "depósito inferior al 10 %")),
        0, Decimal("1363.68"), Decimal("1363.68"), Decimal("17636.32"),
        RefDocumento("el aviso de remate", date(2025, 5, 20), 14, 14)))


def muestra(tipo: TipoDocumento | str) -> dict[str, Any]:
    """The context of ``tipo`` filled with realistic sample data (a persona jurídica with its representante
    legal, two co-obligados, every list with items): used to preview a template and to check that an
    office's template uses only known fields."""
    tipo = TipoDocumento(tipo)
    if tipo in (TipoDocumento.ACTA_POSESION, TipoDocumento.DESIGNACION_PERITO, TipoDocumento.CALIFICACION_POSTURAS):
        return _muestra_bienes(tipo)
    j, f = MUESTRA_JUICIO, _M_FECHA
    if tipo is TipoDocumento.TITULO_CREDITO:
        return legales.titulo_credito(j, f)
    if tipo is TipoDocumento.AUTO_ARCHIVO:
        return legales.auto_archivo(j, f, "el pago total de la obligación", Decimal("1363.68"), Decimal("0.00"))
    if tipo is TipoDocumento.RPV:
        return providencias.rpv(j, f, date(2025, 5, 27))
    if tipo is TipoDocumento.OPI:
        return providencias.opi(j, f, date(2025, 5, 16), [
            "La retención de los fondos que el coactivado mantenga en las instituciones del sistema financiero.",
            "La prohibición de enajenar los vehículos de propiedad del coactivado.",
        ], HonorariosOpi(Decimal("10"), Decimal("15"), Decimal("142.89")))
    if tipo is TipoDocumento.RAZON_NO_PAGO:
        rpv = RefDocumento("el requerimiento de pago voluntario", date(2025, 4, 25), 1, 1)
        return providencias.razon_no_pago(j, f, rpv, date(2025, 5, 9))
    if tipo is TipoDocumento.RAZON_NOTIFICACION:
        return providencias.razon_notificacion(j, f, Notificacion(
            destinatario="Luis Alberto Pilamunga Toapanta", identificacion="0602910945", intento=2, forma="BOLETA",
            fecha_hora=datetime(2025, 5, 13, 10, 30), direccion="Av. Daniel León Borja 24-15, Riobamba",
            recibido_por="Rosa Elena Toapanta (empleada)", efectiva=True,
            observaciones="Se dejó la boleta en la recepción de la compañía.",
            calidad="representante legal del coactivado", documento=_M_OPI,
            citador_nombre="Segundo Manuel Yautibug Lema", citador_cargo="Citador-Notificador",
            representante_legal="Luis Alberto Pilamunga Toapanta",
        ))
    if tipo in (TipoDocumento.OFICIO_RETENCION, TipoDocumento.OFICIO_ANT, TipoDocumento.OFICIO_REGISTRO):
        destinos = {TipoDocumento.OFICIO_RETENCION: "Superintendencia de Bancos",
                    TipoDocumento.OFICIO_ANT: "Agencia Nacional de Tránsito (ANT)",
                    TipoDocumento.OFICIO_REGISTRO: "Registro de la Propiedad del cantón Riobamba"}
        return oficios.oficio(j, f, tipo, Oficio(f"{j.numero}-OF-003", destinos[tipo], j.titulo.total))
    if tipo is TipoDocumento.OFICIO_LEVANTAMIENTO:
        return oficios.oficio(j, f, tipo, Oficio(
            f"{j.numero}-OF-007", "Superintendencia de Bancos", j.titulo.total,
            medidas=(MedidaRef("Retención de fondos", "Superintendencia de Bancos", f"{j.numero}-OF-003",
                               date(2025, 3, 10)),),
            motivo="haberse cancelado la totalidad de la obligación",
        ))
    if tipo is TipoDocumento.PROVIDENCIA:
        return providencias.providencia(j, f, "Agréguese al proceso el escrito presentado por el coactivado.\n"
                                              "Téngase en cuenta la casilla judicial señalada para sus "
                                              "notificaciones.", _M_LIQ)
    if tipo in (TipoDocumento.ACTA_EMBARGO, TipoDocumento.ACTA_SECUESTRO):
        return actas.acta_bienes(j, f, ActaBienes(
            bienes=_M_BIENES, depositario_nombre="Jorge Luis Naranjo Chávez", depositario_cedula="0926687856",
            lugar_diligencia="Av. Daniel León Borja 24-15, Riobamba", lugar_custodia="Patio de la Unidad, Riobamba",
            hora="10h30", observaciones="El vehículo se encuentra en buen estado de funcionamiento.",
            depositario_genero="M",
        ))
    if tipo is TipoDocumento.LIQUIDACION:
        return valores.liquidacion(j, f, _M_LIQ)
    if tipo is TipoDocumento.AVISO_REMATE:
        return actas.aviso_remate(j, f, AvisoRemate(date(2025, 6, 17), "10h00",
                                                    "la plataforma de remates en línea del IESS", _M_BIENES[:1],
                                                    Decimal("18500.00")))
    if tipo is TipoDocumento.ACTA_REMATE:
        return actas.acta_remate(j, f, ActaRemate(
            bienes=_M_BIENES[:1],
            posturas=(Postura("Carlos Andrés Villacís Orozco", "0603001231", Decimal("19000.00"), Decimal("1900.00")),
                      Postura("Paola Estefanía Samaniego Ruiz", "0604571232", Decimal("19500.00"), Decimal("500.00"))),
            hora="10h00", aviso=RefDocumento("el aviso de remate", date(2025, 5, 20), 14, 14),
            base=Decimal("18500.00"), a_deuda=Decimal("1363.68"), sobrante=Decimal("17636.32"),
        ))
    if tipo is TipoDocumento.RAZON_ARCHIVO:
        return providencias.razon_archivo(j, f, Archivo(
            "el pago total de la obligación", Decimal("1363.68"),
            RefDocumento("el auto de archivo", date(2025, 5, 13), 12, 12)))
    if tipo is TipoDocumento.AUTO_SUSPENSION:
        return providencias.auto_suspension(j, f, Convenio(
            fecha=date(2025, 5, 12), plazo_meses=3, monto=Decimal("1242.50"), cuota_inicial=Decimal("0.00"),
            tasa_anual=Decimal("8.5"), sin_honorarios=True,
            cuotas=(Cuota(1, date(2025, 6, 12), Decimal("408.27"), Decimal("8.80"), Decimal("417.07")),
                    Cuota(2, date(2025, 7, 12), Decimal("411.16"), Decimal("5.91"), Decimal("417.07")),
                    Cuota(3, date(2025, 8, 12), Decimal("423.07"), Decimal("3.00"), Decimal("426.07"))),
        ))
    if tipo is TipoDocumento.CARATULA:
        return expediente.caratula(j, f, 1)
    if tipo is TipoDocumento.INDICE:
        return expediente.indice(j, f, Indice((
            EntradaIndice(1, date(2025, 2, 28), "Orden de pago inmediato (28/02/2025)", TipoDocumento.OPI.name,
                          1, 2, 2, 1, 1),
            EntradaIndice(2, date(2025, 3, 5), "Razón de notificación (05/03/2025)",
                          TipoDocumento.RAZON_NOTIFICACION.name, 3, 3, 1, 1, 1),
        )))
    if tipo is TipoDocumento.ACTA_SORTEO:
        return acta_sorteo_muestra()
    if tipo is TipoDocumento.ORDEN_PAGO_HONORARIOS:
        return _muestra_orden_honorarios(f)
    raise AssertionError(tipo)  # pragma: no cover - every type handled above


def acta_sorteo_muestra() -> dict[str, Any]:
    """The acta de sorteo's fields with two títulos drawn for one secretaria (template preview)."""
    asign = [{"n": i, "titulo": f"TC-0601-2025-{i:06d}", "juicio": f"0601-2025-{i:05d}",
              "deudor": "COMPAÑÍA DE TRANSPORTE ANDINO TRANSANDES CÍA. LTDA.", "identificacion": "0690012345001",
              "total": "1.242,50", "secretario": "Ana Lucía Guamán Paredes"} for i in (1, 2)]
    return {
        **oficina(_M_OFICINA, _M_FECHA), "sorteo_id": "01a1fca3-b201-74e0-96db-3a6d21e454f5", "semilla": "a1b2c3",
        "total_titulos": 2, "total_participantes": 1, "cuantia_total": "2.485,00",
        **expediente.firmas_sorteo(_M_OFICINA, 2, 1),
        "participantes": [{"n": 1, "nombre": "Ana Lucía Guamán Paredes", "cedula": "1710034065",
                           "calidad": "Externo", "asignados": 2, "cuantia": "2.485,00"}],
        "asignaciones": asign,
    }


def _muestra_orden_honorarios(fecha: date) -> dict[str, Any]:
    """Sample fields (template preview and check of an office's template)."""
    t = honorarios.TarifaOrden(date(2024, 4, 1), Decimal("10"), Decimal("15"), "Contrato de servicios profesionales")
    lineas: Sequence[honorarios.LineaOrden] = (
        honorarios.LineaOrden(date(2025, 4, 30), "Abono, comprobante 000123", Decimal("300.00"), t.porcentaje,
                              t.iva_porcentaje, Decimal("30.00"), Decimal("4.50")),
        honorarios.LineaOrden(date(2025, 1, 10), "Abono, comprobante 000098", Decimal("100.00"),
                              motivo="Pago durante una suspensión legal: Ley Orgánica de Apoyo Financiero"),
    )
    o = honorarios.OrdenHonorarios(
        date(2025, 5, 12), "María Elena Cevallos Ruiz", "Jefa de la Unidad Provincial de Gestión de Coactiva",
        tuple(lineas), Decimal("400.00"), Decimal("100.00"), Decimal("300.00"), Decimal("30.00"), Decimal("4.50"),
        Decimal("34.50"), (t,), True,
        ("foliación verificada", "documentos presentes", "liquidación vigente", "sin términos abiertos"))
    return honorarios.orden_pago_honorarios(MUESTRA_JUICIO, fecha, o)
