"""Accounts: login names, the password policy and the lock-out policy (pure rules, no I/O).

The constants are the office's defaults; change them here (one place) to tighten or relax the policy.
"""

from __future__ import annotations

import re
import secrets
import string
import unicodedata
from collections.abc import Collection
from datetime import datetime, timedelta

LONGITUD_MINIMA = 10
"""A password has at least this many characters."""
LONGITUD_MAXIMA = 128
MAX_INTENTOS = 5
"""Failed logins in a row that lock the account."""
DURACION_BLOQUEO = timedelta(minutes=15)
"""How long a locked account stays locked (the administrador may unlock it earlier by resetting the password)."""

LOGIN_PATRON = re.compile(r"^[a-z][a-z0-9._-]{2,59}$")
LOGINS_RESERVADOS = frozenset({"sistema", "migracion", "root"})
"""Names the program writes in the audit by itself; no user may take them."""


def _ascii(texto: str) -> str:
    sin_tildes = unicodedata.normalize("NFKD", texto).encode("ascii", "ignore").decode("ascii")
    return sin_tildes.lower()


def normalizar_login(login: str) -> str:
    """Logins are compared lower-case, without surrounding spaces."""
    return (login or "").strip().lower()


def validar_login(login: str) -> str:
    """Return the normalized login or raise ``ValueError`` (Spanish) when it breaks the rules."""
    n = normalizar_login(login)
    if not LOGIN_PATRON.match(n):
        raise ValueError(
            "el usuario tiene de 3 a 60 caracteres: letras minúsculas sin tildes, dígitos, punto, guion o "
            "guion bajo, y empieza con una letra"
        )
    if n in LOGINS_RESERVADOS:
        raise ValueError(f"«{n}» es un nombre reservado por el programa")
    return n


def login_sugerido(nombres: str, existentes: Collection[str] = ()) -> str:
    """A login from a person's names: ``primer.ultimo`` in ASCII lower case, deduplicated with a number.

    >>> login_sugerido("Ana Lucía Guamán", {"ana.guaman"})
    'ana.guaman2'
    """
    partes = [p for p in re.split(r"[^a-z0-9]+", _ascii(nombres)) if p]
    if not partes:
        base = "usuario"
    elif len(partes) == 1:
        base = partes[0]
    else:
        base = f"{partes[0]}.{partes[-1]}"
    if not base[0].isalpha():
        base = "u" + base
    base = base[:56]
    if len(base) < 3:
        base = (base + "usr")[:3]
    candidato, n = base, 1
    usados = {normalizar_login(e) for e in existentes} | LOGINS_RESERVADOS
    while candidato in usados:
        n += 1
        candidato = f"{base}{n}"
    return candidato


def problemas_clave(clave: str, login: str = "") -> list[str]:
    """What is wrong with ``clave`` under the policy (empty list: acceptable)."""
    out: list[str] = []
    if len(clave) < LONGITUD_MINIMA:
        out.append(f"tener al menos {LONGITUD_MINIMA} caracteres")
    if len(clave) > LONGITUD_MAXIMA:
        out.append(f"tener como máximo {LONGITUD_MAXIMA} caracteres")
    if not any(c.isalpha() for c in clave):
        out.append("incluir al menos una letra")
    if not any(c.isdigit() for c in clave):
        out.append("incluir al menos un dígito")
    if clave != clave.strip():
        out.append("no empezar ni terminar con espacios")
    n = normalizar_login(login)
    if n and len(n) >= 3 and n in clave.lower():
        out.append("no contener el nombre de usuario")
    return out


def _enumerar(cosas: list[str], conjuncion: str) -> str:
    """«a», «a y b», «a, b y c» (``conjuncion`` «y» or «ni»)."""
    if len(cosas) == 1:
        return cosas[0]
    if conjuncion == "y" and cosas[-1][:1] in "iI" and not cosas[-1].lower().startswith("hie"):
        conjuncion = "e"  # «tener 10 caracteres e incluir un dígito»
    return ", ".join(cosas[:-1]) + f" {conjuncion} {cosas[-1]}"


def explicar_problemas(problemas: list[str]) -> str:
    """One Spanish sentence from :func:`problemas_clave`: what the password must have, then what it must not
    («La contraseña debe tener al menos 10 caracteres y no debe contener el nombre de usuario.»; never «debe no
    contener»)."""
    debe = [p for p in problemas if not p.startswith("no ")]
    no_debe = [p.removeprefix("no ") for p in problemas if p.startswith("no ")]
    partes = []
    if debe:
        partes.append("debe " + _enumerar(debe, "y"))
    if no_debe:
        partes.append("no debe " + _enumerar(no_debe, "ni"))
    return "La contraseña " + (", y " if len(debe) > 1 else " y ").join(partes) + "."


def generar_clave(longitud: int = 14) -> str:
    """A random password that meets the policy (``secrets``), without look-alike characters."""
    letras = "".join(c for c in string.ascii_letters if c not in "lIO")
    digitos = "23456789"
    alfabeto = letras + digitos
    longitud = max(longitud, LONGITUD_MINIMA)
    while True:
        clave = "".join(secrets.choice(alfabeto) for _ in range(longitud))
        if not problemas_clave(clave):
            return clave


def bloqueado(bloqueado_hasta: datetime | None, ahora: datetime) -> bool:
    return bloqueado_hasta is not None and ahora < bloqueado_hasta


def tras_fallo(intentos: int, ahora: datetime) -> tuple[int, datetime | None]:
    """Failed-login count and lock deadline after one more failure: the ``MAX_INTENTOS``-th failure in a
    row locks the account for ``DURACION_BLOQUEO`` and starts the count again."""
    intentos += 1
    if intentos >= MAX_INTENTOS:
        return 0, ahora + DURACION_BLOQUEO
    return intentos, None
