"""Gender and number agreement in legal documents (issue 8): no "el/la", no "(s)" in anything the office signs.

Each signatory's gender comes from the office's data (``"F"`` or ``"M"``; :data:`GENEROS`): the secretario's
row, the office's funcionario ejecutor and jefe, the user who notified, the depositario in the acta. Counts
agree with their noun: "una foja útil", "42 (cuarenta y dos) fojas útiles", "un cuerpo", "320 títulos de
crédito".
"""

from __future__ import annotations

from app.common.dates import number_in_words

GENEROS = {"F": "femenino", "M": "masculino"}


def normalizar_genero(valor: str | None) -> str:
    """``"f"``, ``"Femenino"``, ``"mujer"`` → ``"F"``; ``"m"``, ``"masculino"`` → ``"M"``; anything else ``""``."""
    v = (valor or "").strip().upper()[:1]
    return v if v in GENEROS else ("F" if v == "W" else "")


def femenino(genero: str) -> bool:
    return normalizar_genero(genero) == "F"


def articulo(genero: str) -> str:
    """«el» / «la»."""
    return "la" if femenino(genero) else "el"


def del_(genero: str) -> str:
    """«del» / «de la» (the contraction a Spanish text needs: never «de el»)."""
    return "de la" if femenino(genero) else "del"


def abogado(genero: str) -> str:
    """«Abogado» / «Abogada» (the title "Ab." abbreviates both)."""
    return "Abogada" if femenino(genero) else "Abogado"


def cargo_secretario(externo: bool, genero: str) -> str:
    """«Secretario Abogado Externo», «Secretaria Abogada Externa», «Secretario Abogado», «Secretaria Abogada»."""
    base = "Secretaria Abogada" if femenino(genero) else "Secretario Abogado"
    if externo:
        return base + (" Externa" if femenino(genero) else " Externo")
    return base


def cargo_citador(genero: str) -> str:
    return "Citadora-Notificadora" if femenino(genero) else "Citador-Notificador"


def cargo_depositario(genero: str) -> str:
    return "Depositaria Judicial" if femenino(genero) else "Depositario Judicial"


def suscrito(genero: str) -> str:
    """«el suscrito» / «la suscrita»."""
    return "la suscrita" if femenino(genero) else "el suscrito"


def letras_femenino(n: int) -> str:
    """Number in words agreeing with a feminine noun: 1 → «una», 21 → «veintiuna», 31 → «treinta y una»."""
    texto = number_in_words(n)
    if texto.endswith("veintiuno"):
        return texto[:-1] + "a"
    if texto.endswith("uno"):
        return texto[:-3] + "una"
    if texto.endswith("ún"):
        return texto[:-2] + "una"
    return texto


def contar(n: int, singular: str, plural: str, *, femenino_: bool = False, letras: bool = False) -> str:
    """«un título de crédito», «una foja útil», «320 títulos de crédito», with ``letras``:
    «42 (cuarenta y dos) fojas útiles»."""
    if n == 1:
        return f"{'una' if femenino_ else 'un'} {singular}"
    if letras:
        palabras = letras_femenino(n) if femenino_ else number_in_words(n)
        return f"{n} ({palabras}) {plural}"
    return f"{n} {plural}"


def fojas_utiles(n: int) -> str:
    """«una foja útil», «42 (cuarenta y dos) fojas útiles»."""
    return contar(n, "foja útil", "fojas útiles", femenino_=True, letras=True)


def cuerpos(n: int) -> str:
    """«un cuerpo», «3 (tres) cuerpos»."""
    return contar(n, "cuerpo", "cuerpos", letras=True)
