"""``POST /v1/jobs/upload``: an article as a file (.txt, .md, .html, .docx, .pdf), as multipart
form data; then exactly what ``POST /v1/jobs`` does with its text."""

from __future__ import annotations

from typing import Annotated

from fastapi import (
    APIRouter,
    Depends,
    File,
    Form,
    HTTPException,
    Request,
    Response,
    UploadFile,
    status,
)
from pydantic import ValidationError

from service.api.authentication import SubmitterDep, require_principal
from service.api.deps import ServicesDep
from service.api.http_errors import AUTH_RESPONSES, error_responses
from service.api.routes.jobs import IdempotencyKey, accepted
from service.api.schemas import PRIORITY_SAID, JobOut, JobRequest, PriorityWord
from service.api.validation_errors import form_problems
from service.errors import InputError
from service.upload import SUFFIXES, read_upload
from service.usecases.submit import submit

router = APIRouter(
    prefix="/v1/jobs", tags=["jobs"], dependencies=[Depends(require_principal)], responses=AUTH_RESPONSES
)


HOW_TO_SEND = (
    f"send the article as a file part named 'file' ({', '.join(SUFFIXES)}) and the target languages "
    "as 'targets', as curl -F file=@article.txt -F targets=en,ko does"
)


async def one_file(request: Request) -> None:
    """One article per request, sent as a file: FastAPI would take the last of several ``file``
    parts without a word, call one without a filename "Expected UploadFile", and a form without
    one (or without targets) "Field required"; each refusal says what to send."""
    form = await request.form()
    parts = form.getlist("file")
    if not parts:
        got = ", ".join(repr(name) for name in dict.fromkeys(form.keys())) or "no parts at all"
        raise HTTPException(422, f"the form has no part named 'file' (it has {got}): {HOW_TO_SEND}")
    if not any(str(value).strip() for value in form.getlist("targets")):
        raise HTTPException(422, f"the form has no 'targets' field, or an empty one: {HOW_TO_SEND}")
    if len(parts) > 1:
        raise HTTPException(422, f"send one article per request: the form has {len(parts)} 'file' parts")
    if parts and isinstance(parts[0], str):
        raise HTTPException(
            422,
            "the 'file' part has no filename, so it is a text field, not a file: send the article as "
            "a file (curl -F file=@article.txt), or its text as JSON to POST /v1/jobs",
        )
    # as the JSON body refuses a field it does not have and the query one given twice (found by an
    # outside tester: a misspelt part was dropped, a second source_lang took the place of the first)
    unknown = [name for name in dict.fromkeys(form.keys()) if name not in FORM_FIELDS]
    if unknown:
        raise HTTPException(
            422,
            f"unknown form field {unknown[0][:80]!r}: the fields are {', '.join(FORM_FIELDS)}",
        )
    twice = [name for name in FORM_FIELDS if name not in ("file", "targets") and len(form.getlist(name)) > 1]
    if twice:
        raise HTTPException(
            422, f"the form field {twice[0]!r} is given {len(form.getlist(twice[0]))} times; give it once"
        )


# the form's fields; targets may be repeated ("-F targets=en -F targets=ko"), the file once (above)
FORM_FIELDS = ("file", "targets", "source_lang", "glossary", "external_id", "callback_url", "priority")


@router.post(
    "/upload",
    dependencies=[Depends(one_file)],
    status_code=status.HTTP_202_ACCEPTED,
    response_model=JobOut,
    responses=error_responses(
        403, 413, 422, 503,
        e413="File over the request limit, or its text over the article limit",
        e422="A file that cannot be read (a scanned PDF without text layer, a damaged .docx, not UTF-8), "
        "or what POST /v1/jobs refuses",
    ),
)  # fmt: skip
def submit_upload(
    file: Annotated[UploadFile, File(description=f"The article: {', '.join(SUFFIXES)}")],
    targets: Annotated[list[str], Form(description="Target languages: repeat the field, or en,ko")],
    response: Response,
    services: ServicesDep,
    principal: SubmitterDep,
    source_lang: Annotated[str, Form()] = "auto",
    glossary: Annotated[str | None, Form()] = None,
    external_id: Annotated[str | None, Form()] = None,
    callback_url: Annotated[str | None, Form()] = None,
    priority: Annotated[PriorityWord, Form(description=PRIORITY_SAID)] = "normal",
    idempotency_key: IdempotencyKey = None,
) -> JobOut:
    """Queue an uploaded article for translation, as ``POST /v1/jobs`` does with text."""
    try:
        upload = read_upload(file.filename or "", file.file.read())
    except InputError as exc:  # a file over a limit too: the request itself was not too large
        raise HTTPException(422, str(exc)) from exc
    try:
        body = JobRequest(
            text=upload.text,
            format=upload.format,  # type: ignore[arg-type]
            source_lang=source_lang,
            targets=[code.strip() for field in targets for code in field.split(",") if code.strip()],
            glossary=glossary or None,
            external_id=external_id or None,
            callback_url=callback_url or None,
            priority=priority,
        )
    except ValidationError as exc:
        raise HTTPException(422, form_problems(exc, services.registry)) from exc
    submitted = submit(services, principal, body.submission(idempotency_key, upload.original, file.filename))
    return accepted(services.session, response, submitted)
