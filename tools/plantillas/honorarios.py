"""Template of the orden de pago de honorarios (see :mod:`tools.plantillas.base`; fields in
:data:`CAMPOS_ORDEN_HONORARIOS`, built by :func:`app.documents.campos.honorarios.orden_pago_honorarios`)."""

from __future__ import annotations

from docx import Document

from tools.plantillas.bloques import (
    _EJECUTOR,
    _JUZGADO,
    _cierre,
    _documento_juicio,
    _encabezado,
    _firmas,
    _p,
    _si,
    _tabla_lista,
    _tabla_valores,
    _titulo,
)


def construir_orden_pago_honorarios() -> Document:
    """Orden de pago de honorarios (C.D. 497 art. 3.5.3 lit. m: the jefe reviews, confirms and orders the
    payment of the external lawyers' fees after the expediente is delivered and reviewed)."""
    doc = _documento_juicio("Orden de pago de honorarios")
    _encabezado(doc, ("SECRETARIO-ABOGADO: ", "Ab. {{ secretario_nombre }} ({{ secretario_cedula }})"))
    _titulo(doc, "ORDEN DE PAGO DE HONORARIOS")
    _p(doc, [_JUZGADO, "{{ lugar_fecha }}.- ",
             "Vista la solicitud de honorarios presentada el {{ solicitud_fecha }} por {{ secretario_tratamiento }} "
             "{{ secretario_nombre }}, {{ secretario_cargo }} del juicio coactivo No. {{ juicio_numero }} que el "
             "{{ acreedor }} sigue contra {{ obligados_designacion }}, y revisado el expediente entregado, en el que "
             "se verificó: {{ revision|join('; ') }}; en ejercicio de la atribución de revisar, confirmar y disponer "
             "el pago de honorarios a abogados externos (Resolución C.D. 497, art. 3.5.3, lit. m), se dispone:"])
    _p(doc, [("PRIMERO.- ", "b"), "Aprobar los honorarios profesionales de {{ secretario_nombre }}, calculados "
             "sobre lo efectivamente recuperado en el juicio, según el siguiente detalle:"])
    _tabla_lista(doc, [1.0, 2.0, 3.3, 1.9, 1.1, 1.8, 1.2, 1.5, 1.7],
                 ["No.", "Fecha", "Recuperación", "Monto", "%", "Honorario", "% IVA", "IVA", "Total"],
                 "r in recuperaciones",
                 [("{{ r.n }}", "Tabla Centro"), ("{{ r.fecha }}", "Tabla Centro"), ("{{ r.referencia }}", "Tabla"),
                  ("{{ r.monto }}", "Tabla Cifra"), ("{{ r.porcentaje }}", "Tabla Centro"),
                  ("{{ r.honorario }}", "Tabla Cifra"), ("{{ r.iva_porcentaje }}", "Tabla Centro"),
                  ("{{ r.iva }}", "Tabla Cifra"),
                  ("{{ r.total }}", "Tabla Cifra")])
    _p(doc, ["{%p if exclusiones %}"], "Subtitulo")
    _p(doc, ["Recuperaciones que no generan honorarios"], "Subtitulo")
    _tabla_lista(doc, [1.0, 2.0, 3.3, 1.9, 7.3], ["No.", "Fecha", "Recuperación", "Monto", "Motivo"],
                 "x in exclusiones",
                 [("{{ x.n }}", "Tabla Centro"), ("{{ x.fecha }}", "Tabla Centro"), ("{{ x.referencia }}", "Tabla"),
                  ("{{ x.monto }}", "Tabla Cifra"), ("{{ x.motivo }}", "Tabla")])
    _p(doc, ["{%p endif %}"], "Subtitulo")
    _tabla_valores(doc, [
        ("Total recuperado en el juicio", "{{ hon_recuperado }}"),
        ("(−) Recuperado sin honorarios", "{{ hon_excluido }}"),
        ("Base de cálculo", "{{ hon_base }}"),
        ("Honorarios", "{{ hon_honorario }}"),
        ("IVA", "{{ hon_iva }}"),
    ], ("TOTAL A PAGAR", "{{ hon_total }}"))
    _p(doc, [("SEGUNDO.- ", "b"), "Disponer el pago de ", ("{{ hon_total_letras }}", "b"),
             " a favor de {{ secretario_nombre }}, con cédula {{ secretario_cedula }}, previa presentación de la "
             "factura correspondiente. Tarifa aplicada: {% for t in tarifas %}{{ t.porcentaje }} de lo recuperado "
             "más IVA {{ t.iva_porcentaje }}, vigente desde el {{ t.desde }} ({{ t.fuente }}){% if not loop.last %}"
             "; {% endif %}{% endfor %}."])
    _si(doc, "not tarifa_confirmada", [
        (["Nota: la tarifa aplicada es la predeterminada del sistema y la unidad aún no la ha confirmado como "
          "norma vigente."], "Nota"),
    ])
    _si(doc, "observaciones", [([("Observaciones: ", "b"), "{{ observaciones }}"], "Normal")])
    _cierre(doc, [("CÚMPLASE.-", "b")])
    _firmas(doc, ["{{ jefe_nombre }}", "{{ jefe_cargo }}"], _EJECUTOR)
    return doc
