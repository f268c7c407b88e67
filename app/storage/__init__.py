"""Storage: the only package with SQLAlchemy (tables, engine, migrations, audit and outbox).

The tables live in :mod:`app.storage.models` and its aggregate modules (``models_juicio``, ``models_bienes``,
``models_honorarios``, …), which import ``Base`` from it while it imports them back to register every table
and build ``SYNCED_TABLES``. Loading :mod:`app.storage.models` first, here, lets any of them be imported first.
"""

from app.storage import models as _models  # noqa: F401  (see the docstring: the aggregates' import order)
