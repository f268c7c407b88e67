"""Test helpers for users: a cheap argon2 hasher, and one user per role with a known password."""

from __future__ import annotations

import pytest
from argon2 import PasswordHasher

from app.domain.permisos import Rol, UsuarioActual
from app.services import usuarios as usuarios_mod
from app.services.bootstrap import Servicios
from app.services.usuarios import UsuariosService

CLAVE = "Clave-de-prueba-2025"
LOGINS = {
    Rol.SECRETARIO: "ana.guaman",  # the user made for the first secretario (tests/conftest.py con_secretarios)
    Rol.CITADOR: "citador",
    Rol.DEPOSITARIO: "depositario",
    Rol.JEFE: "jefe",
    Rol.EJECUTOR: "ejecutor",
    Rol.ADMINISTRADOR: "admin",
}


def hasher_rapido(monkeypatch: pytest.MonkeyPatch) -> None:
    """argon2 with minimal cost (the real parameters take ~0.15 s per hash)."""
    monkeypatch.setattr(usuarios_mod, "HASHER", PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))
    monkeypatch.setattr(usuarios_mod, "_dummy_hash", None)


def crear_usuarios(srv: Servicios) -> dict[Rol, UsuarioActual]:
    """One user per role with password :data:`CLAVE` (no change required), logged in. Needs the secretarios
    of ``con_secretarios`` (the secretario-abogado user is Ana Lucía Guamán's)."""
    us = UsuariosService(srv.ctx)
    for rol, login in LOGINS.items():
        if rol is Rol.SECRETARIO:
            us.restablecer_clave(login, CLAVE, debe_cambiar_clave=False)
        else:
            us.crear(login, f"Usuario {rol.etiqueta}", rol, clave=CLAVE, debe_cambiar_clave=False)
    return {rol: us.autenticar(login, CLAVE) for rol, login in LOGINS.items()}
