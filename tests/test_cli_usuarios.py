"""The command line with users: unattended it acts as the data dir's administrador; ``--usuario NOMBRE`` acts as
another user with the password of ``FOJA_PASSWORD``; ``demo`` creates one user per role and prints the logins."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from app.cli import main
from app.services.generador import escribir_csv, generar_titulos
from tests.cuentas import hasher_rapido

# The module builds a demo office once (seconds).
pytestmark = pytest.mark.slow


@pytest.fixture(autouse=True)
def _rapido(monkeypatch: pytest.MonkeyPatch) -> None:
    hasher_rapido(monkeypatch)
    monkeypatch.delenv("FOJA_PASSWORD", raising=False)


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, tuple[str, str]]]:
    """A demo office (30 títulos) and its printed logins: role label -> (login, password)."""
    d = tmp_path_factory.mktemp("cli") / "demo"
    with pytest.MonkeyPatch.context() as mp:
        hasher_rapido(mp)
        import io
        from contextlib import redirect_stderr, redirect_stdout

        out = io.StringIO()
        with redirect_stdout(out), redirect_stderr(io.StringIO()):
            assert main(["demo", "--size", "30", "--data-dir", str(d)]) == 0
    texto = out.getvalue()
    assert "Usuarios de demostración (usuario / contraseña):" in texto
    logins = {m.group(1).strip(): (m.group(2), m.group(3))
              for m in re.finditer(r"^  (.+?)\s{2,}(\S+) / (\S+)$", texto, re.MULTILINE)}
    return d, logins


def test_demo_prints_one_login_per_role(demo: tuple[Path, dict[str, tuple[str, str]]]) -> None:
    _d, logins = demo
    assert set(logins) == {"Secretario-Abogado", "Citador-Notificador", "Depositario Judicial", "Jefe de Unidad",
                           "Funcionario Ejecutor", "Administrador"}
    claves = [c for _l, c in logins.values()]
    assert len(set(claves)) == 6 and all(len(c) >= 10 for c in claves)


def test_usuario_acts_as_that_user(demo: tuple[Path, dict[str, tuple[str, str]]], capsys: pytest.CaptureFixture[str],
                                   monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    d, logins = demo
    login, clave = logins["Jefe de Unidad"]
    monkeypatch.setenv("FOJA_PASSWORD", clave)
    csv = escribir_csv(generar_titulos(12, semilla=5, primer_numero=10_000), tmp_path / "nuevos.csv")
    code, _out, err = run(capsys, "importar", str(csv), "--usuario", login, "--data-dir", str(d))
    assert code == 0, err
    code, _out, err = run(capsys, "--usuario", login, "--data-dir", str(d), "sorteo", "--todos", "--semilla", "x",
                         "--fecha", "22/12/2025")
    assert code == 0, err
    engine = create_engine(f"sqlite:///{d / 'foja.sqlite3'}")
    with engine.connect() as c:
        quienes = dict(c.execute(text("SELECT accion, group_concat(DISTINCT usuario) FROM auditoria "
                                      "WHERE accion IN ('importar títulos', 'sorteo') GROUP BY accion")).all())
    engine.dispose()
    assert quienes["importar títulos"].split(",").count(login) == 1
    assert set(quienes["sorteo"].split(",")) == {"administrador", login}  # the demo's sorteos, then the jefe's


def test_a_refused_action_exits_2_naming_the_permission(demo: tuple[Path, dict[str, tuple[str, str]]],
                                                        capsys: pytest.CaptureFixture[str],
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    d, logins = demo
    login, clave = logins["Secretario-Abogado"]
    monkeypatch.setenv("FOJA_PASSWORD", clave)
    code, _out, err = run(capsys, "sorteo", "--todos", "--usuario", login, "--data-dir", str(d))
    assert code == 2
    assert err.startswith(f"error: Permiso denegado: Secretario-Abogado «{login}» no puede realizar el sorteo.")


def test_missing_or_wrong_password_exits_2(demo: tuple[Path, dict[str, tuple[str, str]]],
                                           capsys: pytest.CaptureFixture[str],
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    d, logins = demo
    login, _clave = logins["Administrador"]
    code, _out, err = run(capsys, "verificar", "0601-2023-00001", "--usuario", login, "--data-dir", str(d))
    assert code == 2 and "defínala en la variable de entorno FOJA_PASSWORD" in err
    monkeypatch.setenv("FOJA_PASSWORD", "equivocada-1")
    code, _out, err = run(capsys, "verificar", "0601-2023-00001", "--usuario", login, "--data-dir", str(d))
    assert code == 2 and "Usuario o contraseña incorrectos" in err
    code, _out, err = run(capsys, "verificar", "0601-2023-00001", "--usuario", "nadie", "--data-dir", str(d))
    assert code == 2 and "Usuario o contraseña incorrectos" in err


def test_unattended_acts_as_administrador(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    d = tmp_path / "datos"
    assert run(capsys, "secretario", "--nombres", "Ana Lucía Guamán", "--cedula", "1710034065",
               "--data-dir", str(d))[0] == 0
    engine = create_engine(f"sqlite:///{d / 'foja.sqlite3'}")
    with engine.connect() as c:
        filas = c.execute(text("SELECT DISTINCT usuario, tabla FROM auditoria WHERE accion = 'crear secretario'")).all()
    engine.dispose()
    assert set(filas) == {("administrador", "secretario"), ("administrador", "usuario")}
