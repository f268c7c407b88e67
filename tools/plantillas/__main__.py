"""``python -m tools.plantillas [carpeta]``: (re)write the default templates (see :mod:`tools.plantillas.base`)."""

from tools.plantillas.base import main

raise SystemExit(main())
