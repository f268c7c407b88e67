"""The one registry of document types (design.md §1: "a new document type is one entry").

Each :class:`TipoDoc` says everything the program needs to know about a document type:

- ``titulo``: its Spanish title; ``plantilla``: its template file (``resources/templates/`` or the office's);
- ``acto``: the act the document *is* (the RPV *is* the requerimiento), recorded with it, or None;
- ``requiere``: an act that must already be recorded before the document is issued (the razón de archivo
  follows the ejecutor's auto de archivo), or None;
- ``foliado``: whether it enters the expediente as folios (the carátula and the índice do not);
- ``permiso``: what the user needs to issue it;
- ``datos``: the keys it accepts in ``datos`` with their meaning (anything else is refused by name);
- ``firmantes``: who signs, among ``ejecutor``, ``secretario``, ``citador``, ``jefe``, ``depositario``
  (:func:`firmantes_faltantes` tells an office without them before the first document);
- ``cita``: the legal provisions it rests on (shown in the template editor and the documentation);
- ``ayuda``: one line for the generation dialog; ``grupo``: its group in the Documentos menu.

Sources for ``cita``: Código Orgánico Administrativo (COA, R.O. 31-S, 07-07-2017) arts. 164-171
(notificación), 268 (título de crédito), 271 (requerimiento de pago voluntario), 279 (orden de pago
inmediato), 280-282 (medidas cautelares), 283-297 (embargo, avalúo, remate); IESS Resoluciones C.D. 497
(2015, Unidad Provincial de Gestión de Coactiva), C.D. 625 (2021, procedimiento), C.D. 658 (2023) and C.D. 671
(2024) (acuerdos de pago parcial); Regla Técnica Nacional de Archivos (Acuerdo SGPR-2019-0107, foliación).

Adding a type (e.g. the bienes branch's auto de designación de perito): a member of
:class:`~app.domain.tipos.TipoDocumento`, one :func:`registrar` call (or entry below), its template builder
(:mod:`app.documents.plantillas_base`) and its data preparer (:mod:`app.services.documentos_datos`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from app.common.errors import ValidationError
from app.domain.permisos import Permiso
from app.domain.tipos import TipoActo, TipoDocumento

FIRMANTES = {
    "ejecutor": "el funcionario ejecutor (Oficina → Datos de la oficina: nombre, cargo)",
    "secretario": "el secretario-abogado del juicio (Oficina → Secretarios-abogados)",
    "citador": "el citador-notificador que notificó (Oficina → Usuarios: nombres)",
    "jefe": "el jefe de la unidad (Oficina → Datos de la oficina: jefe, cargo)",
    "depositario": "el depositario judicial (datos del acta)",
}


@dataclass(frozen=True, slots=True)
class TipoDoc:
    """One document type (see the module docstring for each field)."""

    tipo: TipoDocumento
    titulo: str
    plantilla: str
    acto: TipoActo | None = None
    foliado: bool = True
    permiso: Permiso = Permiso.EXPEDIENTE_TRAMITAR
    datos: Mapping[str, str] = field(default_factory=dict)
    firmantes: tuple[str, ...] = ("secretario",)
    cita: str = ""
    ayuda: str = ""
    grupo: int = 0
    requiere: TipoActo | None = None


_OFICIO_DATOS = {"medida_id": "la medida cautelar ordenada (fila de MedidaCautelar)",
                 "destinatario": "entidad a la que se oficia (sin medida_id)"}
_ACTA_BIENES = {
    "bienes": "lista de bienes: {descripcion, tipo INMUEBLE|VEHICULO|MUEBLE|FONDOS, valor, ubicacion}; "
              "omitida: los fondos retenidos por las medidas cautelares",
    "depositario": "nombre del depositario judicial", "depositario_cedula": "cédula del depositario",
    "depositario_genero": "M (depositario) o F (depositaria), para la concordancia del acta",
    "lugar": "lugar de la diligencia", "lugar_custodia": "dónde quedan los bienes", "hora": "hora (10h30)",
    "observaciones": "observaciones del acta",
}

_T = TipoDocumento
REGISTRO: dict[TipoDocumento, TipoDoc] = {}


def registrar(*tipos: TipoDoc) -> None:
    """Add document types to :data:`REGISTRO` (a type registered twice is a programming error)."""
    for d in tipos:
        if d.tipo in REGISTRO:
            raise ValueError(f"tipo de documento registrado dos veces: {d.tipo}")
        if any(f not in FIRMANTES for f in d.firmantes):
            raise ValueError(f"firmante desconocido en {d.tipo}: {d.firmantes}")
        REGISTRO[d.tipo] = d


registrar(
    TipoDoc(_T.TITULO_CREDITO, "Copia certificada del título de crédito", "titulo_credito.docx",
            cita="COA art. 268 (requisitos del título de crédito); foja 1 del expediente",
            ayuda="Foja 1 del expediente: la copia certificada del título que se ejecuta.", grupo=0),
    TipoDoc(_T.RPV, "Requerimiento de pago voluntario", "requerimiento_pago_voluntario.docx", acto=TipoActo.RPV,
            firmantes=("ejecutor", "secretario"),
            cita="COA art. 271 (10 días término desde la notificación); COA art. 164 (casilla o correo)",
            ayuda="Concede 10 días (término) para el pago voluntario, contados desde su notificación "
                  "(COA art. 271).", grupo=0),
    TipoDoc(_T.RAZON_NO_PAGO, "Razón de no pago", "razon_no_pago.docx", acto=TipoActo.RAZON_NO_PAGO,
            cita="COA art. 271", ayuda="Se sienta cuando venció el término del requerimiento sin pago.", grupo=0),
    TipoDoc(_T.OPI, "Orden de pago inmediato", "orden_pago_inmediato.docx", acto=TipoActo.OPI,
            datos={"medidas": "lista de medidas cautelares (texto); omitida: las de ley para el coactivado"},
            firmantes=("ejecutor", "secretario"),
            cita="COA arts. 279 (3 días término para pagar o dimitir bienes), 280-282 (medidas cautelares)",
            ayuda="Procede cuando venció sin pago el término del requerimiento notificado (COA arts. 271 y "
                  "279); ordena pagar o dimitir bienes en 3 días (término) desde su notificación.", grupo=0),
    TipoDoc(_T.RAZON_NOTIFICACION, "Razón de notificación", "razon_notificacion.docx",
            permiso=Permiso.NOTIFICACION_REGISTRAR,
            datos={"notificacion_id": "la notificación (intento) de la que se sienta razón; omitida: la última "
                                      "registrada"},
            firmantes=("citador",), cita="COA arts. 164-171 (notificación)", grupo=0),
    TipoDoc(_T.OFICIO_RETENCION, "Oficio de retención de fondos", "oficio_retencion.docx", datos=_OFICIO_DATOS,
            firmantes=("ejecutor", "secretario"),
            cita="COA arts. 280-281; a la Superintendencia de Bancos y a la Superintendencia de Economía Popular "
                 "y Solidaria", grupo=1),
    TipoDoc(_T.OFICIO_ANT, "Oficio de prohibición de enajenar vehículos (ANT)", "oficio_ant.docx",
            datos=_OFICIO_DATOS, firmantes=("ejecutor", "secretario"), cita="COA arts. 280-281", grupo=1),
    TipoDoc(_T.OFICIO_REGISTRO, "Oficio de prohibición de enajenar inmuebles (Registro de la Propiedad)",
            "oficio_registro_propiedad.docx", datos=_OFICIO_DATOS, firmantes=("ejecutor", "secretario"),
            cita="COA arts. 280-281", grupo=1),
    TipoDoc(_T.OFICIO_LEVANTAMIENTO, "Oficio de levantamiento de medidas", "oficio_levantamiento.docx",
            datos={"medida_id": "la medida que se levanta; omitida: todas las vigentes",
                   "motivo": "por qué se levanta (p. ej. «haberse cancelado la obligación»)"},
            firmantes=("ejecutor", "secretario"), cita="COA art. 282", grupo=1),
    TipoDoc(_T.PROVIDENCIA, "Providencia", "providencia.docx", acto=TipoActo.PROVIDENCIA,
            datos={"texto": "lo que se dispone (un párrafo por línea)",
                   "liquidacion_id": "liquidación que se cita (máximo 3 días de antigüedad)"},
            firmantes=("ejecutor", "secretario"), cita="COA Libro III", grupo=2),
    TipoDoc(_T.ACTA_EMBARGO, "Acta de embargo", "acta_embargo.docx", acto=TipoActo.EMBARGO, datos=_ACTA_BIENES,
            firmantes=("secretario", "depositario"), cita="COA arts. 283-289 (embargo)",
            ayuda="Sin bienes en la lista se embargan los fondos retenidos por las medidas cautelares.", grupo=2),
    TipoDoc(_T.ACTA_SECUESTRO, "Acta de secuestro", "acta_secuestro.docx", acto=TipoActo.SECUESTRO,
            datos={**_ACTA_BIENES, "bienes": "lista de bienes: {descripcion, tipo, valor, ubicacion}"},
            firmantes=("secretario", "depositario"), cita="COA arts. 280-281", grupo=2),
    TipoDoc(_T.AVISO_REMATE, "Aviso de remate", "aviso_remate.docx", acto=TipoActo.AVISO_REMATE,
            datos={"fecha_remate": "fecha del remate (dd/mm/aaaa)", "hora": "hora del remate (10h00)",
                   "lugar": "lugar o plataforma del remate",
                   "bienes": "lista de bienes con su avalúo: {descripcion, tipo, valor}",
                   "base": "base del remate (USD); omitida: el avalúo total"},
            firmantes=("ejecutor", "secretario"), cita="COA arts. 290-297 (remate)", grupo=2),
    TipoDoc(_T.ACTA_REMATE, "Acta de remate", "acta_remate.docx", acto=TipoActo.REMATE,
            datos={"bienes": "lista de bienes rematados",
                   "posturas": "lista: {postor, identificacion, valor, deposito}",
                   "adjudicatario": "número (1, 2, …) de la postura adjudicada; omitido: la mayor postura "
                                    "calificada",
                   "hora": "hora del remate"},
            firmantes=("ejecutor", "secretario"), cita="COA arts. 290-297 (remate)", grupo=2),
    TipoDoc(_T.LIQUIDACION, "Liquidación", "liquidacion.docx",
            datos={"liquidacion_id": "la liquidación registrada; omitida: la última del expediente"},
            cita="COA art. 268; tabla mensual de tasas de interés de la oficina",
            ayuda="Se genera con la última liquidación registrada (o la registra a esta fecha).", grupo=3),
    TipoDoc(_T.AUTO_SUSPENSION, "Auto de suspensión por convenio de pago", "auto_suspension_convenio.docx",
            datos={"convenio_id": "el convenio (APP); omitido: el último vigente"},
            firmantes=("ejecutor", "secretario"), cita="IESS Resoluciones C.D. 658 (2023) y C.D. 671 (2024)",
            ayuda="Con el acuerdo de pago parcial vigente.", grupo=3),
    TipoDoc(_T.AUTO_ARCHIVO, "Auto de archivo", "auto_archivo.docx", acto=TipoActo.ARCHIVO,
            datos={"motivo": "motivo del archivo; omitido: el pago total de la obligación",
                   "saldo": "saldo de la deuda (debe ser 0); omitido: el de la liquidación a la fecha"},
            firmantes=("ejecutor", "secretario"), cita="COA Libro III; extinción de la obligación por pago",
            ayuda="El funcionario ejecutor ordena el archivo: procede con la deuda pagada (saldo cero).",
            grupo=3),
    TipoDoc(_T.RAZON_ARCHIVO, "Razón de archivo", "razon_archivo.docx", requiere=TipoActo.ARCHIVO,
            datos={"motivo": "motivo del archivo; omitido: el pago total de la obligación"},
            cita="Resolución C.D. 497 (procesos numerados, ordenados y foliados)",
            ayuda="Se sienta después del auto de archivo del funcionario ejecutor.", grupo=3),
    TipoDoc(_T.CARATULA, "Carátula del expediente", "caratula.docx", foliado=False,
            datos={"cuerpo": "número del cuerpo; omitido: el último"},
            ayuda="La carátula no se folia: se abre para imprimirla.", grupo=4),
    TipoDoc(_T.INDICE, "Índice del expediente", "indice_expediente.docx", foliado=False,
            cita="Regla Técnica Nacional de Archivos (Acuerdo SGPR-2019-0107)",
            ayuda="El índice no se folia: se abre para imprimirlo.", grupo=4),
    TipoDoc(_T.ACTA_SORTEO, "Acta de sorteo", "acta_sorteo.docx", foliado=False, permiso=Permiso.SORTEO_REALIZAR,
            firmantes=("jefe", "secretario"), cita="IESS Resolución C.D. 497 (sorteo de títulos de crédito)",
            grupo=4),
)


def tipo_doc(tipo: TipoDocumento | str) -> TipoDoc:
    """The registry entry of ``tipo`` (a :class:`TipoDocumento`, its CLI value or its name).

    Raises:
        ValidationError: unknown type (the message lists the valid ones).
    """
    if isinstance(tipo, TipoDocumento):
        return REGISTRO[tipo]
    texto = str(tipo).strip()
    for t in REGISTRO:
        if texto in (t.value, t.name) or texto.lower().replace("_", "-") == t.value:
            return REGISTRO[t]
    raise ValidationError(f"Tipo de documento «{texto}» desconocido. Tipos: {', '.join(t.value for t in REGISTRO)}.")


def titulo(tipo: TipoDocumento | str) -> str:
    return tipo_doc(tipo).titulo


def actos() -> dict[TipoDocumento, TipoActo]:
    """Document type → the act it is (only the types that are acts)."""
    return {t: d.acto for t, d in REGISTRO.items() if d.acto is not None}


def no_foliados() -> frozenset[TipoDocumento]:
    return frozenset(t for t, d in REGISTRO.items() if not d.foliado)


def grupos() -> list[list[TipoDocumento]]:
    """The types by menu group, in registry order."""
    out: dict[int, list[TipoDocumento]] = {}
    for t, d in REGISTRO.items():
        out.setdefault(d.grupo, []).append(t)
    return [out[k] for k in sorted(out)]


def validar_claves(tipo: TipoDocumento, datos: Mapping[str, object]) -> None:
    """Refuse keys a document type does not know (a typo must not be silently ignored).

    Raises:
        ValidationError: naming the unknown keys and the accepted ones.
    """
    aceptadas = REGISTRO[tipo].datos
    extra = sorted(set(datos) - set(aceptadas))
    if extra:
        lista = ", ".join(sorted(aceptadas)) or "ninguno"
        dato = "dato desconocido" if len(extra) == 1 else "datos desconocidos"
        raise ValidationError(f"{REGISTRO[tipo].titulo}: {dato} {', '.join(extra)}. Datos aceptados: {lista}.")


def firmantes_faltantes(tipos: Iterable[TipoDocumento], presentes: Mapping[str, bool]) -> list[str]:
    """What the office must fill in before issuing ``tipos``: the description of each signatory (of
    :data:`FIRMANTES`) a type needs and ``presentes`` says is missing (name or cargo empty)."""
    faltan: list[str] = []
    for t in tipos:
        for f in REGISTRO[t].firmantes:
            if not presentes.get(f, True) and FIRMANTES[f] not in faltan:
                faltan.append(FIRMANTES[f])
    return faltan
