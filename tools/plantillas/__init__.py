"""Generators of the default .docx templates shipped in ``resources/templates/`` (see :mod:`.base`).

They run only when a template changes (``python -m tools.plantillas``); the program reads the .docx files and
never imports this package.
"""
