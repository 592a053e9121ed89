"""Pure derivations of HiveBoard's state from stored events.

Everything a dashboard shows that is not stored verbatim -- agent and task status, the action
tree, error chains, plan progress, the work pipeline, severity defaults, payload advice and time
buckets -- is computed here from :class:`~hiveboard.domain.records.EventRecord` values.

Rules of the package: standard library only, no I/O, no clock reads (``now`` is always a
parameter), and no exceptions for malformed payloads -- payloads are developer-written JSON, so a
derivation degrades (skips the field, falls back to a default) instead of failing a request.
Each module has one job; importing this package imports nothing else.
"""
