"""The plain data the template builders read (:mod:`app.documents.campos`): the office, the juicio, the
coactivado and co-obligados, the título, and one dataclass per kind of document data (a notificación, an oficio,
an acta of goods, a liquidación, a remate, a convenio, the índice). Amounts are USD :class:`~decimal.Decimal`;
dates are local dates. The services read the rows and fill these; nothing here touches the database.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from app.domain.bienes import deposito_suficiente


@dataclass(frozen=True, slots=True)
class Oficina:
    nombre: str
    ciudad: str
    provincia: str
    ejecutor_nombre: str = ""
    ejecutor_cargo: str = "Funcionario Ejecutor"
    ejecutor_genero: str = ""
    jefe_nombre: str = ""
    jefe_cargo: str = ""
    jefe_genero: str = ""


@dataclass(frozen=True, slots=True)
class Persona:
    """A coactivado or co-obligado. ``tipo_identificacion`` "RUC" or "CEDULA"; ``tipo_persona`` "NATURAL" or
    "JURIDICA" (then named with ``representante_legal``); ``calidad`` of a co-obligado (GARANTE,
    RESPONSABLE_SOLIDARIO)."""

    nombre: str
    identificacion: str
    tipo_identificacion: str = "CEDULA"
    tipo_persona: str = "NATURAL"
    representante_legal: str = ""
    representante_cedula: str = ""
    direccion: str = ""
    calidad: str = ""


@dataclass(frozen=True, slots=True)
class Titulo:
    numero: str
    fecha_emision: date
    concepto: str
    periodo: str
    capital: Decimal
    interes: Decimal
    recargo: Decimal
    total: Decimal
    fecha_interes_desde: date


@dataclass(frozen=True, slots=True)
class Secretario:
    nombres: str
    cedula: str
    externo: bool = True
    genero: str = ""


@dataclass(frozen=True, slots=True)
class RefDocumento:
    """A document already in the expediente, cited by its date and folios."""

    descripcion: str
    fecha: date
    desde: int
    hasta: int


@dataclass(frozen=True, slots=True)
class Juicio:
    """What every document of an expediente says about it. ``ultimo_folio``: the last folio before the
    document being generated; ``cuerpos``: volumes so far; ``opi``: the orden de pago inmediato, if any."""

    numero: str
    oficina: Oficina
    deudor: Persona
    titulo: Titulo
    secretario: Secretario
    coobligados: tuple[Persona, ...] = ()
    cuantia: Decimal | None = None
    fecha_inicio: date | None = None
    casilla_judicial: str = ""
    abogado_deudor: str = ""
    fecha_citacion: date | None = None
    forma_citacion: str = ""
    ultimo_folio: int = 0
    cuerpos: int = 1
    opi: RefDocumento | None = None


@dataclass(frozen=True, slots=True)
class Notificacion:
    """One attempt to notify (COA arts. 164, 171). ``forma`` PERSONAL | BOLETA | PRENSA; ``fecha_hora`` local."""

    destinatario: str
    identificacion: str
    intento: int
    forma: str
    fecha_hora: datetime
    direccion: str = ""
    recibido_por: str = ""
    efectiva: bool = False
    observaciones: str = ""
    calidad: str = "coactivado"
    documento: RefDocumento | None = None
    citador_nombre: str = ""
    citador_cargo: str = ""
    #: The person notified is a company: the diligencia is made "en la persona de su representante legal".
    representante_legal: str = ""


@dataclass(frozen=True, slots=True)
class MedidaRef:
    """A medida cautelar already ordered (for a levantamiento)."""

    descripcion: str
    destinatario: str
    oficio_numero: str
    fecha: date


@dataclass(frozen=True, slots=True)
class Oficio:
    numero: str
    destinatario: str
    monto: Decimal
    medidas: tuple[MedidaRef, ...] = ()
    motivo: str = ""


@dataclass(frozen=True, slots=True)
class Bien:
    """A seized or auctioned good (domain.md §5): ``tipo`` INMUEBLE | VEHICULO | MUEBLE | FONDOS ("" unknown)."""

    descripcion: str
    tipo: str = ""
    valor: Decimal | None = None
    ubicacion: str = ""


@dataclass(frozen=True, slots=True)
class ActaBienes:
    """Data of an acta de embargo or de secuestro."""

    bienes: tuple[Bien, ...]
    depositario_nombre: str
    depositario_cedula: str = ""
    lugar_diligencia: str = ""
    lugar_custodia: str = ""
    hora: str = ""
    observaciones: str = ""
    depositario_genero: str = ""


@dataclass(frozen=True, slots=True)
class Movimiento:
    """A line of a liquidación's detail (a costa or an abono)."""

    fecha: date
    concepto: str
    monto: Decimal


@dataclass(frozen=True, slots=True)
class TramoInteres:
    """A period of mora interest: ``capital`` outstanding at ``tasa_anual`` % for ``dias`` days."""

    desde: date
    hasta: date
    dias: int
    capital: Decimal
    tasa_anual: Decimal
    interes: Decimal


@dataclass(frozen=True, slots=True)
class LiquidacionDocumento:
    """A liquidación (:mod:`app.domain.liquidacion`): ``total`` = capital + interés + recargo + costas − pagos;
    ``honorarios`` are shown, not added (they are owed by the office to its lawyer, on what was recovered).
    ``interes`` = ``interes_titulo`` + ``interes_mora`` + ``interes_convenio`` (None: all of it is the título's)."""

    fecha_corte: date
    capital: Decimal
    interes: Decimal
    recargo: Decimal
    costas: Decimal
    honorarios: Decimal
    pagos: Decimal
    total: Decimal
    interes_titulo: Decimal | None = None
    interes_mora: Decimal = Decimal("0.00")
    interes_convenio: Decimal = Decimal("0.00")
    tramos: tuple[TramoInteres, ...] = ()
    base_dias: int = 360
    costas_detalle: tuple[Movimiento, ...] = ()
    pagos_detalle: tuple[Movimiento, ...] = ()
    documento: RefDocumento | None = None
    honorarios_a_cargo: bool = False  # the office charges the fee to the coactivado: a line of the debt


@dataclass(frozen=True, slots=True)
class HonorariosOpi:
    """The fee an OPI announces when the office charges it to the coactivado: percent and IVA of the tariff
    in force on its date, and that fee on the título's total (USD)."""

    porcentaje: Decimal
    iva_porcentaje: Decimal
    monto: Decimal


@dataclass(frozen=True, slots=True)
class AvisoRemate:
    fecha_remate: date
    hora: str
    lugar: str
    bienes: tuple[Bien, ...]
    base: Decimal


@dataclass(frozen=True, slots=True)
class Postura:
    postor: str
    identificacion: str
    valor: Decimal
    deposito: Decimal

    @property
    def calificada(self) -> bool:
        """At least 10% of the bid deposited (domain.md §2.9)."""
        return deposito_suficiente(self.valor, self.deposito)


@dataclass(frozen=True, slots=True)
class ActaRemate:
    bienes: tuple[Bien, ...]
    posturas: tuple[Postura, ...]
    hora: str = ""
    aviso: RefDocumento | None = None
    adjudicatario: int | None = None  # index into posturas; None: the highest qualified bid
    base: Decimal | None = None  # the remate's base (USD); None: not stated
    a_deuda: Decimal | None = None  # part of the price applied to the debt; None: not applied here
    sobrante: Decimal = Decimal("0.00")  # owed back to the debtor


@dataclass(frozen=True, slots=True)
class Archivo:
    motivo: str
    total_pagado: Decimal
    auto: RefDocumento | None = None


@dataclass(frozen=True, slots=True)
class Cuota:
    numero: int
    vence: date
    capital: Decimal
    interes: Decimal
    cuota: Decimal


@dataclass(frozen=True, slots=True)
class Convenio:
    fecha: date
    plazo_meses: int
    monto: Decimal
    cuota_inicial: Decimal
    tasa_anual: Decimal
    sin_honorarios: bool
    cuotas: tuple[Cuota, ...] = ()


@dataclass(frozen=True, slots=True)
class EntradaIndice:
    n: int
    fecha: date
    descripcion: str
    tipo: str
    desde: int
    hasta: int
    hojas: int
    cuerpo_desde: int
    cuerpo_hasta: int
    provisional: bool = False


@dataclass(frozen=True, slots=True)
class Indice:
    entradas: tuple[EntradaIndice, ...] = field(default_factory=tuple)

