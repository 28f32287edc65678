"""Stored files through Django's storage API only, so every web host and worker sees the same files
whether they live under ``MEDIA_ROOT`` or in an S3-compatible bucket (``docs/deploy.md`` §10)."""

import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path, PurePath

from django.core.files import File

COPY_CHUNK = 1 << 20


@contextmanager
def local_path(stored: File) -> Iterator[Path]:
    """A path on this host to read a stored file from: the file itself when the storage is a local
    folder, else a temporary copy, deleted when the block ends (readers that need a real file,
    such as the zip-bomb check of an XLSX, get one either way)."""
    try:
        path = Path(stored.storage.path(stored.name))
    except NotImplementedError:  # object storage: no local path
        path = None
    if path is not None:
        yield path
        return
    with tempfile.NamedTemporaryFile(prefix="shield-", suffix=PurePath(stored.name).suffix) as copy:
        with stored.storage.open(stored.name, "rb") as source:
            shutil.copyfileobj(source, copy, COPY_CHUNK)
        copy.flush()
        yield Path(copy.name)
