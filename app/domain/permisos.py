"""Roles and permissions (domain.md §1). The services enforce them; the UI only follows them.

A secretario-abogado acts only on the expedientes assigned to him; a depositario only on goods in his
custody; only the jefe runs the sorteo, approves fees and re-foliates; only the administrador edits
templates, tariffs, holidays and users. ``SISTEMA`` is the unattended principal of the command line on a
local data dir (recorded as "administrador" in the audit).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from enum import StrEnum


class Rol(StrEnum):
    SECRETARIO = "SECRETARIO_ABOGADO"
    CITADOR = "CITADOR_NOTIFICADOR"
    DEPOSITARIO = "DEPOSITARIO_JUDICIAL"
    JEFE = "JEFE_UNIDAD"
    EJECUTOR = "FUNCIONARIO_EJECUTOR"
    ADMINISTRADOR = "ADMINISTRADOR"

    @property
    def etiqueta(self) -> str:
        return ETIQUETAS_ROL[self]


ETIQUETAS_ROL = {
    Rol.SECRETARIO: "Secretario-Abogado",
    Rol.CITADOR: "Citador-Notificador",
    Rol.DEPOSITARIO: "Depositario Judicial",
    Rol.JEFE: "Jefe de Unidad",
    Rol.EJECUTOR: "Funcionario Ejecutor",
    Rol.ADMINISTRADOR: "Administrador",
}


class Permiso(StrEnum):
    """What an action needs. The value is the Spanish name shown when it is refused."""

    TITULOS_IMPORTAR = "importar títulos de crédito"
    SORTEO_REALIZAR = "realizar el sorteo"
    EXPEDIENTE_TRAMITAR = "tramitar el expediente (actos, documentos, pagos)"
    NOTIFICACION_REGISTRAR = "registrar notificaciones"
    FOLIACION_CORREGIR = "corregir la foliación (refoliar)"
    HONORARIOS_APROBAR = "aprobar honorarios"
    BIENES_REGISTRAR = "registrar sobre bienes en custodia"
    SECRETARIOS_ADMINISTRAR = "administrar secretarios-abogados"
    USUARIOS_ADMINISTRAR = "administrar usuarios"
    PLANTILLAS_EDITAR = "editar plantillas"
    TARIFAS_EDITAR = "editar tarifas y tasas"
    FERIADOS_EDITAR = "editar feriados"
    OFICINA_CONFIGURAR = "configurar la oficina"
    AUDITORIA_VER = "ver la auditoría"


_CONFIG = frozenset({Permiso.USUARIOS_ADMINISTRAR, Permiso.PLANTILLAS_EDITAR, Permiso.TARIFAS_EDITAR,
                     Permiso.FERIADOS_EDITAR, Permiso.OFICINA_CONFIGURAR, Permiso.SECRETARIOS_ADMINISTRAR,
                     Permiso.AUDITORIA_VER})

PERMISOS: dict[Rol, frozenset[Permiso]] = {
    Rol.SECRETARIO: frozenset({Permiso.EXPEDIENTE_TRAMITAR, Permiso.NOTIFICACION_REGISTRAR}),
    Rol.CITADOR: frozenset({Permiso.NOTIFICACION_REGISTRAR}),
    Rol.DEPOSITARIO: frozenset({Permiso.BIENES_REGISTRAR}),
    Rol.JEFE: frozenset({Permiso.TITULOS_IMPORTAR, Permiso.SORTEO_REALIZAR, Permiso.FOLIACION_CORREGIR,
                         Permiso.HONORARIOS_APROBAR, Permiso.AUDITORIA_VER}),
    Rol.EJECUTOR: frozenset({Permiso.AUDITORIA_VER}),
    Rol.ADMINISTRADOR: _CONFIG,
}


@dataclass(frozen=True, slots=True)
class UsuarioActual:
    """Who is acting. ``secretario_id`` links a secretario-abogado user to his expedientes."""

    login: str
    rol: Rol
    nombres: str = ""
    id: uuid.UUID | None = None
    secretario_id: uuid.UUID | None = None
    sistema: bool = False
    debe_cambiar_clave: bool = False

    def puede(self, permiso: Permiso) -> bool:
        return self.sistema or permiso in PERMISOS[self.rol]

    @property
    def limitado_a_sus_expedientes(self) -> bool:
        """True for a secretario-abogado: he acts only on the expedientes assigned to him."""
        return not self.sistema and (self.rol is Rol.SECRETARIO or self.secretario_id is not None)

    def puede_en(self, permiso: Permiso, secretario_id: uuid.UUID | None) -> bool:
        """Whether he may use ``permiso`` on an expediente assigned to ``secretario_id``."""
        if not self.puede(permiso):
            return False
        return not self.limitado_a_sus_expedientes or secretario_id is None or secretario_id == self.secretario_id


def roles_con(permiso: Permiso) -> list[Rol]:
    """The roles that hold ``permiso`` (for messages and tests)."""
    return [r for r in Rol if permiso in PERMISOS[r]]


SISTEMA = UsuarioActual(login="administrador", rol=Rol.ADMINISTRADOR, nombres="Administrador", sistema=True)
