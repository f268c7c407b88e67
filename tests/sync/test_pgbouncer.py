"""The protocol keeps no session state between transactions: it works behind PgBouncer in transaction pooling
(Debian package ``pgbouncer``; .ci/run installs it)."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.domain.permisos import Rol
from app.services.bootstrap import Servicios
from app.storage.models_juicio import Costa
from tests.sync.conftest import Central
from tests.sync.test_sync_basico import _numeros, _oficina_con_juicios

# Round trips with the central PostgreSQL (a fresh database per test): seconds apiece.
pytestmark = [pytest.mark.postgres, pytest.mark.slow]


def _puerto_libre() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class PgBouncer:
    def __init__(self, puerto: int, usuarios: Path, proc: subprocess.Popen[bytes]) -> None:
        self.puerto, self.usuarios, self.proc = puerto, usuarios, proc

    def permitir(self, *roles: str) -> None:
        """trust in PgBouncer still needs the role listed in its auth_file; reloaded with SIGHUP."""
        self.usuarios.write_text("".join(f'"{r}" ""\n' for r in roles))
        self.proc.send_signal(signal.SIGHUP)
        time.sleep(0.3)


@pytest.fixture
def pgbouncer() -> Iterator[PgBouncer]:
    exe = shutil.which("pgbouncer") or ("/usr/sbin/pgbouncer" if Path("/usr/sbin/pgbouncer").exists() else None)
    if exe is None:
        if os.environ.get("FOJA_REQUIRE_POSTGRES") == "1":
            pytest.fail("pgbouncer no está instalado (apt-get install pgbouncer)")
        pytest.skip("pgbouncer no está instalado (apt-get install pgbouncer)")
    # pytest's tmp_path is private to root; pgbouncer runs as the postgres user and must read its files.
    tmp_path = Path(tempfile.mkdtemp(prefix="foja-pgbouncer-"))
    tmp_path.chmod(0o755)
    puerto = _puerto_libre()
    ini = tmp_path / "pgbouncer.ini"
    ini.write_text(
        "[databases]\n* = host=127.0.0.1 port=5432\n"
        f"[pgbouncer]\nlisten_addr = 127.0.0.1\nlisten_port = {puerto}\nauth_type = trust\n"
        f"auth_file = {tmp_path / 'users.txt'}\npool_mode = transaction\nmax_client_conn = 50\n"
        f"default_pool_size = 2\nunix_socket_dir =\nlogfile = {tmp_path / 'pgbouncer.log'}\n"
        f"pidfile = {tmp_path / 'pgbouncer.pid'}\n"
    )
    (tmp_path / "users.txt").write_text("")
    cmd = [exe, str(ini)]
    if os.geteuid() == 0:
        shutil.chown(tmp_path, "postgres")
        for f in tmp_path.iterdir():
            shutil.chown(f, "postgres")
        cmd = [exe, "-u", "postgres", str(ini)]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(50):
        try:
            socket.create_connection(("127.0.0.1", puerto), timeout=0.2).close()
            break
        except OSError:
            time.sleep(0.1)
    try:
        yield PgBouncer(puerto, tmp_path / "users.txt", proc)
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        shutil.rmtree(tmp_path, ignore_errors=True)


def test_sincroniza_a_traves_de_pgbouncer_en_modo_transaccion(
    servidor_central: Central, escritorio: Callable[[str], Servicios], pgbouncer: PgBouncer,
) -> None:
    a = escritorio("a")
    _oficina_con_juicios(a, 3)
    ja, jb = servidor_central.usuario("jefe", Rol.JEFE), servidor_central.usuario("jefe2", Rol.JEFE)
    pgbouncer.permitir(ja.usuario, jb.usuario)
    a.sincronizacion.configurar(replace(ja, puerto=pgbouncer.puerto))
    a.sincronizacion.sincronizar()
    b = escritorio("b")
    b.sincronizacion.configurar(replace(jb, puerto=pgbouncer.puerto))
    b.sincronizacion.sincronizar()
    numero = _numeros(a)[0]
    for i in range(5):  # more than psycopg's prepare threshold: prepared statements would break here
        a.pagos.registrar_costa(numero, date(2025, 6, 2), f"Costa {i}", "12.00")
    a.sincronizacion.sincronizar()
    b.sincronizacion.sincronizar()
    with b.ctx.read() as s:
        assert s.scalar(select(func.count()).select_from(Costa)) == 5
