#!/usr/bin/env bash
# Smoke test of the built installer folder (make dist): the packaged program, offscreen, builds a small demo
# office (migrations, templates, documents) and draws two screens with `captura` (Qt, its plugins, the
# dashboard's matplotlib). Usage: packaging/smoke.sh [dist/foja]. Exit 0 when every step worked.
set -euo pipefail
cd "$(dirname "$0")/.."
DIST=${1:-dist/foja}
EXE=$DIST/foja
[ -x "$EXE" ] || EXE=$DIST/foja.exe
[ -x "$EXE" ] || { echo "No está el programa construido en $DIST (make dist)"; exit 1; }
export QT_QPA_PLATFORM=offscreen
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
"$EXE" demo --size 60 --data-dir "$TMP/oficina" > "$TMP/demo.txt"
grep -q "60 títulos, 60 expedientes sorteados" "$TMP/demo.txt"
"$EXE" captura --data-dir "$TMP/oficina" --vista expediente --out "$TMP/expediente.png"
"$EXE" captura --data-dir "$TMP/oficina" --vista tablero --out "$TMP/tablero.png"
"$EXE" verificar --todos --data-dir "$TMP/oficina" > /dev/null
for f in expediente tablero; do
  [ "$(head -c 8 "$TMP/$f.png" | od -An -tx1 | tr -d ' \n')" = "89504e470d0a1a0a" ] || { echo "$f.png no es PNG"; exit 1; }
done
# the guide and Qt's Spanish translations travel with the program
ls "$DIST"/_internal/docs/guia/index.md > /dev/null
ls "$DIST"/_internal/PySide6/Qt/translations/qtbase_es.qm > /dev/null
echo "Instalador correcto: demo, capturas y verificación con $EXE"
