"""The start-up dialog of a damaged database: names the last good backup, one action restores it and the
program opens; without a backup it offers only to quit (issue 9)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QLabel

from app import main as main_mod
from app.common.errors import BaseDanada
from app.common.paths import DataPaths
from app.services.arranque import restaurar
from app.services.bootstrap import abrir
from app.storage.migrate import backup_sqlite
from app.ui.arranque_dialog import BaseDanadaDialog
from app.ui.errors import show_error

CAPTURAS = Path("/tmp/9-fiabilidad")


def _danada(data_dir: DataPaths, con_respaldo: bool) -> BaseDanada:
    srv = abrir(data_dir)
    srv.secretarios.crear("Ana Lucía Guamán", "1710034065")
    srv.ctx.blobs.put(b"un documento")
    srv.close()
    if con_respaldo:
        backup_sqlite(data_dir.database, data_dir.backups, "0006")
    data_dir.database.write_bytes(b"")
    with pytest.raises(BaseDanada) as e:
        abrir(data_dir)
    return e.value


def test_the_dialog_names_the_backup_and_restores_it(qtbot: Any, data_dir: DataPaths) -> None:
    exc = _danada(data_dir, con_respaldo=True)
    dlg = BaseDanadaDialog(exc, lambda r: restaurar(data_dir, r))
    qtbot.addWidget(dlg)
    dlg.show()
    texto = dlg.findChild(QLabel, "respaldo").text()
    assert isinstance(exc.respaldo, Path) and exc.respaldo.name in texto
    assert dlg.boton_restaurar is not None and dlg.boton_restaurar.isDefault()
    CAPTURAS.mkdir(parents=True, exist_ok=True)
    dlg.grab().save(str(CAPTURAS / "base_danada.png"))
    qtbot.mouseClick(dlg.boton_restaurar, Qt.MouseButton.LeftButton)
    assert dlg.result() == QDialog.DialogCode.Accepted.value
    srv = abrir(data_dir)
    try:
        assert [x.nombres for x in srv.secretarios.listar()] == ["Ana Lucía Guamán"]
    finally:
        srv.close()


def test_without_a_backup_only_quit_is_offered(qtbot: Any, data_dir: DataPaths) -> None:
    exc = _danada(data_dir, con_respaldo=False)
    dlg = BaseDanadaDialog(exc, lambda r: restaurar(data_dir, r))
    qtbot.addWidget(dlg)
    assert dlg.boton_restaurar is None and dlg.salir.isDefault()
    assert "No hay un respaldo bueno" in dlg.findChild(QLabel, "respaldo").text()
    dlg.grab().save(str(CAPTURAS / "base_danada_sin_respaldo.png"))
    qtbot.mouseClick(dlg.salir, Qt.MouseButton.LeftButton)
    assert dlg.result() == QDialog.DialogCode.Rejected.value


def test_start_up_offers_the_restore_then_opens(qtbot: Any, data_dir: DataPaths,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    _danada(data_dir, con_respaldo=True)
    vistos: list[str] = []

    def exec_(self: BaseDanadaDialog) -> int:  # the user clicks «Restaurar este respaldo»
        vistos.append(self.findChild(QLabel, "respaldo").text())
        assert self.boton_restaurar is not None
        self.boton_restaurar.click()
        return self.result()

    monkeypatch.setattr(BaseDanadaDialog, "exec", exec_)
    srv = main_mod._abrir_o_restaurar(data_dir, abrir, show_error)
    assert srv is not None and len(vistos) == 1
    try:
        assert srv.secretarios.listar()[0].nombres == "Ana Lucía Guamán"
    finally:
        srv.close()


def test_an_upgrade_at_start_shows_the_notice_while_it_runs_and_an_up_to_date_start_does_not(
    qtbot: Any, data_dir: DataPaths, monkeypatch: pytest.MonkeyPatch,
) -> None:
    from alembic import command

    from app.storage.migrate import alembic_config, current_revision, head_revision
    from app.ui.arranque_dialog import AvisoActualizacion

    srv = abrir(data_dir)
    srv.secretarios.crear("Ana Lucía Guamán", "1710034065")
    engine = srv.ctx.engine
    command.downgrade(alembic_config(engine), "0011")  # an office left by the previous version
    srv.close()

    vistos: list[str] = []
    original = AvisoActualizacion.mostrar

    def mostrar(self: AvisoActualizacion) -> None:
        original(self)
        assert self.isVisible()  # on screen before the upgrade starts
        vistos.append(self.findChild(QLabel).text())
        self.grab().save(str(CAPTURAS / "actualizando.png"))

    CAPTURAS.mkdir(parents=True, exist_ok=True)
    monkeypatch.setattr(AvisoActualizacion, "mostrar", mostrar)
    srv = main_mod._abrir_o_restaurar(data_dir, abrir, show_error)
    assert srv is not None
    try:
        assert current_revision(srv.ctx.engine) == head_revision(srv.ctx.engine)
        assert srv.secretarios.listar()[0].nombres == "Ana Lucía Guamán"
    finally:
        srv.close()
    assert len(vistos) == 1 and "Ya se guardó un respaldo" in vistos[0]
    assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, AvisoActualizacion) and w.isVisible()]

    srv = main_mod._abrir_o_restaurar(data_dir, abrir, show_error)  # nothing to upgrade: no notice
    assert srv is not None
    srv.close()
    assert len(vistos) == 1
