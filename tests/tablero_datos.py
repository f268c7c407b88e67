"""A small office with hand-computed dashboard figures (dates relative to HOY = 15/06/2026).

| exp | secretario | etapa      | inicio     | prórroga | cuantía | plazo 180 d | banda          |
|-----|------------|------------|------------|----------|---------|-------------|----------------|
| E1  | A          | SORTEADO   | 01/05/2026 | 0        | 1000    | en plazo    | 0 (≤ 6 meses)  |
| E2  | A          | EMBARGO    | 01/10/2025 | 90       | 2000    | en plazo*   | 1 (6–12 meses) |
| E3  | B          | ARCHIVADO  | 10/01/2024 | 0        | 500     | — (cerrado) | — (cerrado)    |
| E4  | B          | SUSPENDIDO | 10/01/2025 | 0        | 300     | — (suspend.)| 2 (1–2 años)   |
| E5  | C          | OPI        | 01/05/2023 | 0        | 4000    | vencido     | 4 (> 3 años)   |
| E6  | C          | RPV        | 01/12/2025 | 0        | 250     | vencido     | 1 (6–12 meses) |

(*) 01/10/2025 + 90 + 180 = 28/06/2026 ≥ HOY. Payments: E1 100,00 on 10/05/2026; E2 250,50 on 03/04/2026;
E3 500,00 on 20/08/2025; E4 40,25 on 31/05/2026 under an APP; E5 999,99 on 01/02/2024 (before the default
24-month period 07/2024–06/2026). Open terms past due: one (E1, due 10/06/2026); E5's is due 20/06/2026 and
E6's is closed.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import select

from app.services.bootstrap import Servicios
from app.storage.models import Expediente, Secretario
from app.storage.models_juicio import Convenio, Pago, Termino
from tests.services.helpers import crear_titulos

HOY = date(2026, 6, 15)
D = Decimal

FILAS = {  # numero order -> (secretario index, etapa, inicio, prórroga, cuantía)
    "E1": (0, "SORTEADO", date(2026, 5, 1), 0, D("1000.00")),
    "E2": (0, "EMBARGO", date(2025, 10, 1), 90, D("2000.00")),
    "E3": (1, "ARCHIVADO", date(2024, 1, 10), 0, D("500.00")),
    "E4": (1, "SUSPENDIDO", date(2025, 1, 10), 0, D("300.00")),
    "E5": (2, "OPI", date(2023, 5, 1), 0, D("4000.00")),
    "E6": (2, "RPV", date(2025, 12, 1), 0, D("250.00")),
}


@dataclass
class Oficina:
    srv: Servicios
    numeros: dict[str, str]  # E1.. -> juicio number
    secretarios: list[uuid.UUID]  # A, B, C


def crear_oficina_tablero(srv: Servicios) -> Oficina:
    """Fill ``srv`` (with three secretarios) with the table above."""
    crear_titulos(srv, 6)
    srv.sorteo.realizar(semilla="tablero", fecha=date(2026, 1, 5))
    oid = srv.ctx.office_id
    with srv.ctx.tx("test: tablero") as s:
        secs = list(s.scalars(select(Secretario.id).where(Secretario.office_id == oid).order_by(Secretario.cedula)))
        exps = list(s.scalars(select(Expediente).order_by(Expediente.numero)))
        numeros = {}
        por = {}
        for clave, e in zip(FILAS, exps, strict=True):
            si, etapa, inicio, prorroga, cuantia = FILAS[clave]
            e.secretario_id, e.etapa, e.fecha_inicio = secs[si], etapa, inicio
            e.prorroga_dias, e.cuantia = prorroga, cuantia
            numeros[clave] = e.numero
            por[clave] = e
        s.flush()
        conv = Convenio(office_id=oid, expediente_id=por["E4"].id, fecha=date(2026, 3, 1), plazo_meses=12,
                        monto=D("300.00"), cuota_inicial=D("0.00"), tasa_anual=D("9.5"))
        s.add(conv)
        s.flush()
        for clave, fecha, monto, convenio in (("E1", date(2026, 5, 10), "100.00", None),
                                              ("E2", date(2026, 4, 3), "250.50", None),
                                              ("E3", date(2025, 8, 20), "500.00", None),
                                              ("E4", date(2026, 5, 31), "40.25", conv.id),
                                              ("E5", date(2024, 2, 1), "999.99", None)):
            s.add(Pago(office_id=oid, expediente_id=por[clave].id, fecha=fecha, monto=D(monto), referencia="T",
                       a_costas=D(0), a_interes=D(0), a_recargo=D(0), a_capital=D(monto), convenio_id=convenio))
        for clave, vence, cerrado in (("E1", date(2026, 6, 10), False), ("E5", date(2026, 6, 20), False),
                                      ("E6", date(2026, 6, 1), True)):
            s.add(Termino(office_id=oid, expediente_id=por[clave].id, descripcion="Término de prueba",
                          tipo="TERMINO", dias=3, desde=date(2026, 6, 1), vence=vence, cerrado=cerrado))
    return Oficina(srv, numeros, secs)


#: Goods (issue 10) added by :func:`agregar_bienes`; reports are monthly (the default rule).
#:
#: | bien | exp | estado      | dep. | valor | custody from           | last own report     | overdue         |
#: |------|-----|-------------|------|-------|------------------------|---------------------|-----------------|
#: | B1   | E2  | EN_CUSTODIA | D1   | 1000  | 01/04/2026             | 01/06/2026          | no (due 01/07)  |
#: | B2   | E2  | AVALUADO    | D1   | 500   | 02/03/2026             | —                   | yes (due 02/04) |
#: | B3   | E5  | EN_REMATE   | D2   | —     | D1 01/02, D2 20/05     | D1's 15/04: not his | no (due 20/06)  |
#: | B4   | E6  | EMBARGADO   | —    | 250   | —                      | —                   | —               |
#: | B5   | E1  | REMATADO    | D2   | 900   | out of the juicio: not counted                                 |
#: | B6   | E5  | EN_CUSTODIA | D2   | 300   | 01/01/2026             | 14/05/2026          | yes (due 14/06) |
#:
#: D1 is Ana Depositaria Vélez, D2 Luis Custodio Paredes.
BIENES = (
    ("B1", "E2", "EN_CUSTODIA", 0, "1000.00", [(date(2026, 4, 1), 0)], [(0, date(2026, 6, 1))]),
    ("B2", "E2", "AVALUADO", 0, "500.00", [(date(2026, 3, 2), 0)], []),
    ("B3", "E5", "EN_REMATE", 1, None, [(date(2026, 2, 1), 0), (date(2026, 5, 20), 1)], [(0, date(2026, 4, 15))]),
    ("B4", "E6", "EMBARGADO", None, "250.00", [], []),
    ("B5", "E1", "REMATADO", 1, "900.00", [(date(2026, 2, 1), 1)], []),
    ("B6", "E5", "EN_CUSTODIA", 1, "300.00", [(date(2026, 1, 1), 1)], [(1, date(2026, 5, 14))]),
)


def agregar_bienes(oficina: Oficina) -> list[uuid.UUID]:
    """Add the goods of :data:`BIENES` to ``oficina``; returns the depositarios' ids (D1 Ana, D2 Luis)."""
    from app.storage.models import Documento
    from app.storage.models_bienes import Bien, Custodia, Depositario, InformeDepositario

    srv = oficina.srv
    oid = srv.ctx.office_id
    with srv.ctx.tx("test: bienes del tablero") as s:
        deps = [Depositario(office_id=oid, nombres=n, cedula=c) for n, c in (
            ("Ana Depositaria Vélez", "0602910945"), ("Luis Custodio Paredes", "1710034065"))]
        s.add_all(deps)
        s.flush()
        exps = {clave: s.scalar(select(Expediente).where(Expediente.numero == numero))
                for clave, numero in oficina.numeros.items()}
        for clave, exp, estado, dep, valor, custodias, informes in BIENES:
            e = exps[exp]
            acta = Documento(office_id=oid, expediente_id=e.id, tipo="ACTA_EMBARGO", descripcion=f"Acta {clave}",
                             fecha=date(2026, 1, 1), hojas=1, archivo_sha256="0" * 64, nombre_archivo="acta.docx")
            s.add(acta)
            s.flush()
            b = Bien(office_id=oid, expediente_id=e.id, deudor_id=e.deudor_id, tipo="VEHICULO",
                     descripcion=f"Bien {clave}", estado=estado, depositario_id=None if dep is None else deps[dep].id,
                     acta_documento_id=acta.id, acta_tipo="EMBARGO",
                     fecha_acta=custodias[0][0] if custodias else date(2026, 1, 1),
                     valor_estimado=None if valor is None else D(valor))
            s.add(b)
            s.flush()
            anterior = None
            for fecha, d in custodias:
                s.add(Custodia(office_id=oid, bien_id=b.id, expediente_id=e.id, fecha=fecha,
                               motivo="DESIGNACION" if anterior is None else "CAMBIO", de_depositario_id=anterior,
                               depositario_id=deps[d].id, entrega="El coactivado", recibe=deps[d].nombres))
                anterior = deps[d].id
            for d, fecha in informes:
                s.add(InformeDepositario(office_id=oid, bien_id=b.id, depositario_id=deps[d].id, fecha=fecha,
                                         condicion="Buena", ubicacion="Riobamba", costo=D("0.00")))
    return [d.id for d in deps]
