"""Write events as NDJSON with the API's own renderer, so each line is byte-for-byte the
``Event`` that ``GET /v1/events`` returns (timestamps ``…Z`` at millisecond precision)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import IO, Any

from tqdm import tqdm

from hiveboard.api.render import dumps


def write_ndjson(views: Iterable[dict[str, Any]], out: IO[bytes], *, total: int,
                 progress: bool) -> int:
    """Write every view as one line; returns how many were written. The bar goes to stderr
    so stdout stays a clean NDJSON stream."""
    written = 0
    with tqdm(total=total, unit="ev", unit_scale=True, disable=not progress,
              desc="export", leave=True) as bar:
        for view in views:
            out.write(dumps(view))
            out.write(b"\n")
            written += 1
            if written % 1000 == 0:
                bar.update(1000)
        bar.update(written % 1000)
    out.flush()
    return written
