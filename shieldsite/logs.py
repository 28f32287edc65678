"""Logging pieces for Shield's settings."""

import logging


class ForbiddenOnOneLine(logging.Filter):
    """A request refused with 403 (a reviewer opening a manager's page) is an ordinary event, not
    an error: Django logs it with the PermissionDenied traceback, dozens of lines that bury the
    real errors. Keep its one line ("Forbidden (Permission denied): /path") and drop the traceback."""

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "status_code", None) == 403:
            record.exc_info = None
            record.exc_text = None
        return True
