"""Schemathesis over the whole API schema: no 5xx, every answer as the schema says.

Bounded: SCHEMA_EXAMPLES examples per operation, rate limits off, in-process (WSGI) on the
test database.
"""

import os
import shutil
from datetime import date

import pytest
import schemathesis
from django.conf import settings as django_settings
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given
from hypothesis import settings as hypothesis_settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from notices.models import Notice, NoticeStatus
from notices.services import doc_number_apply

EXAMPLES = int(os.environ.get("SCHEMA_EXAMPLES", "25"))
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


@pytest.fixture
def api_schema(db, settings, ministry):
    settings.RATELIMIT_ENABLE = False
    settings.AXES_ENABLED = False
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_CLASSES": []}
    notice = Notice(
        issuer=ministry,
        status=NoticeStatus.PUBLISHED,
        title="人力资源社会保障部关于公布国家职业资格目录的通知",
        issued_on=date(2017, 9, 12),
    )
    doc_number_apply(notice, "人社部发〔2017〕68号")
    notice.save()
    # As Django's test client does: keep the test's connection (and transaction) open.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield schemathesis.openapi.from_wsgi("/api/schema/?format=json", get_wsgi_application())
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)
    shutil.rmtree(django_settings.PRIVATE_MEDIA_ROOT, ignore_errors=True)


def _fuzz(operation) -> str | None:
    """The first failure of ``operation`` over EXAMPLES generated requests, if any."""

    @given(case=operation.as_strategy())
    @hypothesis_settings(
        max_examples=EXAMPLES,
        deadline=None,
        suppress_health_check=list(HealthCheck),
        phases=[Phase.explicit, Phase.generate],
        database=None,
    )
    def run(case):
        case.call_and_validate(checks=CHECKS)

    try:
        run()
    except (Exception, BaseExceptionGroup) as failure:  # schemathesis collects them in groups
        return f"{operation.label}: {failure}"
    return None


def test_the_api_keeps_to_its_schema(api_schema):
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) > 10
    failures = [failure for operation in operations if (failure := _fuzz(operation))]
    assert not failures, "\n\n".join(failures)
