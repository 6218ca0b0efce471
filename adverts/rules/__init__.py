"""Every rule the advert check applies, in the order its findings are listed.

Each is a function of the advert's :class:`~adverts.findings.Reading`, named after the
provision it enforces, which its docstring quotes.
"""

from .certificates import (
    cancelled_qualification_must_not_return,
    rule_2_only_access_type_tied_to_employment,
    rule_2_public_conditions,
    rule_6_no_national_words_on_other_certificates,
)
from .fronts import no_fees_or_paid_training_before_hiring
from .job_adverts import (
    online_job_adverts_no_discrimination_or_hype,
    online_job_adverts_required_elements,
)
from .marks import rule_6_no_national_words_or_marks_on_other_certificates
from .selling import campaign_2022_no_certificate_selling_words

RULES = (
    rule_2_only_access_type_tied_to_employment,
    rule_2_public_conditions,
    cancelled_qualification_must_not_return,
    campaign_2022_no_certificate_selling_words,
    no_fees_or_paid_training_before_hiring,
    online_job_adverts_no_discrimination_or_hype,
    online_job_adverts_required_elements,
    rule_6_no_national_words_on_other_certificates,
    rule_6_no_national_words_or_marks_on_other_certificates,
)
