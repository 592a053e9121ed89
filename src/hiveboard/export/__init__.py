"""``hiveboard export``: a tenant's events written out as NDJSON, one ``Event`` per line."""
