"""What every command does with an error escaping it: one line and an exit code, never a
traceback. The click group (search_cli/main.py) and the click-free `foi search`
(search_cli/fast_search.py) both run their command under `command_faults`, so the two print and
exit alike."""

from __future__ import annotations

import errno
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager

from search_cli.console import echo

# Errors of the machine, not of the input or the program: exit 2 with one line.
_MACHINE_FAULTS = {errno.ENOSPC, errno.EROFS, errno.EACCES, errno.EPERM, errno.EDQUOT}


@contextmanager
def command_faults(passthrough: tuple[type[BaseException], ...] = ()) -> Iterator[None]:
    """Runs the block; an exception of ``passthrough`` (click's own: usage errors, exits) goes
    on as it is, any other becomes one line on stderr and an exit code."""
    from index.store import FilterError

    try:
        yield
    except passthrough:
        raise
    except FilterError as exc:  # an unknown status, a date that is not a date, ...
        echo(f"foi: {exc}", err=True)
        sys.exit(2)
    except KeyboardInterrupt:
        echo("\nfoi: interrupted", err=True)
        sys.exit(130)
    except BrokenPipeError:  # `foi ... | head`
        sys.stderr.close()
        sys.exit(0)
    except Exception as exc:  # noqa: BLE001 - the last line of defence: no traceback from input
        if isinstance(exc, OSError) and exc.errno in _MACHINE_FAULTS:
            # a full disk, a read-only or forbidden index folder: the machine's fault, in one
            # line (the store's transaction is rolled back; the next `foi ingest` finishes)
            where = f" ({exc.filename})" if exc.filename else ""
            echo(f"foi: cannot write the index: {exc.strerror or exc}{where}. Free space or fix "
                 "the folder's permissions, then run the command again.", err=True)
            sys.exit(2)
        if os.environ.get("FOI_DEBUG"):
            raise
        echo(f"foi: internal error ({type(exc).__name__}: {exc}); please report it "
             "(FOI_DEBUG=1 shows the traceback)", err=True)
        sys.exit(3)
