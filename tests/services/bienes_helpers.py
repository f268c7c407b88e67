"""A juicio with an acta de embargo (for the tests of seized goods), made through the real services."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from app.domain.tipos import TipoDocumento
from app.services.bootstrap import Servicios
from tests.services.helpers import crear_titulos, rpv_vencido, tasas_de_prueba

TZ = ZoneInfo("America/Guayaquil")
CEDULA_DEPOSITARIO = "0926687856"
#: A VIN with a correct check digit (the NHTSA's example): 1M8GDM9AXKP042788.
VIN = "1M8GDM9AXKP042788"
PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90wS\xde\x00"
       b"\x00\x00\x0cIDATx\x9cc\xf8\xcf\xc0\x00\x00\x03\x01\x01\x00\xc9\xfe\x92\xef\x00\x00\x00\x00IEND\xaeB`\x82")


def juicio_embargado(srv: Servicios, total: Decimal = Decimal("1242.50"), n: int = 1) -> tuple[str, object]:
    """Sorteo on 20/01/2025, RPV notified early February and lapsed, OPI on 28/02/2025, notified 03/03
    (Carnaval: 3 días end 10/03), acta de embargo on 11/03/2025. A monthly rate table (12 %) so that
    liquidaciones work. Returns (juicio, acta)."""
    crear_titulos(srv, n, total=total)
    r = srv.sorteo.realizar(semilla="x", fecha=date(2025, 1, 20))
    j = r.asignaciones[0].juicio
    tasas_de_prueba(srv)
    rpv_vencido(srv, j, date(2025, 2, 28))  # the OPI only after the RPV's término lapsed (COA arts. 271, 279)
    srv.documentos.generar(TipoDocumento.OPI, j, date(2025, 2, 28))
    srv.notificaciones.registrar(j, intento=1, forma="PERSONAL", fecha_hora=datetime(2025, 3, 5, 10, 0, tzinfo=TZ),
                                 efectiva=True, recibido_por="El coactivado",
                                 direccion="Av. Daniel León Borja 24-15, Riobamba")
    srv.documentos.generar(TipoDocumento.ACTA_EMBARGO, j, date(2025, 3, 12), {
        "depositario": "Jorge Luis Naranjo Chávez", "depositario_cedula": CEDULA_DEPOSITARIO, "depositario_genero": "M",
        "bienes": [{"descripcion": "Camioneta Chevrolet D-Max", "tipo": "VEHICULO", "valor": "900"}]})
    acta = srv.bienes.actas(j)[0]
    return j, acta
