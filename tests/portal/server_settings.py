"""The production settings as gunicorn serves them in the tests of tests/portal/.

Two things differ: static files come from the finders, so that no collectstatic (minutes of
Brotli compression) is needed before a page renders; and the test personas' passwords are
hashed the test settings' way.
"""

from portal.settings.base import *  # noqa: F403

STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
WHITENOISE_USE_FINDERS = True
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
