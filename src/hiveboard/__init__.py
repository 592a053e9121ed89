"""HiveBoard: see what your fleet of AI agents is doing."""

import warnings

# connexion imports starlette.testclient at import time, which warns about httpx; the test
# client is never used by the server, so the warning would only confuse operators.
warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
