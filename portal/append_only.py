"""Append-only records (logs of adjustments, case transitions, messages).

The ORM refuses to update or delete them; on PostgreSQL a trigger added by each app's
migration refuses the same at the database level, whatever code runs the SQL.
"""

from django.db import models

REFUSED = "this log is append-only"


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise TypeError(REFUSED)

    def delete(self):
        raise TypeError(REFUSED)


class AppendOnly(models.Model):
    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise TypeError(REFUSED)
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise TypeError(REFUSED)
