"""``hiveboard simulate``: a realistic fleet driven through the real ``hiveloop`` SDK.

The simulator is a client like any instrumented agent: it talks to a server over HTTP with an
API key and imports no server code (``tools/check_layers.py`` holds it to that).
"""
