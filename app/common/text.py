"""Text normalisation used for searching names regardless of accents and case."""

from __future__ import annotations

import re
import unicodedata


def search_key(text: str) -> str:
    """Uppercase, no accents, single spaces: ``' José  Núñez '`` -> ``'JOSE NUNEZ'``."""
    s = unicodedata.normalize("NFKD", text or "")
    s = "".join(c for c in s if not unicodedata.combining(c))
    return re.sub(r"\s+", " ", s).strip().upper()


def clean_spaces(text: str) -> str:
    """Collapse stray spaces (imported cells) while keeping accents and case."""
    return re.sub(r"\s+", " ", (text or "").replace("\u00a0", " ")).strip()
