"""The catalogue of template fields: for each template file, the fields the program fills, with their meaning.

An office editing a template may use any of them and nothing else: a template with an unknown tag is rejected
naming it (:mod:`app.documents.render`). The builders of :mod:`app.documents.campos` return
exactly these keys (a test checks it); the administrator's template page lists them.
"""

from __future__ import annotations

from app.domain.documentos import REGISTRO
from app.domain.tipos import TipoDocumento

OPI = "orden_pago_inmediato.docx"
ACTA_SORTEO = "acta_sorteo.docx"
INDICE = "indice_expediente.docx"


def archivo(tipo: TipoDocumento) -> str:
    """Template file name of a document type (from the registry :data:`app.domain.documentos.REGISTRO`)."""
    return REGISTRO[tipo].plantilla



# The fields each template may use (the context the program provides), with their meaning.
# Offices editing a template can use any of these; anything else is rejected by name.
_OFICINA = {
    "oficina_nombre": "Nombre de la unidad (p. ej. Unidad Provincial de Gestión de Coactiva de Chimborazo)",
    "ciudad": "Ciudad de la unidad",
    "provincia": "Provincia de la unidad",
    "lugar_fecha": "Lugar y fecha del documento («Riobamba, 13 de mayo de 2025»)",
    "fecha": "Fecha del documento en letras («13 de mayo de 2025»)",
    "fecha_corta": "Fecha del documento dd/mm/aaaa",
}
_JUICIO = {
    **_OFICINA,
    "juicio_numero": "Número del juicio coactivo",
    "acreedor": "Acreedor (Instituto Ecuatoriano de Seguridad Social (IESS))",
    "deudor_nombre": "Nombre o razón social del coactivado",
    "deudor_identificacion": "Cédula o RUC del coactivado",
    "deudor_tipo_identificacion": "«RUC» o «cédula de ciudadanía»",
    "deudor_es_juridica": "Verdadero si el coactivado es persona jurídica (para {% if %})",
    "deudor_representante": "Representante legal del coactivado persona jurídica (vacío si es persona natural)",
    "deudor_representante_cedula": "Cédula del representante legal",
    "deudor_direccion": "Dirección del coactivado",
    "deudor_designacion": "El coactivado como lo nombra un texto legal («X S.A., con RUC No. …, representada "
                          "legalmente por …»)",
    "coobligados": "Lista de coobligados: n, nombre, identificacion, tipo_identificacion, calidad, direccion, "
                   "designacion",
    "obligados_designacion": "El coactivado y, solidariamente, cada coobligado en su calidad",
    "titulo_numero": "Número del título de crédito",
    "titulo_fecha": "Fecha de emisión del título, en letras",
    "concepto": "Concepto del título de crédito",
    "periodo": "Período del título de crédito",
    "fecha_interes_desde": "Fecha desde la que corren intereses, en letras",
    "capital": "Capital del título (USD, 1.234,56)",
    "interes": "Intereses del título (USD)",
    "recargo": "Recargos y multas del título (USD)",
    "total": "Total del título (USD)",
    "total_letras": "Total del título en letras y cifras («MIL … 50/100 DÓLARES … (USD 1.242,50)»)",
    "cuantia": "Cuantía del juicio (USD)",
    "cuantia_letras": "Cuantía en letras y cifras",
    "opi_referencia": "Cita de la orden de pago inmediato («la orden de pago inmediato de 28 de febrero de 2025, "
                      "que obra a fojas 1 (uno)»)",
    "secretario_nombre": "Secretario-abogado del juicio",
    "secretario_cedula": "Cédula del secretario-abogado",
    "secretario_cargo": "«Secretario Abogado Externo» o «Secretario Abogado»",
    "secretario_tratamiento": "«el Abogado» o «la Abogada» (concordancia con el secretario-abogado)",
    "secretario_suscrito": "«el suscrito» o «la suscrita»",
    "secretario_articulo": "«el» o «la», según el secretario-abogado",
    "ejecutor_nombre": "Funcionario ejecutor (nombre)",
    "ejecutor_cargo": "Funcionario ejecutor (cargo)",
    "ejecutor_articulo": "«el» o «la», según el funcionario ejecutor",
}
_TERMINO = {
    "termino_dias": "Días del término (hábiles)",
    "termino_letras": "Los mismos días en letras («tres»)",
    "vencimiento": "Vencimiento del término si se notifica en la fecha del documento, en letras",
    "vencimiento_dia_semana": "Día de la semana del vencimiento («viernes»)",
}
_OFICIO = {
    **_JUICIO,
    "oficio_numero": "Número del oficio",
    "destinatario": "Entidad a la que se oficia",
    "asunto": "Asunto del oficio",
    "monto": "Monto hasta el que rige la medida (USD)",
    "monto_letras": "El monto en letras y cifras",
    "medidas_levantadas": "Lista de medidas que se levantan: n, descripcion, destinatario, oficio, fecha",
    "motivo": "Motivo del levantamiento",
}
_BIENES = {
    "bienes": "Lista de bienes: n, descripcion, tipo, valor, ubicacion",
}
_ACTA_BIENES = {
    **_JUICIO, **_BIENES,
    "hora": "Hora de la diligencia («10h30»; vacío si no se indicó)",
    "lugar_diligencia": "Lugar de la diligencia",
    "bienes_total": "Valor estimado de los bienes (USD)",
    "bienes_total_letras": "El mismo valor en letras y cifras",
    "depositario_nombre": "Depositario judicial que recibe los bienes",
    "depositario_cedula": "Cédula del depositario judicial",
    "lugar_custodia": "Dónde quedan los bienes en custodia",
    "observaciones": "Observaciones del acta",
    "depositario_cargo": "«Depositario Judicial» o «Depositaria Judicial»",
    "depositario_articulo": "«el» o «la», según el depositario",
    "depositario_del": "«del» o «de la», según el depositario",
}
_INVENTARIO = {"inventario": "Lista de bienes: n, descripcion, tipo, detalle (placa, chasis, clave catastral…), "
                             "condicion, valor"}

CAMPOS_POSESION = {
    "depositario_nombre": "Depositario judicial que toma posesión",
    "depositario_cedula": "Cédula del depositario judicial",
    **_INVENTARIO,
    "inventario_total": "Valor estimado de los bienes (USD)",
    "entrega": "Quién entrega los bienes (el coactivado, el depositario anterior…)",
    "lugar_custodia": "Dónde quedan los bienes en custodia",
    "informe_periodo": "Cada cuánto informa el depositario («mensualmente»; configurable por la oficina)",
    "acta_referencia": "Cita del acta de embargo o secuestro (fecha y fojas)",
}
CAMPOS_DESIGNACION = {
    "perito_nombre": "Perito avaluador designado", "perito_cedula": "Cédula del perito",
    "plazo_dias": "Plazo para presentar el informe pericial (días)", "plazo_letras": "El plazo en letras",
    **_INVENTARIO,
}
CAMPOS_CALIFICACION = {
    **_INVENTARIO,
    "aviso_referencia": "Cita del aviso de remate (fecha y fojas)",
    "avaluo_total": "Avalúo total de los bienes (USD)",
    "base_remate": "Base del remate (USD)", "base_remate_letras": "La base en letras y cifras",
    "posturas": "Lista de posturas: n, postor, identificacion, valor, deposito, calificada, motivo",
    "adjudicatario_nombre": "Postor adjudicatario", "adjudicatario_identificacion": "Cédula o RUC del adjudicatario",
    "adjudicacion_valor": "Valor de la adjudicación (USD)", "adjudicacion_letras": "El valor en letras y cifras",
    "saldo_deuda": "Saldo de la deuda a la fecha (USD)",
    "producto_a_deuda": "Parte del precio que se imputa a la deuda (USD)",
    "producto_a_deuda_letras": "La misma parte en letras y cifras",
    "sobrante": "Sobrante a favor del coactivado (USD)", "sobrante_letras": "El sobrante en letras y cifras",
    "hay_sobrante": "Verdadero si queda un sobrante a favor del coactivado (para {% if %})",
}
#: The fields of the template, with their meaning (besides those of every juicio document).
CAMPOS_ORDEN_HONORARIOS = {
    "solicitud_fecha": "Fecha de la solicitud de honorarios, en letras",
    "aprobacion_fecha": "Fecha de la aprobación, en letras",
    "jefe_nombre": "Jefe de la unidad que aprobó", "jefe_cargo": "Cargo del jefe",
    "recuperaciones": "Lista: n, fecha, referencia, monto, porcentaje, honorario, iva_porcentaje, iva, total",
    "exclusiones": "Lista de lo recuperado sin honorarios: n, fecha, referencia, monto, motivo",
    "hon_recuperado": "Total recuperado (USD)", "hon_excluido": "Recuperado sin honorarios (USD)",
    "hon_base": "Base de honorarios (USD)", "hon_honorario": "Honorarios antes de IVA (USD)",
    "hon_iva": "IVA (USD)", "hon_total": "Total a pagar (USD)",
    "hon_total_letras": "Total a pagar en letras y cifras",
    "tarifas": "Lista de tarifas aplicadas: desde, porcentaje, iva_porcentaje, fuente",
    "tarifa_confirmada": "Verdadero si la oficina confirmó su tarifa (si no, el documento lo dice)",
    "revision": "Lista de lo verificado por el jefe en el expediente entregado",
    "observaciones": "Observaciones de la aprobación",
}
CAMPOS: dict[str, dict[str, str]] = {
    archivo(TipoDocumento.RPV): {**_JUICIO, **_TERMINO},
    archivo(TipoDocumento.RAZON_NO_PAGO): {
        **_JUICIO,
        "rpv_referencia": "Cita del requerimiento de pago voluntario (fecha y fojas)",
        "rpv_vencimiento": "Último día del término del requerimiento, en letras",
        "termino_dias": "Días del término del requerimiento (10, COA art. 271)",
        "termino_letras": "Los mismos días en letras",
    },
    OPI: {**_JUICIO, **_TERMINO, "medidas": "Lista de medidas cautelares ordenadas (COA arts. 280-281)",
          "honorarios_a_cargo": "Verdadero si la oficina cobra al coactivado los honorarios del secretario-abogado",
          "honorarios_porcentaje": "Porcentaje de honorarios vigente («10 %»)",
          "honorarios_iva": "IVA sobre los honorarios («15 %»)",
          "honorarios_monto": "Honorarios con IVA sobre el total del título (USD)",
          "total_con_honorarios": "Total del título más esos honorarios (USD)"},
    archivo(TipoDocumento.RAZON_NOTIFICACION): {
        **_JUICIO,
        "notificacion_destinatario": "Persona notificada",
        "notificacion_identificacion": "Cédula o RUC de la persona notificada",
        "notificacion_calidad": "Calidad de la persona notificada («coactivado», «garante»…)",
        "notificacion_intento": "Intento en letras («primera», «segunda»…)",
        "notificacion_forma": "Forma («personalmente», «mediante segunda boleta», «por la prensa»)",
        "notificacion_fecha": "Fecha de la notificación, en letras",
        "notificacion_hora": "Hora de la notificación («10h30»)",
        "notificacion_direccion": "Dirección donde se notificó",
        "notificacion_recibido_por": "Quién recibió la boleta (vacío si nadie)",
        "notificacion_efectiva": "Verdadero si la notificación se practicó (para {% if %})",
        "notificacion_observaciones": "Observaciones del citador",
        "notificacion_representante": "Representante legal en cuya persona se notifica a una compañía (vacío si "
                                      "no es persona jurídica)",
        "documento_notificado": "Cita del documento notificado (fecha y fojas)",
        "citador_nombre": "Citador-notificador que practicó la diligencia",
        "citador_cargo": "Su cargo («Citador-Notificador», «Citadora-Notificadora»)",
    },
    archivo(TipoDocumento.OFICIO_RETENCION): _OFICIO,
    archivo(TipoDocumento.OFICIO_ANT): _OFICIO,
    archivo(TipoDocumento.OFICIO_REGISTRO): _OFICIO,
    archivo(TipoDocumento.OFICIO_LEVANTAMIENTO): _OFICIO,
    archivo(TipoDocumento.PROVIDENCIA): {
        **_JUICIO,
        "texto_inicial": "Primer párrafo de lo que se dispone",
        "parrafos": "Lista de los demás párrafos",
        "liquidacion_referencia": "Cita de la liquidación (vacío si no se cita)",
        "liquidacion_total_letras": "Total de la liquidación citada, en letras y cifras",
    },
    archivo(TipoDocumento.ACTA_EMBARGO): _ACTA_BIENES,
    archivo(TipoDocumento.ACTA_SECUESTRO): _ACTA_BIENES,
    archivo(TipoDocumento.LIQUIDACION): {
        **_JUICIO,
        "liq_fecha_corte": "Fecha de corte de la liquidación, en letras",
        "liq_capital": "Capital (USD)",
        "liq_interes": "Intereses hasta la fecha de corte (USD): del título + de mora + del convenio",
        "liq_interes_titulo": "Intereses liquidados en el título de crédito (USD)",
        "liq_interes_mora": "Intereses de mora hasta la fecha de corte (USD)",
        "liq_interes_convenio": "Intereses de financiamiento de un acuerdo de pago parcial (USD)",
        "liq_recargo": "Recargos y multas (USD)",
        "liq_costas": "Costas judiciales (USD)",
        "liq_deuda": "Total de la deuda antes de abonos (USD)",
        "liq_pagos": "Abonos recibidos (USD)",
        "liq_total": "Saldo a pagar a la fecha de corte (USD)",
        "liq_total_letras": "El saldo en letras y cifras",
        "liq_honorarios": "Honorarios del secretario-abogado (USD): si se cobran al coactivado, la línea de la deuda "
                          "(sobre lo recaudado y sobre el saldo); si no, los de lo recaudado, fuera del saldo",
        "liq_honorarios_a_cargo": "Verdadero si la oficina cobra los honorarios al coactivado (forman parte del saldo)",
        "liq_base_dias": "Días del año para el interés (360 o 365)",
        "tramos": "Cálculo de los intereses de mora: n, desde, hasta, dias, capital, tasa, interes",
        "costas_detalle": "Lista de costas: n, fecha, concepto, monto",
        "pagos_detalle": "Lista de abonos: n, fecha, concepto, monto",
    },
    archivo(TipoDocumento.AVISO_REMATE): {
        **_JUICIO, **_BIENES,
        "remate_fecha": "Fecha del remate, en letras",
        "remate_dia_semana": "Día de la semana del remate",
        "remate_hora": "Hora del remate",
        "remate_lugar": "Lugar o plataforma del remate",
        "avaluo_total": "Avalúo total de los bienes (USD)",
        "avaluo_total_letras": "El avalúo en letras y cifras",
        "base_remate": "Base del remate (USD)",
        "base_remate_letras": "La base en letras y cifras",
        "deposito_porcentaje": "Depósito mínimo de cada postura («10%»)",
        "deposito_letras": "El porcentaje en letras («diez»)",
    },
    archivo(TipoDocumento.ACTA_REMATE): {
        **_JUICIO, **_BIENES,
        "hora": "Hora del remate",
        "aviso_referencia": "Cita del aviso de remate (fecha y fojas)",
        "posturas": "Lista de posturas: n, postor, identificacion, valor, deposito, calificada",
        "adjudicatario_nombre": "Postor adjudicatario",
        "adjudicatario_identificacion": "Cédula o RUC del adjudicatario",
        "adjudicacion_valor": "Valor de la adjudicación (USD)",
        "adjudicacion_letras": "El valor en letras y cifras",
        "saldo_precio": "Saldo del precio que debe consignar el adjudicatario (USD)",
        "saldo_precio_letras": "El saldo en letras y cifras",
        "base_remate": "Base del remate (USD)",
        "producto_aplicado": "Verdadero si el producto del remate se imputó a la deuda (para {% if %})",
        "producto_a_deuda_letras": "Parte del precio imputada a la deuda, en letras y cifras",
        "sobrante_letras": "Sobrante a favor del coactivado, en letras y cifras",
        "hay_sobrante": "Verdadero si queda un sobrante a favor del coactivado (para {% if %})",
    },
    archivo(TipoDocumento.RAZON_ARCHIVO): {
        **_JUICIO,
        "motivo": "Motivo del archivo",
        "total_pagado": "Total recaudado (USD)",
        "total_pagado_letras": "El total recaudado en letras y cifras",
        "fojas_expediente": "Fojas del expediente antes de esta razón («42 (cuarenta y dos)»)",
        "fojas_expediente_texto": "Las mismas fojas con su sustantivo («una foja útil», «42 (cuarenta y dos) "
                                  "fojas útiles»)",
        "cuerpos": "Número de cuerpos del expediente",
        "cuerpos_texto": "Los cuerpos con su sustantivo («un cuerpo», «2 (dos) cuerpos»)",
        "auto_archivo_referencia": "Cita del auto de archivo del funcionario ejecutor (fecha y fojas)",
    },
    archivo(TipoDocumento.TITULO_CREDITO): {
        **_JUICIO,
        "titulo_corte": "Fecha de corte del título (su emisión), en letras: desde ella corre el interés de mora",
    },
    archivo(TipoDocumento.AUTO_ARCHIVO): {
        **_JUICIO,
        "motivo": "Motivo del archivo",
        "total_pagado": "Total recaudado (USD)",
        "total_pagado_letras": "El total recaudado en letras y cifras",
        "saldo": "Saldo de la deuda a la fecha del auto (USD; 0,00)",
    },
    archivo(TipoDocumento.AUTO_SUSPENSION): {
        **_JUICIO,
        "convenio_fecha": "Fecha del convenio (APP), en letras",
        "convenio_plazo_meses": "Plazo del convenio en meses",
        "convenio_plazo_letras": "El plazo en letras",
        "convenio_monto": "Monto del convenio (USD)",
        "convenio_monto_letras": "El monto en letras y cifras",
        "convenio_cuota_inicial": "Cuota inicial (USD)",
        "convenio_tasa": "Tasa de interés anual (%, «8,50»)",
        "convenio_sin_honorarios": "Verdadero si es un APP sin honorarios (Resolución C.D. 617)",
        "cuotas": "Tabla de amortización: n, vence, capital, interes, cuota",
        "cuotas_total": "Suma de las cuotas (USD)",
    },
    archivo(TipoDocumento.CARATULA): {
        **_JUICIO,
        "cuerpo": "Número del cuerpo",
        "cuerpo_letras": "El número del cuerpo en letras",
        "fecha_inicio": "Fecha de inicio del juicio, en letras",
        "fecha_citacion": "Fecha de la citación, en letras («Sin citar»)",
        "forma_citacion": "Forma de la citación («personal», «por boletas», «por la prensa»)",
        "casilla_judicial": "Casilla judicial del coactivado",
        "abogado_deudor": "Abogado del coactivado",
    },
    INDICE: {
        **_JUICIO,
        "documentos": "Lista: n, fecha, descripcion, tipo, fojas, hojas, cuerpo",
        "total_fojas": "Total de fojas en cifras y letras («42 (cuarenta y dos)»)",
        "total_fojas_texto": "Total de fojas con su sustantivo («42 (cuarenta y dos) fojas útiles»)",
        "cuerpos": "Número de cuerpos del expediente",
        "cuerpos_texto": "Los cuerpos con su sustantivo («un cuerpo»)",
    },
    archivo(TipoDocumento.ACTA_POSESION): {**_JUICIO, **CAMPOS_POSESION},
    archivo(TipoDocumento.DESIGNACION_PERITO): {**_JUICIO, **CAMPOS_DESIGNACION},
    archivo(TipoDocumento.CALIFICACION_POSTURAS): {**_JUICIO, **CAMPOS_CALIFICACION},
    ACTA_SORTEO: {
        **_OFICINA,
        "sorteo_id": "Identificador del sorteo",
        "semilla": "Semilla del sorteo (permite repetirlo y verificarlo)",
        "total_titulos": "Número de títulos sorteados",
        "total_participantes": "Número de secretarios-abogados participantes",
        "cuantia_total": "Suma de los títulos sorteados (USD)",
        "participantes": "Lista: n, nombre, cedula, calidad, asignados, cuantia",
        "asignaciones": "Lista: n, titulo, juicio, deudor, identificacion, total, secretario",
        "titulos_texto": "Los títulos sorteados con su sustantivo («320 títulos de crédito», «un título…»)",
        "participantes_texto": "Los participantes con su sustantivo («3 secretarios-abogados activos»)",
        "jefe_nombre": "Jefe de la unidad que preside el sorteo (datos de la oficina)",
        "jefe_cargo": "Su cargo (datos de la oficina)",
    },
    archivo(TipoDocumento.ORDEN_PAGO_HONORARIOS): {**_JUICIO, **CAMPOS_ORDEN_HONORARIOS},
}
