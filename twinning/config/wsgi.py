import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "twinning.config.settings.base")
application = get_wsgi_application()

# Fail at start with a message naming what is missing, not with a 500 on every page.
from twinning.core.checks import require_collected_static  # noqa: E402

require_collected_static()
