"""Every problem of a load as CSV: line, the reason in Chinese and in English."""

import csv

from django.http import StreamingHttpResponse
from django.utils import translation

from portal.spreadsheets import neutralise

from .models import CertificateLoad
from .registry_rules import Problem


class _Echo:
    def write(self, value: str) -> str:
        return value


def _lines(load: CertificateLoad):
    writer = csv.writer(_Echo())
    yield "\ufeff" + writer.writerow(["行号 line", "错误类型 code", "原因", "reason"])
    for line, code, params in load.problems.order_by("line").values_list("line", "code", "params"):
        problem = Problem(code, params)
        with translation.override("zh-hans"):
            chinese = problem.message()
        with translation.override("en"):
            english = problem.message()
        yield writer.writerow([line, code, neutralise(chinese), neutralise(english)])


def load_errors_csv(load: CertificateLoad) -> StreamingHttpResponse:
    response = StreamingHttpResponse(_lines(load), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="load-{load.pk}-errors.csv"'
    return response
