"""What a use case works with: the request's database session and the process's configuration."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from service.dispatch import Dispatcher
from service.registry import Registry
from service.settings import Settings


@dataclass(frozen=True)
class Services:
    session: Session
    settings: Settings
    registry: Registry
    dispatcher: Dispatcher
