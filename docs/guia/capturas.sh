#!/usr/bin/env bash
# Screenshots of the user guide (docs/guia/img) and of the README (packaging/capturas), drawn by
# `python -m app captura` on a demo office. Usage: docs/guia/capturas.sh [DATA_DIR] (default: a new demo in a
# temporary folder; a DATA_DIR without a database gets a new demo, its logins kept in DATA_DIR/logins.txt).
set -euo pipefail
cd "$(dirname "$0")/../.."
PY=${PYTHON:-.venv/bin/python}
export QT_QPA_PLATFORM=offscreen
DIR=${1:-$(mktemp -d)/foja-demo}
LOGINS=$DIR/logins.txt
if [ ! -f "$DIR/foja.sqlite3" ]; then
  mkdir -p "$DIR"
  "$PY" -m app demo --data-dir "$DIR" > "$LOGINS"
fi
clave() { grep -E "^  $1 " "$LOGINS" | awk '{print $NF}'; }
login() { grep -E "^  $1 " "$LOGINS" | awk '{print $(NF-2)}'; }
cap() {  # role-label vista out [extra args]
  local rol=$1 vista=$2 out=$3; shift 3
  FOJA_PASSWORD=$(clave "$rol") "$PY" -m app captura --data-dir "$DIR" --usuario "$(login "$rol")" \
    --vista "$vista" --out "$out" --tamano 1366x768 "$@" >/dev/null
}
# A juicio well into the procedure (medidas cautelares, else notificado), the secretario's own when he has one.
juicio() {  # login
  "$PY" - "$DIR/foja.sqlite3" "$1" <<'PY'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
q = ("SELECT e.numero FROM expediente e LEFT JOIN usuario u ON u.secretario_id = e.secretario_id "
     "WHERE e.etapa IN ('MEDIDAS_CAUTELARES', 'NOTIFICADO') ORDER BY u.login = ? DESC, e.etapa, e.numero DESC")
print(c.execute(q, (sys.argv[2],)).fetchone()[0])
PY
}
SEC=$(login "Secretario-Abogado")
JS=$(juicio "$SEC")
J=$(juicio "-")
G=docs/guia/img
cap "Secretario-Abogado" inicio "$G/secretario-inicio.png"
cap "Secretario-Abogado" expediente "$G/secretario-expediente.png" --juicio "$JS"
cap "Secretario-Abogado" vencimientos "$G/secretario-vencimientos.png"
cap "Secretario-Abogado" honorarios "$G/secretario-honorarios.png"
cap "Citador-Notificador" inicio "$G/citador-inicio.png"
cap "Depositario Judicial" inicio "$G/depositario-inicio.png"
cap "Jefe de Unidad" inicio "$G/jefe-tablero.png"
cap "Jefe de Unidad" vencimientos "$G/jefe-vencimientos.png"
cap "Jefe de Unidad" honorarios "$G/jefe-honorarios.png"
cap "Jefe de Unidad" bienes "$G/jefe-bienes.png"
cap "Administrador" inicio "$G/admin-usuarios.png"
P=packaging/capturas
cap "Jefe de Unidad" expedientes "$P/expedientes.png"
cap "Jefe de Unidad" expediente "$P/expediente.png" --juicio "$J"
cap "Jefe de Unidad" vencimientos "$P/vencimientos.png"
cap "Jefe de Unidad" bienes "$P/bienes.png"
cap "Jefe de Unidad" honorarios "$P/honorarios.png"
cap "Depositario Judicial" bienes "$P/depositario.png"
echo "Capturas en $G y $P (oficina $DIR)"
