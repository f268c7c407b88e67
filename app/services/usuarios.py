"""Users: the first administrador, login with lock-out, accounts kept by the administrador, one's own password.

Passwords are stored as argon2id hashes (argon2-cffi). A failed login never says whether the login exists:
an unknown login, a wrong password and an account without password get the same message, and unknown
logins are locked out like real ones: their failure count is kept in the database
(:class:`~app.storage.models_fiabilidad.IntentoAcceso`), so it holds across processes and restarts, and
each failure writes one row as a real one does. The policy (length, attempts, lock
time) lives in :mod:`app.domain.claves`.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, replace
from datetime import datetime
from typing import NoReturn

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.common.dates import to_local, utcnow
from app.common.errors import NotFoundError, PermissionDenied, RuleError, ValidationError
from app.common.text import clean_spaces
from app.domain import claves
from app.domain.identificacion import validar_cedula
from app.domain.permisos import Permiso, Rol, UsuarioActual
from app.services.context import Contexto
from app.storage.consultas.usuarios import logins_de
from app.storage.models import Secretario, Usuario
from app.storage.models_fiabilidad import IntentoAcceso

HASHER = PasswordHasher()
"""argon2id with the library's defaults (RFC 9106 low-memory profile). Tests may replace it with a cheaper one."""

MENSAJE_CREDENCIALES = (
    "Usuario o contraseña incorrectos. Si su cuenta es nueva o olvidó la contraseña, pida al administrador "
    "que le asigne una."
)

_dummy_hash: str | None = None


def _hash_de_relleno() -> str:
    # Verifying against a real hash when the login is unknown makes both cases take the same time.
    global _dummy_hash
    if _dummy_hash is None:
        _dummy_hash = HASHER.hash("relleno-que-nunca-coincide-0")
    return _dummy_hash


def _verificar(hash_: str | None, clave: str) -> bool:
    try:
        return HASHER.verify(hash_ or _hash_de_relleno(), clave) and hash_ is not None
    except (VerificationError, InvalidHashError):
        return False


def _hash(clave: str) -> str:
    return HASHER.hash(clave)


def _exigir_politica(clave: str, login: str) -> None:
    problemas = claves.problemas_clave(clave, login)
    if problemas:
        raise ValidationError(claves.explicar_problemas(problemas))


def _mensaje_bloqueo(hasta: datetime, ahora: datetime) -> str:
    minutos = max(1, int((hasta - ahora).total_seconds() + 59) // 60)
    return (
        f"Cuenta bloqueada por {claves.MAX_INTENTOS} intentos fallidos seguidos. Intente de nuevo a las "
        f"{to_local(hasta):%H:%M} (en {minutos} min) o pida al administrador que restablezca su contraseña."
    )


@dataclass(frozen=True, slots=True)
class DatosUsuario:
    id: uuid.UUID
    login: str
    nombres: str
    cedula: str
    rol: Rol
    activo: bool
    email: str
    secretario_id: uuid.UUID | None
    tiene_clave: bool
    debe_cambiar_clave: bool
    intentos_fallidos: int
    bloqueado_hasta: datetime | None

    def bloqueado(self, ahora: datetime | None = None) -> bool:
        return claves.bloqueado(self.bloqueado_hasta, ahora or utcnow())

    @property
    def estado(self) -> str:
        if not self.activo:
            return "Inactivo"
        if self.bloqueado():
            return "Bloqueado"
        if not self.tiene_clave:
            return "Sin contraseña"
        if self.debe_cambiar_clave:
            return "Debe cambiar la contraseña"
        return "Activo"


def _datos(u: Usuario) -> DatosUsuario:
    return DatosUsuario(
        u.id, u.login, u.nombres, u.cedula, Rol(u.rol), u.activo, u.email, u.secretario_id, u.password_hash is not None,
        u.debe_cambiar_clave, u.intentos_fallidos, u.bloqueado_hasta,
    )


def actual_de(u: Usuario) -> UsuarioActual:
    """The acting principal for a stored user."""
    return UsuarioActual(login=u.login, rol=Rol(u.rol), nombres=u.nombres, id=u.id, secretario_id=u.secretario_id,
                         debe_cambiar_clave=u.debe_cambiar_clave)


def usuario_de_secretario_en(s: Session, secretario: Secretario) -> Usuario:
    """The user of a secretario-abogado, created (no password: the administrador sets one) when he has none.

    Inside the caller's transaction; ``secretario`` must be flushed.
    """
    u = s.scalar(select(Usuario).where(Usuario.secretario_id == secretario.id))
    if u is not None:
        return u
    login = claves.login_sugerido(secretario.nombres, logins_de(s, secretario.office_id))
    u = Usuario(
        office_id=secretario.office_id, login=login,
        nombres=secretario.nombres, cedula=secretario.cedula, rol=Rol.SECRETARIO.value, activo=True,
        password_hash=None, intentos_fallidos=0, bloqueado_hasta=None, debe_cambiar_clave=True,
        secretario_id=secretario.id, email=secretario.email,
    )
    s.add(u)
    s.flush()
    return u


class UsuariosService:
    def __init__(self, ctx: Contexto) -> None:
        self.ctx = ctx

    # -- reading -----------------------------------------------------------------------------------------------
    def _buscar(self, s: Session, login: str) -> Usuario | None:
        return s.scalar(select(Usuario).where(Usuario.office_id == self.ctx.office_id,
                                              Usuario.login == claves.normalizar_login(login)))

    def _obtener(self, s: Session, login: str) -> Usuario:
        u = self._buscar(s, login)
        if u is None:
            raise NotFoundError(f"No existe el usuario «{claves.normalizar_login(login)}» en esta oficina.")
        return u

    def hay_administrador(self) -> bool:
        """Whether the office has an active administrador (if not, the program asks to create one)."""
        with self.ctx.read() as s:
            return self._hay_admin(s)

    def _hay_admin(self, s: Session) -> bool:
        return s.scalar(select(func.count()).select_from(Usuario).where(
            Usuario.office_id == self.ctx.office_id, Usuario.rol == Rol.ADMINISTRADOR.value,
            Usuario.activo.is_(True))) > 0

    def listar(self, incluir_inactivos: bool = True) -> list[DatosUsuario]:
        """The office's users by name. Needs USUARIOS_ADMINISTRAR."""
        self.ctx.exigir(Permiso.USUARIOS_ADMINISTRAR)
        with self.ctx.read() as s:
            q = select(Usuario).where(Usuario.office_id == self.ctx.office_id).order_by(Usuario.nombres, Usuario.login)
            if not incluir_inactivos:
                q = q.where(Usuario.activo.is_(True))
            return [_datos(u) for u in s.scalars(q)]

    def obtener(self, login: str) -> DatosUsuario:
        self.ctx.exigir(Permiso.USUARIOS_ADMINISTRAR)
        with self.ctx.read() as s:
            return _datos(self._obtener(s, login))

    def sugerir_login(self, nombres: str) -> str:
        with self.ctx.read() as s:
            return claves.login_sugerido(nombres, logins_de(s, self.ctx.office_id))

    # -- first start -------------------------------------------------------------------------------------------
    def crear_administrador_inicial(self, login: str, nombres: str, clave: str) -> UsuarioActual:
        """Create the office's first administrador (first start: no password exists by default).

        Refused once an administrador exists. Returns him as the acting user (he just chose the password).

        Raises:
            RuleError: an administrador already exists.
            ValidationError: bad login, empty name, password against the policy, login taken.
        """
        login = self._validar_login(login)
        nombres = clean_spaces(nombres)
        if not nombres:
            raise ValidationError("Escriba los nombres del administrador.")
        _exigir_politica(clave, login)
        hash_ = _hash(clave)
        nuevo = UsuarioActual(login=login, rol=Rol.ADMINISTRADOR, nombres=nombres)
        with replace(self.ctx, usuario=nuevo).tx("crear administrador inicial") as s:
            if self._hay_admin(s):
                raise RuleError("Ya existe un administrador: inicie sesión con su usuario.")
            if self._buscar(s, login) is not None:
                raise ValidationError(f"El usuario «{login}» ya existe; elija otro nombre de usuario.")
            u = Usuario(office_id=self.ctx.office_id, login=login, nombres=nombres, cedula="",
                        rol=Rol.ADMINISTRADOR.value, activo=True, password_hash=hash_, intentos_fallidos=0,
                        bloqueado_hasta=None, debe_cambiar_clave=False, secretario_id=None, email="")
            s.add(u)
            s.flush()
            return actual_de(u)

    # -- login -------------------------------------------------------------------------------------------------
    def autenticar(self, login: str, clave: str, ahora: datetime | None = None) -> UsuarioActual:
        """Check ``login``/``clave`` and return the acting user.

        Lock-out: :data:`app.domain.claves.MAX_INTENTOS` failures in a row lock the account for
        :data:`app.domain.claves.DURACION_BLOQUEO` (refused even with the right password meanwhile).

        Raises:
            ValidationError: wrong login or password, or an account without password (one message for all).
            PermissionDenied: account locked, or deactivated (said only to whom knows the password).
        """
        ahora = ahora or utcnow()
        n = claves.normalizar_login(login)
        with self.ctx.read() as s:
            u = self._buscar(s, n) if n else None
        if u is None:
            self._fallo_desconocido(n, clave, ahora)
        if claves.bloqueado(u.bloqueado_hasta, ahora):
            assert u.bloqueado_hasta is not None
            raise PermissionDenied(_mensaje_bloqueo(u.bloqueado_hasta, ahora))
        if not _verificar(u.password_hash, clave):
            self._registrar_fallo(u.id, ahora)
        if not u.activo:
            raise PermissionDenied(f"La cuenta «{u.login}» está desactivada. Consulte al administrador.")
        assert u.password_hash is not None
        nuevo_hash = _hash(clave) if HASHER.check_needs_rehash(u.password_hash) else None
        if u.intentos_fallidos or u.bloqueado_hasta is not None or nuevo_hash:
            with replace(self.ctx, usuario=actual_de(u)).tx("inicio de sesión") as s:
                x = s.get_one(Usuario, u.id)
                x.intentos_fallidos = 0
                x.bloqueado_hasta = None
                if nuevo_hash:
                    x.password_hash = nuevo_hash
        return actual_de(u)

    def _fallo_desconocido(self, login: str, clave: str, ahora: datetime) -> NoReturn:
        # Exactly what a real account goes through: locked -> refused at once, without checking the password;
        # otherwise one password check (against a real hash) and one written failure.
        login = login[:60]
        with self.ctx.read() as s:
            previo = s.scalar(select(IntentoAcceso.bloqueado_hasta).where(
                IntentoAcceso.office_id == self.ctx.office_id, IntentoAcceso.login == login))
        if claves.bloqueado(previo, ahora):
            assert previo is not None
            raise PermissionDenied(_mensaje_bloqueo(previo, ahora))
        _verificar(None, clave)
        actor = UsuarioActual(login=login or "(vacío)", rol=Rol.SECRETARIO)  # only the name is recorded
        with replace(self.ctx, usuario=actor).tx("intento de acceso fallido") as s:
            x = s.scalar(select(IntentoAcceso).where(IntentoAcceso.office_id == self.ctx.office_id,
                                                     IntentoAcceso.login == login))
            if x is None:
                x = IntentoAcceso(office_id=self.ctx.office_id, login=login, intentos_fallidos=0,
                                  bloqueado_hasta=None)
                s.add(x)
            x.intentos_fallidos, x.bloqueado_hasta = claves.tras_fallo(x.intentos_fallidos or 0, ahora)
            hasta = x.bloqueado_hasta
        if hasta is not None:
            raise PermissionDenied(_mensaje_bloqueo(hasta, ahora))
        raise ValidationError(MENSAJE_CREDENCIALES)

    def _registrar_fallo(self, usuario_id: uuid.UUID, ahora: datetime) -> NoReturn:
        with self.ctx.read() as s:
            login = s.get_one(Usuario, usuario_id).login
        actor = UsuarioActual(login=login, rol=Rol.SECRETARIO)  # only the name is recorded
        with replace(self.ctx, usuario=actor).tx("intento de acceso fallido") as s:
            x = s.get_one(Usuario, usuario_id)
            x.intentos_fallidos, x.bloqueado_hasta = claves.tras_fallo(x.intentos_fallidos, ahora)
            hasta = x.bloqueado_hasta
        if hasta is not None:
            raise PermissionDenied(_mensaje_bloqueo(hasta, ahora))
        raise ValidationError(MENSAJE_CREDENCIALES)

    # -- accounts (administrador) ------------------------------------------------------------------------------
    def _validar_login(self, login: str) -> str:
        try:
            return claves.validar_login(login)
        except ValueError as exc:
            raise ValidationError(f"Nombre de usuario inválido: {exc}.") from exc

    def crear(
        self, login: str, nombres: str, rol: Rol | str, *, cedula: str = "", email: str = "",
        clave: str | None = None, externo: bool = True, debe_cambiar_clave: bool = True,
    ) -> DatosUsuario:
        """Create a user (administrador only). Without ``clave`` the account cannot log in until a password
        is set with :meth:`restablecer_clave`.

        A secretario-abogado user is linked to the Secretario row with his cédula (created when the office
        has none: ``externo`` says whether he is an external lawyer), so that the expedientes drawn to him
        are his.

        Raises:
            PermissionDenied: not an administrador.
            ValidationError: bad login/names/cédula/password, login taken, secretario already has a user.
        """
        self.ctx.exigir(Permiso.USUARIOS_ADMINISTRAR)
        rol = Rol(rol)
        login = self._validar_login(login)
        nombres = clean_spaces(nombres)
        if not nombres:
            raise ValidationError("Escriba los nombres del usuario.")
        cedula = (cedula or "").strip()
        if cedula or rol is Rol.SECRETARIO:
            try:
                cedula = validar_cedula(cedula)
            except ValueError as exc:
                raise ValidationError(f"Cédula inválida: {exc}.") from exc
        hash_ = None
        if clave is not None:
            _exigir_politica(clave, login)
            hash_ = _hash(clave)
        with self.ctx.tx("crear usuario") as s:
            if self._buscar(s, login) is not None:
                raise ValidationError(f"El usuario «{login}» ya existe; elija otro nombre de usuario.")
            secretario_id = None
            if rol is Rol.SECRETARIO:
                secretario_id = self._secretario_para(s, nombres, cedula, externo, email)
            u = Usuario(office_id=self.ctx.office_id, login=login, nombres=nombres, cedula=cedula, rol=rol.value,
                        activo=True, password_hash=hash_, intentos_fallidos=0, bloqueado_hasta=None,
                        debe_cambiar_clave=debe_cambiar_clave or hash_ is None, secretario_id=secretario_id,
                        email=email.strip())
            s.add(u)
            s.flush()
            return _datos(u)

    def _secretario_para(self, s: Session, nombres: str, cedula: str, externo: bool, email: str) -> uuid.UUID:
        self.ctx.exigir(Permiso.SECRETARIOS_ADMINISTRAR)
        x = s.scalar(select(Secretario).where(Secretario.office_id == self.ctx.office_id, Secretario.cedula == cedula))
        if x is None:
            x = Secretario(office_id=self.ctx.office_id, nombres=nombres, cedula=cedula, externo=externo, activo=True,
                           email=email.strip())
            s.add(x)
            s.flush()
            return x.id
        otro = s.scalar(select(Usuario.login).where(Usuario.secretario_id == x.id))
        if otro is not None:
            raise ValidationError(
                f"El secretario-abogado con cédula {cedula} ya tiene el usuario «{otro}»: restablezca su contraseña "
                "en lugar de crear otro usuario."
            )
        return x.id

    def restablecer_clave(self, login: str, nueva: str, *, debe_cambiar_clave: bool = True) -> DatosUsuario:
        """Set a user's password (administrador only); unlocks the account. By default the user must change
        it at his next login.

        Raises:
            PermissionDenied: not an administrador.
            NotFoundError: unknown login.
            ValidationError: password against the policy.
        """
        self.ctx.exigir(Permiso.USUARIOS_ADMINISTRAR)
        n = claves.normalizar_login(login)
        _exigir_politica(nueva, n)
        hash_ = _hash(nueva)
        with self.ctx.tx("restablecer contraseña") as s:
            u = self._obtener(s, n)
            u.password_hash = hash_
            u.intentos_fallidos = 0
            u.bloqueado_hasta = None
            u.debe_cambiar_clave = debe_cambiar_clave
            s.flush()
            return _datos(u)

    def desbloquear(self, login: str) -> DatosUsuario:
        """Lift a lock-out before it expires (administrador only)."""
        self.ctx.exigir(Permiso.USUARIOS_ADMINISTRAR)
        with self.ctx.tx("desbloquear usuario") as s:
            u = self._obtener(s, login)
            u.intentos_fallidos = 0
            u.bloqueado_hasta = None
            s.flush()
            return _datos(u)

    def desactivar(self, login: str) -> DatosUsuario:
        """Deactivate an account (it can no longer log in; its records stay). A secretario-abogado's
        Secretario row is deactivated too: he takes no part in new sorteos.

        Raises:
            PermissionDenied: not an administrador.
            RuleError: deactivating oneself, or the last active administrador.
        """
        return self._activar(login, False)

    def activar(self, login: str) -> DatosUsuario:
        return self._activar(login, True)

    def _activar(self, login: str, activo: bool) -> DatosUsuario:
        self.ctx.exigir(Permiso.USUARIOS_ADMINISTRAR)
        with self.ctx.tx("activar usuario" if activo else "desactivar usuario") as s:
            u = self._obtener(s, login)
            if not activo:
                if self.ctx.usuario.id is not None and u.id == self.ctx.usuario.id:
                    raise RuleError("No puede desactivar su propia cuenta.")
                if u.rol == Rol.ADMINISTRADOR.value and u.activo and s.scalar(
                    select(func.count()).select_from(Usuario).where(
                        Usuario.office_id == self.ctx.office_id, Usuario.rol == Rol.ADMINISTRADOR.value,
                        Usuario.activo.is_(True))) <= 1:
                    raise RuleError("Es el único administrador activo: cree otro antes de desactivarlo.")
            u.activo = activo
            if u.secretario_id is not None:
                s.get_one(Secretario, u.secretario_id).activo = activo
            s.flush()
            return _datos(u)

    # -- one's own password ------------------------------------------------------------------------------------
    def cambiar_mi_clave(self, actual: str, nueva: str) -> None:
        """The acting user changes his own password.

        Raises:
            RuleError: the command line's administrador has no password of its own.
            ValidationError: wrong current password, new one against the policy or equal to the current one.
        """
        yo = self.ctx.usuario
        if yo.sistema or yo.id is None:
            raise RuleError("El administrador de la línea de comandos no tiene contraseña propia.")
        with self.ctx.read() as s:
            u = s.get(Usuario, yo.id)
            if u is None:
                raise NotFoundError("Su usuario ya no existe.")
            hash_actual = u.password_hash
        if not _verificar(hash_actual, actual):
            raise ValidationError("La contraseña actual no es correcta.")
        if nueva == actual:
            raise ValidationError("La contraseña nueva debe ser distinta de la actual.")
        _exigir_politica(nueva, yo.login)
        hash_ = _hash(nueva)
        with self.ctx.tx("cambiar contraseña propia") as s:
            x = s.get_one(Usuario, yo.id)
            x.password_hash = hash_
            x.debe_cambiar_clave = False
