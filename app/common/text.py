"""Text helpers: normalisation for searching names regardless of accents and case; counts with the noun in
the right number (:func:`plural`), used by every message that counts something."""

from __future__ import annotations

import re
import unicodedata


def search_key(text: str) -> str:
    """Uppercase, no accents, single spaces: ``' José  Núñez '`` -> ``'JOSE NUNEZ'``."""
    s = unicodedata.normalize("NFKD", text or "")
    s = "".join(c for c in s if not unicodedata.combining(c))
    return re.sub(r"\s+", " ", s).strip().upper()


def clean_spaces(text: str) -> str:
    """Collapse stray spaces (imported cells) while keeping accents and case."""
    return re.sub(r"\s+", " ", (text or "").replace("\u00a0", " ")).strip()


def _plural_de(palabra: str) -> str:
    """Spanish plural of one word: «expediente» → «expedientes», «término» → «términos», «bien» → «bienes»,
    «acción» → «acciones», «secretario-abogado» → «secretarios-abogados»."""
    if "-" in palabra:  # «secretario-abogado» → «secretarios-abogados»
        return "-".join(_plural_de(p) for p in palabra.split("-"))
    if not palabra or not palabra[-1].isalpha():
        return palabra
    if palabra[-1].lower() in "aeiouáéó":
        return palabra + "s"
    if palabra[-1].lower() == "z":
        return palabra[:-1] + "ces"
    # Stress moves off the last syllable: «acción» → «acciones», «fallón» → «fallones».
    if len(palabra) > 2 and palabra[-2] in "áéíóú" and palabra[-1] in "ns":
        return palabra[:-2] + {"á": "a", "é": "e", "í": "i", "ó": "o", "ú": "u"}[palabra[-2]] + palabra[-1] + "es"
    if palabra[-1].lower() == "s":  # «lunes», «análisis»: invariable
        return palabra
    return palabra + "es"


def plural(n: int, singular: str, plural_: str | None = None, *, miles: bool = True) -> str:
    """The count and the noun phrase in the right number: ``plural(1, "expediente")`` → ``"1 expediente"``,
    ``plural(2, "término")`` → ``"2 términos"``, ``plural(1200, "expediente")`` → ``"1.200 expedientes"``
    (thousands with dots unless ``miles`` is False).

    A phrase's words agree in number: ``plural(3, "término abierto")`` → ``"3 términos abiertos"``; a phrase whose
    tail does not change (``"acto procesal"``, ``"título de crédito"``) is given its plural as ``plural_``
    (``plural(2, "título de crédito", "títulos de crédito")``).
    """
    cifra = f"{n:,}".replace(",", ".") if miles else str(n)
    if n == 1:
        return f"{cifra} {singular}"
    return f"{cifra} {plural_ if plural_ is not None else ' '.join(_plural_de(p) for p in singular.split(' '))}"


def segun(n: int, singular: str, plural_: str) -> str:
    """``singular`` when ``n`` is 1, else ``plural_`` (for the verb or article around a count:
    «se generó» / «se generaron»)."""
    return singular if n == 1 else plural_
