"""HTTP adapters, one module per spec tag: parse → one service call → render."""
