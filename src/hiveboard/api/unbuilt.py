"""The one list of operations that are specified but not built yet (answer 501).

The contract tests read this list; it is empty when every issue is done.
"""

from __future__ import annotations

UNBUILT_OPERATIONS: frozenset[str] = frozenset()
