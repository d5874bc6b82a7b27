"""Dependencies shared by the route modules: settings, sessions, the dispatcher."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.orm import Session

from service.dispatch import Dispatcher
from service.registry import Registry
from service.settings import Settings
from service.storage.db import Database
from service.usecases.context import Services


def get_settings_dep(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def get_database(request: Request) -> Database:
    database: Database = request.app.state.database
    return database


def get_registry(request: Request) -> Registry:
    registry: Registry = request.app.state.registry
    return registry


def get_dispatcher(request: Request) -> Dispatcher:
    dispatcher: Dispatcher = request.app.state.dispatcher
    return dispatcher


def get_session(database: Annotated[Database, Depends(get_database)]) -> Iterator[Session]:
    """The request's session. It takes a connection at its first query and gives it back at every
    commit: a route commits (or is done with the database) before it waits on anything else."""
    with database.ready_session() as session:
        yield session


SettingsDep = Annotated[Settings, Depends(get_settings_dep)]
SessionDep = Annotated[Session, Depends(get_session)]
DispatcherDep = Annotated[Dispatcher, Depends(get_dispatcher)]
DatabaseDep = Annotated[Database, Depends(get_database)]
RegistryDep = Annotated[Registry, Depends(get_registry)]


def get_services(
    session: SessionDep, settings: SettingsDep, registry: RegistryDep, dispatcher: DispatcherDep
) -> Services:
    """What the use cases work with, for this request."""
    return Services(session, settings, registry, dispatcher)


ServicesDep = Annotated[Services, Depends(get_services)]
