"""E-mail messages (.eml): the message as an Outlook print shows it.

The page text is the header block ("From: …\\nSent: …\\nTo: …\\nCc: …\\nSubject: …"), a blank
line, the body, then one "<< File: NAME >>" line per attachment, the form in which printed
e-mails appear in FOI releases, so the same downstream patterns serve both.

Each attachment is also returned as an ``Embedded`` (its decoded bytes), which the pipeline
reads with the attachment's own reader into documents of their own. An inline image of an
HTML body (``Content-ID``, disposition inline) is part of the body, not an attachment. An
HTML-only body is read by ``ingest.readers.html_page``: its tables and black boxes are kept.

Header values are decoded from the raw header text (RFC 2047 only), not through the address
parser of ``email.policy.default``: released mail has recipients like
"[Redacted]@angus.gov.uk; [Redacted] (Social Work)" that the parser rewrites or empties.
"""

from __future__ import annotations

import email
import hashlib
import re
from email import policy
from email.header import decode_header, make_header
from email.message import EmailMessage, Message
from email.utils import parsedate_to_datetime
from pathlib import Path

from ingest.files import file_bytes
from ingest.models import Embedded, Page, ReadError, SourceFile, Table, TableRow
from ingest.read_text import decode_bytes, normalise_newlines, page_from_text

_HEADER_ORDER = ("From", "Sent", "To", "Cc", "Subject")
_KNOWN_HEADERS = {"from", "to", "cc", "subject", "date", "sent", "message-id", "received", "bcc"}


def _unsurrogate(value: str) -> str:
    """Raw headers carry undecoded 8-bit bytes as surrogates; read them as UTF-8, else latin-1."""
    if not any("\udc80" <= ch <= "\udcff" for ch in value):
        return value
    data = value.encode("utf-8", "surrogateescape")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("latin-1")


_ENCODED_WORD = re.compile(r"=\?([^?\s]+)\?([qQbB])\?([^?\s]*)\?=")


def _malformed_word(value: str) -> bool:
    """An encoded word that does not decode as written: "=?utf-8?q?broken=ZZ=?=" (=ZZ is no
    byte), or base64 that is not base64."""
    for _charset, kind, text in _ENCODED_WORD.findall(value):
        if kind in "qQ" and re.search(r"=(?![0-9A-Fa-f]{2})", text):
            return True
        if kind in "bB" and (len(text) % 4 == 1 or re.search(r"[^A-Za-z0-9+/=]", text)):
            return True
    return False


def _decode_header_value(raw: str, warnings: list[str], name: str = "") -> str:
    value = re.sub(r"\r?\n(?=[ \t])", "", _unsurrogate(str(raw))).strip()
    if "=?" not in value:
        return value
    if _malformed_word(value):
        # kept exactly as written, and said: a guess at what it meant would be silent invention
        warnings.append(f"header {name or '?'}: malformed encoded-word, kept as written")
        return value
    try:
        return str(make_header(decode_header(value)))
    except (LookupError, UnicodeDecodeError, ValueError):
        # Unknown charset in an encoded word: decode its bytes as latin-1 instead.
        parts = []
        for chunk, charset in decode_header(value):
            if isinstance(chunk, bytes):
                try:
                    parts.append(chunk.decode(charset or "ascii"))
                except (LookupError, UnicodeDecodeError):
                    parts.append(chunk.decode("latin-1"))
                    warnings.append(f"header charset {charset!r} unknown; read as latin-1")
            else:
                parts.append(chunk)
        return "".join(parts)


def _outlook_date(value: str) -> str:
    """An RFC 5322 date as Outlook prints it in the UK ("26 February 2016 11:21"), in the sender's time."""
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return value
    if when is None:
        return value
    return f"{when.day} {when:%B %Y %H:%M}"


def _part_text(part: Message, warnings: list[str]) -> str:
    charset = part.get_content_charset()
    try:
        content = part.get_content()  # undoes base64/quoted-printable and the charset
        if isinstance(content, str):
            return content
    except LookupError:
        warnings.append(f"unknown charset {charset!r}; body read as latin-1")
        return (part.get_payload(decode=True) or b"").decode("latin-1")
    except (UnicodeError, ValueError, AssertionError, KeyError):
        pass
    text, note = decode_bytes(part.get_payload(decode=True) or b"")
    if note:
        warnings.append(f"body {note}")
    return text


def _walk(part: Message):
    """Parts of the message, not descending into attached messages (they are attachments)."""
    yield part
    if part.get_content_type() == "message/rfc822":
        return
    if part.is_multipart():
        for sub in part.get_payload():
            if isinstance(sub, Message):
                yield from _walk(sub)


def _attachment_name(part: Message) -> str | None:
    try:
        name = part.get_filename()
    except (LookupError, ValueError):
        name = part.get_param("name")
        name = str(name) if name else None
    if part.get_content_type() == "message/rfc822" and not name:
        inner = part.get_payload()
        if isinstance(inner, list) and inner and isinstance(inner[0], Message):
            subject = inner[0].get("Subject")
            return str(subject) if subject else "attached message"
        return "attached message"
    if not name:
        return None
    disposition = (part.get_content_disposition() or "").lower()
    # An inline image referenced from the HTML body is part of the body, not an attachment.
    if disposition == "inline" and part.get("Content-ID") and part.get_content_maintype() == "image":
        return None
    return _unsurrogate(str(name))


def _attachment_bytes(part: Message) -> bytes:
    """An attachment's decoded content; an attached message as the bytes of a .eml file."""
    if part.get_content_type() == "message/rfc822":
        inner = part.get_payload()
        inner = inner[0] if isinstance(inner, list) and inner else inner
        if isinstance(inner, Message):
            return inner.as_bytes(policy=policy.compat32)
        return str(inner or "").encode("utf-8", "surrogateescape")
    if (part.get("Content-Transfer-Encoding") or "").strip().lower() == "base64":
        # Python decodes broken base64 leniently into garbage: say it instead of indexing it
        raw = re.sub(r"\s+", "", str(part.get_payload(decode=False) or ""))
        if re.search(r"[^A-Za-z0-9+/=]", raw) or len(raw.rstrip("=")) % 4 == 1:
            raise ReadError("its base64 encoding is broken; not read")
    return part.get_payload(decode=True) or b""


def _embedded(part: Message, name: str) -> Embedded:
    if part.get_content_type() == "message/rfc822" and not name.lower().endswith((".eml", ".msg")):
        name += ".eml"
    elif "." not in Path(name).name:
        import mimetypes

        name += mimetypes.guess_extension(part.get_content_type()) or ""

    def load() -> bytes:
        try:
            return _attachment_bytes(part)
        except ReadError:
            raise
        except Exception as exc:  # a malformed part: one line for this attachment, never a traceback
            raise ReadError(f"attachment could not be decoded ({type(exc).__name__}: {exc})") from None

    return Embedded(name, load=load)


def _body_and_attachments(msg: EmailMessage, warnings: list[str]) -> tuple[Page, list[str], list[Embedded]]:
    plain: Message | None = None
    html: Message | None = None
    attachments: list[str] = []
    embedded: list[Embedded] = []
    for part in _walk(msg):
        if part.is_multipart() and part.get_content_type() != "message/rfc822":
            continue
        name = _attachment_name(part) if part is not msg else None
        if name is not None or (part is not msg and part.get_content_disposition() == "attachment"):
            attachments.append(name or "unnamed attachment")
            embedded.append(_embedded(part, name or f"attachment {len(attachments)}"))
            continue
        ctype = part.get_content_type()
        if ctype == "text/plain" and plain is None:
            plain = part
        elif ctype == "text/html" and html is None:
            html = part
    if plain is not None:
        body = Page(None, normalise_newlines(_part_text(plain, warnings)).strip("\n"))
    elif html is not None:
        from ingest.readers.html_page import html_page

        body = html_page(normalise_newlines(_part_text(html, warnings)))
    else:
        body = Page(None, "")
    return body, attachments, embedded


def message_page(headers: dict[str, str], body: Page, attachments: list[str]) -> Page:
    """The page of a message as an Outlook print shows it (see the module docstring); ``body``
    may carry redaction spans and tables (an HTML body), which move with it."""
    block = "".join(f"{key}: {headers[key]}\n" for key in _HEADER_ORDER if key in headers)
    text = block + "\n" + body.text
    if attachments:
        text += "\n\n" + "\n\n".join(f"<< File: {name} >>" for name in attachments)
    if not body.redactions and not body.tables:
        return page_from_text(text)
    shift = len(block) + 1
    tables = [Table([TableRow(list(r.cells), r.start + shift) for r in t.rows], t.has_header) for t in body.tables]
    return Page(None, text, [s.shifted(shift) for s in body.redactions], tables)


def read_email(path: str | Path) -> SourceFile:
    p = Path(path)
    data = file_bytes(p)
    if not data.strip():
        raise ReadError("empty file")
    if b"\x00" in data[:8192]:
        raise ReadError("binary file, not an e-mail")
    msg = email.message_from_bytes(data, policy=policy.default)
    raw = [(name, value) for name, value in msg.raw_items()]
    if not any(name.lower() in _KNOWN_HEADERS for name, _ in raw):
        raise ReadError("no e-mail headers (From/To/Subject/Date)")

    warnings: list[str] = []
    headers: dict[str, str] = {}
    for name, value in raw:
        key = name.strip().title() if name.lower() != "cc" else "Cc"
        if key in ("From", "Sent", "To", "Cc", "Subject", "Date") and key not in headers:
            headers[key] = _decode_header_value(value, warnings, key)
    if "Sent" not in headers and "Date" in headers:
        headers["Sent"] = _outlook_date(headers["Date"])

    try:
        body, attachments, embedded = _body_and_attachments(msg, warnings)
    except Exception as exc:  # a malformed MIME tree: one line, never a traceback
        raise ReadError(f"e-mail body could not be read ({type(exc).__name__}: {exc})") from None
    page = message_page(headers, body, attachments)
    return SourceFile(path=str(path), format="email", pages=[page], headers=headers,
                      attachments=attachments, warnings=warnings,
                      sha256=hashlib.sha256(data).hexdigest(), embedded=embedded)
