"""What every draft shares: the document record, and blanks for inputs left empty.

Free text goes in as plain text only: no markup is ever produced from it, and
the answer checks have already bounded its length and removed control
characters.
"""

from __future__ import annotations

TEXT = "text/plain"


def document(doc_id: str, title: str, kind: str, filename: str | None, content: str,
             media_type: str = TEXT) -> dict:  # fmt: skip
    """One draft, list or calendar as the result carries it."""
    return {
        "id": doc_id,
        "title": title,
        "kind": kind,
        "filename": filename,
        "media_type": media_type,
        "content": content,
    }
