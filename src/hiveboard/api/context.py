"""Per-request access to the app's services and the authenticated principal."""

from __future__ import annotations

from typing import cast

from connexion.context import context, scope

from hiveboard.domain.principal import Principal
from hiveboard.errors import Unauthorized
from hiveboard.services.container import Services

SERVICES_KEY = "hiveboard.services"


def services() -> Services:
    return cast(Services, scope[SERVICES_KEY])


def principal() -> Principal:
    info = context.get("token_info") or {}
    found = info.get("principal")
    if not isinstance(found, Principal):
        raise Unauthorized("Invalid or missing API key.")
    return found
