"""Outlook ``.msg`` messages (extract-msg): the same page as an ``.eml`` gives, attachments too.

The page is laid out by ``ingest.read_email.message_page`` (From / Sent / To / Cc / Subject,
the body, one "<< File: NAME >>" line per attachment). Attachments come back as ``Embedded``
bytes for the pipeline to read; a message attached to the message is read here, into an
``Embedded`` that carries its ``SourceFile``. An attachment hidden from the reader (an image
the HTML body shows inline) is part of the body, not an attachment.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from ingest.files import file_bytes
from ingest.limits import limit
from ingest.models import Embedded, Page, ReadError, SourceFile

# An Outlook message inside a message inside a message ...: deeper than this is not read.
MAX_DEPTH = limit("msg_depth")


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bytes):
        from ingest.read_text import decode_bytes

        return decode_bytes(value)[0]
    return str(value)


def _attachment_name(att, n: int) -> str:
    for attr in ("longFilename", "shortFilename", "displayName", "name"):
        value = getattr(att, attr, None)
        if value:
            return str(value).strip().replace("\x00", "")
    return f"attachment {n}"


def source_from_message(msg, path: str, depth: int = 0) -> SourceFile:
    """A SourceFile of an opened extract-msg message (any object with its attributes)."""
    from ingest.read_email import _outlook_date, message_page
    from ingest.read_text import normalise_newlines

    warnings: list[str] = []
    headers: dict[str, str] = {}
    for key, attr in (("From", "sender"), ("To", "to"), ("Cc", "cc"), ("Subject", "subject")):
        value = " ".join(_text(getattr(msg, attr, None)).split())
        if value:
            headers[key] = value
    when = getattr(msg, "date", None)
    if when is not None and hasattr(when, "day"):
        headers["Sent"] = f"{when.day} {when:%B %Y %H:%M}"
        headers["Date"] = when.isoformat()
    elif when:
        headers["Date"] = _text(when)
        headers["Sent"] = _outlook_date(headers["Date"])

    body_text = _text(getattr(msg, "body", None))
    if body_text.strip():
        body = Page(None, normalise_newlines(body_text).strip("\n"))
    else:
        html = getattr(msg, "htmlBody", None)
        if html:
            from ingest.readers.html_page import html_page

            body = html_page(normalise_newlines(_text(html)))
        else:
            body = Page(None, "")

    attachments: list[str] = []
    embedded: list[Embedded] = []
    for n, att in enumerate(getattr(msg, "attachments", None) or [], start=1):
        if getattr(att, "hidden", False) and (getattr(att, "contentId", None) or getattr(att, "cid", None)):
            continue  # an inline image of the HTML body
        name = _attachment_name(att, n)
        attachments.append(name)
        data = getattr(att, "data", None)
        if isinstance(data, bytes | bytearray):
            embedded.append(Embedded(name, load=lambda d=bytes(data): d))
        elif data is not None and hasattr(data, "attachments"):
            if depth + 1 >= MAX_DEPTH:
                embedded.append(Embedded(name, error=f"message nested more than {MAX_DEPTH} deep; not read"))
            else:
                try:
                    embedded.append(Embedded(name, source=source_from_message(data, f"{path}!{name}", depth + 1)))
                except ReadError as exc:
                    embedded.append(Embedded(name, error=str(exc)))
        else:
            embedded.append(Embedded(name, error="attachment has no readable content (a link or OLE object)"))
    page = message_page(headers, body, attachments)
    return SourceFile(path=path, format="email", pages=[page], headers=headers, attachments=attachments,
                      warnings=warnings, embedded=embedded)


def read_msg(path: str | Path) -> SourceFile:
    p = Path(path)
    data = file_bytes(p)
    import extract_msg  # a dependency; imported when a .msg is read
    try:
        msg = extract_msg.openMsg(str(p), delayAttachments=False)
    except Exception as exc:  # olefile and extract-msg raise many kinds: one line
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise ReadError(f"not a readable Outlook message ({reason})") from None
    try:
        if not hasattr(msg, "attachments"):
            raise ReadError(f"an Outlook item that is not a message ({type(msg).__name__})")
        source = source_from_message(msg, str(path))
    except ReadError:
        raise
    except Exception as exc:
        raise ReadError(f"Outlook message could not be read ({type(exc).__name__}: {exc})") from None
    finally:
        try:
            msg.close()
        except Exception:  # noqa: BLE001 - closing a damaged file may fail again; nothing to add
            pass
    source.sha256 = hashlib.sha256(data).hexdigest()
    return source
