"""Schema: the JSON Schema of the output (schema v1), shipped as a file inside the package."""

from __future__ import annotations

import json
from functools import cache
from importlib.resources import files
from typing import Any

SCHEMA_FILE = "newsclean-1.schema.json"


def schema_text() -> str:
    """The schema file's text."""
    return files("cleaner").joinpath(SCHEMA_FILE).read_text(encoding="utf-8")


@cache
def load_schema() -> dict[str, Any]:
    """The schema as a dict (parsed once)."""
    schema: dict[str, Any] = json.loads(schema_text())
    return schema
