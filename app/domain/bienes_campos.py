"""The fields of each kind of seized good (domain.md §5) and how a good is described from them. Pure data and
checks, shared by the services (validation) and the UI (the form is built from :data:`CAMPOS`)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from app.common.errors import ValidationError
from app.common.money import parse_amount, q
from app.domain.bienes import TipoBien, normalizar_chasis, normalizar_clave_catastral, normalizar_placa


@dataclass(frozen=True, slots=True)
class Campo:
    """A kind-specific field: ``clave`` in ``Bien.detalle`` (or its column), Spanish ``etiqueta``;
    ``tipo`` "texto", "entero" or "monto" (USD)."""

    clave: str
    etiqueta: str
    obligatorio: bool = False
    tipo: str = "texto"


CAMPOS: dict[TipoBien, tuple[Campo, ...]] = {
    TipoBien.VEHICULO: (
        Campo("placa", "Placa"), Campo("chasis", "Chasis (VIN)"), Campo("motor", "Motor"),
        Campo("marca", "Marca", True), Campo("modelo", "Modelo", True), Campo("anio", "Año", True, "entero"),
        Campo("color", "Color"), Campo("prohibicion_ant", "Prohibición ANT (oficio)"),
    ),
    TipoBien.INMUEBLE: (
        Campo("clave_catastral", "Clave catastral", True), Campo("parroquia", "Parroquia"),
        Campo("canton", "Cantón", True), Campo("provincia", "Provincia"),
        Campo("certificado_registro", "Certificado del Registro de la Propiedad"),
        Campo("propietario", "Propietario según el Registro"),
        Campo("avaluo_terreno", "Avalúo catastral del terreno (USD)", tipo="monto"),
        Campo("avaluo_construccion", "Avalúo catastral de la construcción (USD)", tipo="monto"),
    ),
    TipoBien.MUEBLE: (
        Campo("cantidad", "Cantidad", True, "entero"), Campo("marca", "Marca"), Campo("serie", "Serie"),
    ),
    TipoBien.FONDOS: (
        Campo("banco", "Banco o cooperativa", True), Campo("cuenta", "Cuenta", True),
        Campo("monto_retenido", "Monto retenido (USD)", True, "monto"), Campo("oficio", "Oficio No."),
        Campo("respuesta_banco", "Respuesta del banco"),
    ),
}
#: Fields kept in their own searchable column of ``Bien``.
COLUMNAS = ("placa", "chasis", "clave_catastral")


def tipo_bien(valor: TipoBien | str) -> TipoBien:
    try:
        return TipoBien(str(valor).upper())
    except ValueError as exc:
        raise ValidationError(f"Tipo de bien «{valor}» desconocido: use inmueble, vehículo, mueble o fondos.") from exc


def monto_opcional(valor: Any, etiqueta: str) -> Decimal | None:
    """A USD amount written as the office writes it (``1.234,56``), or None when empty.

    Raises:
        ValidationError: not an amount, negative, or more than two decimals.
    """
    if valor is None or str(valor).strip() == "":
        return None
    if isinstance(valor, Decimal):
        m = valor
    else:
        try:
            m = parse_amount(str(valor))
        except (ValueError, InvalidOperation) as exc:
            raise ValidationError(f"{etiqueta}: «{valor}» no es un monto válido (p. ej. 1.234,56).") from exc
    if not m.is_finite() or m < 0:
        raise ValidationError(f"{etiqueta}: el monto no puede ser negativo.")
    if q(m) != m:
        raise ValidationError(f"{etiqueta}: el monto tiene como máximo dos decimales.")
    return q(m)


def validar_campos(tipo: TipoBien, datos: dict[str, Any], anio_actual: int) -> dict[str, Any]:
    """Check and normalise the kind-specific fields of a good. Returns them cleaned (empty ones dropped;
    placa, chasis and clave catastral in their printed form; amounts as str of Decimal).

    Raises:
        ValidationError: the first problem, naming the field (a missing required field, a bad plate, a VIN
            with a wrong check digit, an impossible year…).
    """
    conocidos = {c.clave: c for c in CAMPOS[tipo]}
    extra = sorted(set(k for k, v in datos.items() if str(v or "").strip()) - set(conocidos))
    if extra:
        raise ValidationError(f"Campos que no corresponden a un bien de tipo {tipo.etiqueta.lower()}: "
                              f"{', '.join(extra)}.")
    out: dict[str, Any] = {}
    for c in CAMPOS[tipo]:
        valor = str(datos.get(c.clave) or "").strip()
        if not valor:
            if c.obligatorio:
                raise ValidationError(f"Falta «{c.etiqueta}» del {tipo.etiqueta.lower()}.")
            continue
        if c.clave == "placa":
            valor = normalizar_placa(valor)
        elif c.clave == "chasis":
            valor = normalizar_chasis(valor)
        elif c.clave == "clave_catastral":
            valor = normalizar_clave_catastral(valor)
        elif c.tipo == "entero":
            if not valor.isdigit() or int(valor) < 1:
                raise ValidationError(f"«{c.etiqueta}» debe ser un número entero positivo.")
            if c.clave == "anio" and not 1900 <= int(valor) <= anio_actual + 1:
                raise ValidationError(f"El año del vehículo ({valor}) no es posible.")
            valor = str(int(valor))
        elif c.tipo == "monto":
            valor = str(monto_opcional(valor, c.etiqueta))
        out[c.clave] = valor[:300]
    if tipo is TipoBien.VEHICULO and not (out.get("placa") or out.get("chasis")):
        raise ValidationError("Un vehículo se identifica por su placa o su chasis: indique al menos uno.")
    return out


def identificacion(tipo: TipoBien, d: dict[str, Any]) -> str:
    """The identifiers of a good in one line («Placa HBC-1234; chasis …; motor …»)."""
    partes: list[str] = []
    for c in CAMPOS[tipo]:
        v = d.get(c.clave)
        if v and c.clave in ("placa", "chasis", "motor", "clave_catastral", "serie", "cuenta", "certificado_registro",
                             "cantidad", "oficio"):
            unidades = "unidad" if str(v).strip() == "1" else "unidades"
            partes.append(f"{c.etiqueta.split(' (')[0]} {v}" if c.clave != "cantidad" else f"{v} {unidades}")
    return "; ".join(partes)


def descripcion_por_defecto(tipo: TipoBien, d: dict[str, Any]) -> str:
    """A description built from the fields when the user wrote none."""
    if tipo is TipoBien.VEHICULO:
        txt = " ".join(x for x in (d.get("marca"), d.get("modelo"), d.get("anio")) if x)
        return f"Vehículo {txt}" + (f", color {d['color']}" if d.get("color") else "")
    if tipo is TipoBien.INMUEBLE:
        lugar = ", ".join(x for x in (d.get("parroquia"), d.get("canton"), d.get("provincia")) if x)
        return f"Inmueble ubicado en {lugar}" if lugar else "Inmueble"
    if tipo is TipoBien.FONDOS:
        return f"Fondos retenidos en la cuenta {d.get('cuenta', '')} de {d.get('banco', '')}".strip()
    return "Bien mueble"
