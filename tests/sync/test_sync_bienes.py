"""A depositario's desktop holds only the goods in his custody (the server's row-level security) and his
report, with its photo, reaches the office (design.md §3: "a depositario sees his custody")."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from sqlalchemy import select

from app.domain.permisos import Rol
from app.services.bienes import NuevoBien
from app.services.bootstrap import Servicios
from app.storage.models import Expediente
from app.storage.models_bienes import Bien, FotoBien, InformeDepositario
from tests.conftest import CEDULAS
from tests.services.bienes_helpers import PNG, juicio_embargado
from tests.sync.conftest import Central

# Round trips with the central PostgreSQL (a fresh database per test): seconds apiece.
pytestmark = [pytest.mark.postgres, pytest.mark.slow]


def test_el_depositario_ve_su_custodia_y_su_informe_llega_a_la_oficina(
    servidor_central: Central, escritorio: Callable[[str], Servicios],
) -> None:
    a = escritorio("oficina")
    for nombre, ced in zip(["Ana Lucía Guamán", "Carlos Andrade Vera"], CEDULAS, strict=False):
        a.secretarios.crear(nombre, ced, externo=True, genero="F" if nombre.startswith("Ana") else "M")
    j, acta = juicio_embargado(a, n=3)
    propio = a.bienes.registrar(j, acta.documento_id, NuevoBien("MUEBLE", "Computador portátil", "450",
                                                                campos={"cantidad": "1"}), fotos=[("pc.png", PNG)])
    ajeno = a.bienes.registrar(j, acta.documento_id, NuevoBien("MUEBLE", "Impresora", "120", campos={"cantidad": "1"}))
    a.sincronizacion.configurar(servidor_central.usuario("jefe", Rol.JEFE))
    a.sincronizacion.sincronizar()
    servidor = servidor_central.usuario("jorge", Rol.DEPOSITARIO)
    a.sincronizacion.sincronizar()  # the new user's row comes down
    jorge = a.depositarios.crear("Jorge Luis Naranjo Chávez", "0926687856", login=servidor.usuario)
    otro = a.depositarios.crear("María Fernanda Yépez", "1710034065")
    a.depositarios.designar([propio.id], jorge.id, date(2025, 3, 14), "Bodega del IESS")
    a.depositarios.designar([ajeno.id], otro.id, date(2025, 3, 14), "Domicilio del coactivado")
    assert a.sincronizacion.sincronizar().pendientes == 0

    b = escritorio("depositario")
    b.sincronizacion.configurar(servidor)
    b.sincronizacion.sincronizar()
    with b.ctx.read() as s:
        assert list(s.scalars(select(Bien.id))) == [propio.id]
        assert list(s.scalars(select(Expediente.numero))) == [j]  # his good's expediente, not the others
        assert len(s.scalars(select(FotoBien)).all()) == 1
    b.depositarios.registrar_informe(propio.id, date(2025, 4, 10), "Buena", "Bodega del IESS", costo="25",
                                     concepto_costo="bodegaje", fotos=[("hoy.png", PNG + b"2")])
    assert b.sincronizacion.sincronizar().pendientes == 0

    a.sincronizacion.sincronizar()
    with a.ctx.read() as s:
        assert [i.costo for i in s.scalars(select(InformeDepositario))] == [25]
    assert [h.clase for h in a.bienes.ficha(propio.id).historia if h.clase == "INFORME"] == ["INFORME"]
    assert a.liquidacion.calcular(j, date(2025, 4, 20)).costas == 25
