"""The HiveBoard contract as Python: written by tools/codegen.py from spec/.

Do not edit: regenerate instead.
"""

from importlib.resources import files

OPENAPI_PATH = files(__name__) / "openapi.yaml"
WS_SCHEMA_PATH = files(__name__) / "ws.schema.json"
