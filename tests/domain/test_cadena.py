"""The head of an expediente's record: what each cut looks like against it (app.domain.cadena)."""

from __future__ import annotations

import uuid
from datetime import date

from app.domain.cadena import DIGEST_VACIO, Cabeza, diferencias, hash_acto, sumar_digest


def _acto(**cambios: object) -> dict[str, object]:
    base: dict[str, object] = {
        "id": uuid.UUID(int=1), "expediente_id": uuid.UUID(int=2), "tipo": "OPI", "fecha": date(2025, 2, 24),
        "etapa_anterior": "RPV", "etapa_nueva": "OPI", "descripcion": "Orden de pago inmediato",
        "documento_id": uuid.UUID(int=3), "corrige_id": None, "datos": {"dias": 3, "nota": "ñ"},
    }
    return {**base, **cambios}


def test_an_act_digest_changes_with_any_field_and_not_with_the_order_of_acts() -> None:
    a, b = hash_acto(_acto()), hash_acto(_acto(id=uuid.UUID(int=9), tipo="RPV"))
    assert sumar_digest(DIGEST_VACIO, [a, b]) == sumar_digest(sumar_digest(DIGEST_VACIO, [b]), [a])
    for campo, valor in (("fecha", date(2025, 2, 25)), ("descripcion", "otra"), ("datos", {"dias": 4}),
                         ("documento_id", None)):
        assert hash_acto(_acto(**{campo: valor})) != a, campo
    assert hash_acto(_acto(descripcion=None)) == hash_acto(_acto(descripcion=""))


def test_each_cut_is_named() -> None:
    h1, h2 = "1" * 64, "2" * 64
    anclada = Cabeza(folios=3, ultimo_folio=7, hash_folio=h1, actos=2, hash_actos=h2)
    assert diferencias(anclada, anclada) == []
    assert "quedan 2 (hasta la foja 5)" in diferencias(anclada, Cabeza(2, 5, "9" * 64, 2, h2))[0]
    assert "se eliminaron todas" in diferencias(anclada, Cabeza(0, 0, "0" * 64, 2, h2))[0]
    assert "fue reemplazada" in diferencias(anclada, Cabeza(3, 7, "9" * 64, 2, h2))[0]
    assert "se eliminó 1 acto procesal" in diferencias(anclada, Cabeza(3, 7, h1, 1, h2))[0]
    assert "fue modificado" in diferencias(anclada, Cabeza(3, 7, h1, 2, "3" * 64))[0]
    assert "no registró" in diferencias(anclada, Cabeza(4, 9, h1, 2, h2))[0]
