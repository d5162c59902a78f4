"""WSGI entry point (gunicorn govportal.config.wsgi)."""

import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "govportal.config.settings")
application = get_wsgi_application()

# Everything loaded so far (Django, Wagtail, the URL and template machinery) lives as long as
# the worker: keep it out of the garbage collector's full passes, which otherwise walk it all
# and stop the worker's threads for ~0.2 s every few thousand requests (docs/performance.md).
gc.freeze()
