"""Queries that more than one service needs, by aggregate (design.md §1, amended in docs/arquitectura.md).

Services still build ``select()`` over :mod:`app.storage.models` inside their unit of work; a lookup that
several of them repeat lives here, takes the caller's ``Session`` and returns rows or plain data.
"""
