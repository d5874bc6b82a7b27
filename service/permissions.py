"""Who may do what: the one answer every door (API, pages, CLI) asks before it changes anything.

Roles are ordered: a reader reads a tenant's documents, jobs and glossaries; an editor also
submits articles and text, corrects, approves and publishes translations; an admin also manages
glossaries and the callback secret. Objects belong to a tenant: another tenant's is answered exactly like a
missing one (:class:`~service.errors.NotFound`), so a key cannot learn what other tenants store.
"""

from __future__ import annotations

import enum

from service.api_keys import ROLES, Principal, role_allows
from service.errors import Forbidden, NotFound


class Action(enum.StrEnum):
    READ = "read"
    SUBMIT = "submit"  # an article as text, upload or URL
    TRANSLATE_TEXT = "translate"  # POST /v1/translate: nothing stored, but it spends the engine
    CORRECT = "correct"
    APPROVE = "approve"
    PUBLISH = "publish"  # a document's translation into one language: service/publishing.py
    MANAGE_GLOSSARIES = "manage glossaries"
    MANAGE_CALLBACKS = "manage callbacks"


NEEDED_ROLE: dict[Action, str] = {
    Action.READ: "reader",
    Action.SUBMIT: "editor",
    Action.TRANSLATE_TEXT: "editor",
    Action.CORRECT: "editor",
    Action.APPROVE: "editor",
    Action.PUBLISH: "editor",
    Action.MANAGE_GLOSSARIES: "admin",
    Action.MANAGE_CALLBACKS: "admin",
}

# How each action reads in a refusal: "this key's role is reader; <submitting articles> needs ...".
DOING = {
    Action.READ: "reading",
    Action.SUBMIT: "submitting articles",
    Action.TRANSLATE_TEXT: "translating text",
    Action.CORRECT: "correcting translations",
    Action.APPROVE: "approving translations",
    Action.PUBLISH: "publishing translations and withdrawing them",
    Action.MANAGE_GLOSSARIES: "changing glossaries",
    Action.MANAGE_CALLBACKS: "managing the callback secret",
}


def may(principal: Principal, action: Action, owner_tenant: str | None = None) -> bool:
    """Whether ``principal`` may do ``action`` (on an object of ``owner_tenant``, where one is named)."""
    if owner_tenant is not None and owner_tenant != principal.tenant:
        return False
    return role_allows(principal.role, NEEDED_ROLE[action])


def authorize(
    principal: Principal, action: Action, owner_tenant: str | None = None, missing: str = "no such object"
) -> None:
    """Raise unless :func:`may`: :class:`NotFound` (``missing``) for another tenant's object,
    :class:`Forbidden` saying which role is needed for a role below it."""
    if owner_tenant is not None and owner_tenant != principal.tenant:
        raise NotFound(missing)
    if not may(principal, action):
        needed = NEEDED_ROLE[action]
        raise Forbidden(
            f"this key's role is {principal.role}; {DOING[action]} needs {needed} or above "
            f"(roles: {', '.join(ROLES)}). Ask an operator for such a key: "
            f"`interlinear keys create --tenant NAME --role {needed}`"
        )
