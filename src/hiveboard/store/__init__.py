"""Persistence: the only package that imports SQLAlchemy/SQLModel.

Repositories are plain synchronous functions over a SQLAlchemy ``Connection``; services run
them inside one unit of work through :class:`hiveboard.store.database.Database`.
"""
