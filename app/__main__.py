"""``python -m app``: the command line; with no command, the desktop program."""

import sys

from app.cli import main

sys.exit(main())
