"""HiveBoard: see what your fleet of AI agents is doing."""
