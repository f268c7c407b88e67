"""Sync of this desktop's SQLite with the office's central PostgreSQL (design.md §3).

``filas``: which tables travel and how their values convert; ``servidor_sql``: the server-only parts
(change log, counters, row-level security, roles, guards); ``central``: what office IT runs on the server;
``cliente``: one push-then-pull cycle of a desktop, and the files.
"""
