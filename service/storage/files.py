"""The files articles were uploaded as (.docx), kept beside their document for rendering."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from service.storage.tables import Document, SourceFile


@dataclass(frozen=True)
class SourceUpload:
    filename: str
    media_type: str
    data: bytes


def attach_source_file(session: Session, document: Document, upload: SourceUpload) -> None:
    """Keep the file with the document, unless the document (an identical earlier one) has one."""
    session.flush()  # the document row first: the file refers to it
    if session.get(SourceFile, document.id) is None:
        session.add(SourceFile(document_id=document.id, filename=upload.filename,
                               media_type=upload.media_type, data=upload.data))  # fmt: skip


def source_file(session: Session, document_id: str) -> SourceFile | None:
    return session.get(SourceFile, document_id)
