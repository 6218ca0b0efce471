from io import StringIO

import pytest
from django.core.management import call_command


@pytest.fixture
def catalogue(db):
    """The real shipped catalogue, loaded as `make run` loads it."""
    call_command("load_catalogue", stdout=StringIO())
