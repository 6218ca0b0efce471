"""Writes to notices, each validating first and running in one transaction."""

from .importing import ImportResult, notice_chain_import
from .publishing import (
    USUAL_RECIPIENTS,
    check_forwarding_does_not_come_round,
    check_forwards_a_published_notice,
    check_notice_rules,
    check_publishes_in_own_name,
    doc_number_apply,
    forward_prefill,
    may_publish_for,
    notice_create,
    notice_publish,
    notice_save,
)
from .reminding import check_reminds_in_own_name, reminder_send

__all__ = [
    "USUAL_RECIPIENTS",
    "ImportResult",
    "check_forwarding_does_not_come_round",
    "check_forwards_a_published_notice",
    "check_notice_rules",
    "check_publishes_in_own_name",
    "doc_number_apply",
    "forward_prefill",
    "may_publish_for",
    "notice_chain_import",
    "notice_create",
    "notice_publish",
    "notice_save",
    "reminder_send",
    "check_reminds_in_own_name",
]
