"""ASGI plumbing around the connexion app: limits, request ids, error rendering."""
