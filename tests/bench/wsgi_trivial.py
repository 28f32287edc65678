"""WSGI entry for the API benchmark: the real settings and URLs, plus ``/bench/ping``."""

import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shieldsite.settings")

from django.conf import settings  # noqa: E402
from django.core.wsgi import get_wsgi_application  # noqa: E402

settings.ROOT_URLCONF = "tests.bench.urls_bench"
application = get_wsgi_application()
