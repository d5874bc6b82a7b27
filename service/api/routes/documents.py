"""``/v1/documents``: stored articles with their aligned translations."""

from __future__ import annotations

import logging
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Response

from service.aligned import AlignedDocument, aligned_document, output_of
from service.aligned_rows import MAX_ROWS, ROWS_PER_PAGE
from service.api.authentication import CorrectorDep, PrincipalDep, require_principal
from service.api.deps import RegistryDep, ServicesDep, SessionDep
from service.api.downloads import document_attachment
from service.api.http_errors import AUTH_RESPONSES, error_responses
from service.api.ids import DocumentId, SegmentId
from service.api.presenters import document_page_out, documents_out
from service.api.schemas import CorrectionIn, CorrectionOut, DocumentPage, LanguageCode
from service.catalogue import DocumentFilter
from service.exports import FORMATS, MEDIA_TYPES, export_document, resolve_targets
from service.output_versions import Comparison, VersionOut, compare_versions, document_versions
from service.publication_list import PUBLICATION_STATES, live_publications
from service.publishing import publications
from service.source_revisions import RevisionDiff, RevisionOut, diff, find_revision, list_revisions
from service.storage.tables import Document
from service.usecases.access import check_tenant_document, tenant_document
from service.usecases.correct import correct
from service.usecases.intake import check_codes
from service.usecases.listing import list_documents_of, named_publication

log = logging.getLogger(__name__)
router = APIRouter(
    prefix="/v1/documents",
    tags=["documents"],
    dependencies=[Depends(require_principal)],
    responses=AUTH_RESPONSES,
)


MAX_OFFSET = 1_000_000_000  # far past any archive, far below what a database's integers hold

# In any case, blank for every document (service.api.contract); the use case's own check refuses
# another word with a message that lists them.
PublicationFilter = Annotated[
    str,
    Query(
        description="Only articles whose translation into target_lang (without it: any of their "
        "translations) is in this state: published (published now), changed (published now, with "
        "sentences corrected, re-translated or translated since) or unpublished (not published now: "
        "never, or withdrawn; without target_lang, none of the article's translations is)",
        json_schema_extra={"x-any-case": [*PUBLICATION_STATES, ""]},
    ),
]


@router.get(
    "",
    response_model=DocumentPage,
    responses=error_responses(
        422,
        e422="An unsupported language code, or a publication state that is not one of those listed "
        "(the message lists them)",
    ),
)
def list_documents(
    session: SessionDep,
    principal: PrincipalDep,
    registry: RegistryDep,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0,
    source_lang: Annotated[
        LanguageCode | None, Query(description="Only articles written in this language (their source)")
    ] = None,
    target_lang: Annotated[
        LanguageCode | None,
        Query(description="Only articles with a translation into this language (their own excepted)"),
    ] = None,
    q: Annotated[
        str | None,
        Query(
            max_length=200,
            pattern=r"^[^\x00-\x1f\x7f]*$",
            description="Only articles whose title or text holds every one of these words, in any order; "
            "case, accents, umlauts and ß do not matter ('muller' and 'Mueller' find 'Müller', 'strasse' "
            "finds 'Straße'); a word shorter than four letters is found at the start of a word ('eu' finds "
            "'EU' and 'Europa', not 'neue'), a longer one inside words too ('ebene' finds 'Führungsebene')",
        ),
    ] = None,
    tag: Annotated[str | None, Query(max_length=200, pattern=r"^[^\x00-\x1f\x7f]*$")] = None,
    publication: PublicationFilter = "",
) -> DocumentPage:
    """The tenant's documents, newest first, paged with ``limit`` and ``offset``; filter by the
    language they are written in (``source_lang``), one they are translated into (``target_lang``),
    words (``q``), tag or whether their translation is published (``publication``; with
    ``target_lang``: that translation). An unknown language code is refused (422) as it is
    everywhere else. Each item says which languages are published now and how many sentences of
    each changed since it was published."""
    languages = [("source_lang", source_lang), ("target_lang", target_lang)]
    check_codes(registry, [(name, code) for name, code in languages if code])
    state = named_publication(publication)
    filters = DocumentFilter(
        text=q or "", source_lang=source_lang or "", target_lang=target_lang or "", tag=tag or "",
        publication=state,
    )  # fmt: skip
    listing = list_documents_of(session, principal, limit, offset, filters)
    sent = [*languages, ("q", q), ("tag", tag), ("publication", state)]
    published = live_publications(session, [d.id for d in listing.documents])
    return documents_out(listing, limit, offset, [(name, value) for name, value in sent if value], published)


def document_of(
    session: SessionDep, principal: PrincipalDep, document_id: str, whole: bool = True
) -> Document:
    """The tenant's document (``whole=False``: its row alone); another tenant's is answered exactly
    like a missing one (404)."""
    return tenant_document(session, principal, document_id, whole)


NOT_FOUND = error_responses(404, e404="No such document, or no such version of it")


@router.get("/{document_id}", response_model=AlignedDocument, responses=NOT_FOUND)
def read_document(
    document_id: DocumentId,
    session: SessionDep,
    principal: PrincipalDep,
    version: Annotated[
        list[Annotated[str, Query(max_length=100, pattern=r"^[^:\x00-\x1f\x7f]+:[^\x00-\x1f\x7f]+$")]] | None,
        Query(description="LANG:VERSION to read an older output, e.g. en:3f2a9c1b0d4e (repeatable)"),
    ] = None,
    limit: Annotated[
        int | None,
        Query(
            ge=1,
            le=MAX_ROWS,
            description=f"Page the document: at most this many rows (default {ROWS_PER_PAGE} when only "
            "offset is sent). Without limit and offset: the whole document",
        ),
    ] = None,
    offset: Annotated[
        int | None,
        Query(ge=0, le=MAX_OFFSET, description="Page the document: the rows after this many (default 0)"),
    ] = None,
) -> AlignedDocument:
    """Sections with every source segment and, per target language, its newest translation
    (or the requested version's). A long article can be read in pages, as ``GET /v1/documents``
    is: with ``limit`` or ``offset``, only ``limit`` rows from ``offset`` (rows in reading order:
    front matter, each section's heading and sentences, back matter), each section with those of
    its rows; ``paging`` gives the total and the ``next`` page's link (null on the last). The
    title, summaries, languages, review counts and publications are the whole document's on every
    page; ``publications`` says per language whether the translation is published, by whom, when,
    and how many sentences changed since (of the newest outputs, whatever version is asked for)."""
    paged = limit is not None or offset is not None
    document = document_of(session, principal, document_id, whole=not paged)
    wanted: dict[str, str] = {}
    for item in version or []:
        lang, sep, vid = item.partition(":")
        if not sep or not lang or not vid:
            raise HTTPException(422, f"version must look like en:3f2a9c1b0d4e, not {item!r}")
        wanted[lang] = vid
    if wanted:
        known = {(v.lang, v.version) for v in document_versions(session, document.id)}
        for lang, vid in wanted.items():
            if (lang, vid) not in known:
                listing = f"GET /v1/documents/{document_id}/versions"
                raise HTTPException(404, f"no {lang} version {vid}; see {listing}")
    if not paged:
        read = aligned_document(document, wanted)
    else:
        size, start = limit or ROWS_PER_PAGE, offset or 0
        read = document_page_out(session, document, size, start, version or [], wanted)
    read.publications = publications(session, document.id)
    return read


@router.put(
    "/{document_id}/segments/{segment_id}/translations/{lang}",
    response_model=CorrectionOut,
    responses=error_responses(403, 404, e404="No such document or segment"),
)
def correct_translation(
    document_id: DocumentId,
    segment_id: SegmentId,
    lang: Annotated[LanguageCode, Path(description="Target language of the translation")],
    body: CorrectionIn,
    services: ServicesDep,
    principal: CorrectorDep,
) -> CorrectionOut:
    """Store a person's correction of one translated sentence (editor or admin keys). It becomes the
    newest human version: reads, pages and exports show it, model outputs stay stored, identical
    sentences in the tenant's later articles get it, and the summaries that quote the sentence are
    made again (``summary_job``). A text equal to the translation read now (leading and trailing
    whitespace aside) stores nothing: 200 with that translation as it is (its ``origin`` says
    whose it is, no ``summary_job``), so a retry is safe; approve a right machine translation."""
    done = correct(services, principal, document_id, segment_id, lang, body.text)
    links = {"document": f"/v1/documents/{document_id}"}
    if done.summary_job:
        links["summary_job"] = f"/v1/jobs/{done.summary_job}"
    return CorrectionOut(
        segment_id=done.segment_id,
        lang=lang,
        translation=output_of(done.row),
        summary_job=done.summary_job,
        links=links,
    )


@router.get("/{document_id}/revisions", response_model=list[RevisionOut], responses=NOT_FOUND)
def read_revisions(
    document_id: DocumentId, session: SessionDep, principal: PrincipalDep
) -> list[RevisionOut]:
    """Every revision of the article (sent again with the same ``external_id``), oldest first."""
    return list_revisions(session, document_of(session, principal, document_id))


@router.get("/{document_id}/diff", response_model=RevisionDiff, responses=NOT_FOUND)
def diff_revisions(
    document_id: DocumentId,
    session: SessionDep,
    principal: PrincipalDep,
    from_revision: Annotated[
        int | None, Query(ge=1, description="Default: the revision before to_revision")
    ] = None,
    to_revision: Annotated[int | None, Query(ge=1, description="Default: this document's revision")] = None,
) -> RevisionDiff:
    """Sentence by sentence, what changed between two revisions: source and each translation."""
    document = document_of(session, principal, document_id)
    newer = document if to_revision is None else find_revision(session, document, to_revision)
    if newer is None:
        raise HTTPException(404, f"no revision {to_revision}; see GET /v1/documents/{document_id}/revisions")
    if from_revision is None and newer.revision == 1:
        raise HTTPException(
            404,
            "revision 1 is the article's first: there is no earlier revision to compare it with. "
            "Send the article again with the same external_id to make revision 2, then ask for its diff",
        )
    wanted = newer.revision - 1 if from_revision is None else from_revision
    older = find_revision(session, document, wanted) if wanted >= 1 else None
    if older is None:
        raise HTTPException(
            404,
            f"no revision {wanted} to compare with; this article has revisions "
            f"{[r.revision for r in list_revisions(session, document)]} "
            f"(GET /v1/documents/{document_id}/revisions)",
        )
    return diff(older, newer)


@router.get("/{document_id}/versions", response_model=list[VersionOut], responses=NOT_FOUND)
def list_versions(document_id: DocumentId, session: SessionDep, principal: PrincipalDep) -> list[VersionOut]:
    """Every output version per language: model, revision, engine, decoding settings, coverage."""
    check_tenant_document(session, principal, document_id)
    return document_versions(session, document_id)


@router.get("/{document_id}/compare", response_model=Comparison, responses=NOT_FOUND)
def compare(
    document_id: DocumentId,
    session: SessionDep,
    principal: PrincipalDep,
    lang: Annotated[LanguageCode, Query(description="Target language")],
    a: Annotated[str, Query(max_length=64, description="A version of lang (GET .../versions)")],
    b: Annotated[str, Query(max_length=64, description="Another version of lang")],
) -> Comparison:
    """Sentences whose translation differs between versions ``a`` and ``b`` of ``lang``."""
    document = document_of(session, principal, document_id)
    known = {v.version for v in document_versions(session, document.id) if v.lang == lang}
    for vid in (a, b):
        if vid not in known:
            raise HTTPException(404, f"no {lang} version {vid}; see GET /v1/documents/{document_id}/versions")
    return compare_versions(document, lang, a, b)


@router.get(
    "/{document_id}/export",
    responses={
        200: {
            "content": {media: {} for media in MEDIA_TYPES.values()},
            "description": "The aligned document in the requested format",
        },
        **error_responses(
            404, 422,
            e422="Unknown format, a language the service does not support (the message lists those it "
            "does), or one the document has no translation into",
        ),
    },
)  # fmt: skip
def export(
    document_id: DocumentId,
    session: SessionDep,
    principal: PrincipalDep,
    registry: RegistryDep,
    format: Annotated[
        str, Query(description="json, tmx, xliff or html", json_schema_extra={"x-any-case": list(FORMATS)})
    ] = "json",
    lang: Annotated[
        list[LanguageCode] | None, Query(description="Target language(s) to include (repeatable)")
    ] = None,
) -> Response:
    """The aligned document as JSON, TMX 1.4, XLIFF 2.0 (one target language) or a standalone HTML page."""
    check_codes(registry, [("lang", code) for code in lang or []])  # no model has it: 422, as elsewhere
    aligned = aligned_document(document_of(session, principal, document_id))
    aligned.publications = publications(session, document_id)  # the JSON export says them as reads do
    try:
        content, media_type = export_document(aligned, format, lang)
    except ValueError as exc:
        raise HTTPException(422, str(exc)) from exc
    extension = {"json": "json", "tmx": "tmx", "xliff": "xlf", "html": "html"}[format.strip().lower()]
    langs = resolve_targets(aligned, lang)  # checked above: the languages the file holds
    headers = {
        "Content-Disposition": document_attachment(session, document_id, aligned.title, langs, extension)
    }
    return Response(content, media_type=media_type, headers=headers)
