"""Job adverts that front for selling training (招转培, 培训贷) or take money before hiring."""

import re

from django.utils.translation import gettext_lazy as _

from ..findings import AdvertType, Category, Finding, Reading
from ..lexicon import phrase
from .lexicon_rules import PhraseRule, apply, confidence_of, document_of
from .patterns import clause_bounds, first

_HIRING = (AdvertType.JOB, AdvertType.PUBLIC_RECRUITMENT)
_FRONT = Category.TRAINING_FRONT
_FEES = (
    r"培训费|报名费|办证费|考证费|服装费|资料费|押金|保证金|介绍费|信息费|工本费|体检费|学费|定金"
    r"|推荐费|中介费|保密费|(?:内推|内部推荐)(?:服务)?费|费用"
)
# 培训费用由公司承担: the fee is not the applicant's.
_PAID_BY_EMPLOYER = re.compile(
    r"[^，,。；;]{0,8}?(?:由(?:公司|单位|企业|我司)|公司承担|单位承担|全免|免收|报销|退还|返还|补贴)"
)

FRONT_RULES = (
    PhraseRule(
        "fee_before_hiring",
        ("先交费", "保证金", "办证费", "服装费", "资料费"),
        re.compile(
            rf"(?:先|需|须|要|应|请|另)?(?:交|缴|缴纳|交纳|收取|支付|付)[^，,。；;]{{0,8}}?(?:{_FEES})"
            r"|办证费|服装费|资料费|保证金|押金|先交费|培训费|学费|报名费|推荐费|中介费|信息费"
            # 要先交马甲费、会费: any fee asked first (先交费 in other words).
            r"|先(?:交|缴|缴纳|交纳|支付|付)[^，,。；;]{0,8}?费"
            r"|(?:内推|内部推荐)(?:服务)?费"
        ),
        _FRONT,
        _(
            "招聘时向求职者收费（押金、保证金、办证费、培训费等）：先交费的招聘是招聘欺诈的典型手法。"
        ),
        "illegal_exams_fees",
        _HIRING,
    ),
    PhraseRule(
        "training_loan",
        ("培训贷", "招转贷", "招培贷"),
        re.compile(
            r"培训贷|招转贷|招培贷|(?:办理|申请|签订?|开通)[^，,。；;]{0,6}(?:贷款|分期|助学贷|消费贷|网贷)"
            r"|先学后付|(?:零|0)首付|分期(?:付款|支付|还款)?(?:学费|培训费)"
            r"|分期(?:每月|每期|按月)(?:支付|付款|还款|付)"
            # 以助学贷款的形式, 通过贷款支付学费: a loan named for the fee.
            r"|(?:助学|学习|培训|教育)贷款|贷款[^，,。；;]{0,4}(?:支付|交纳|缴纳|交|付)[^，,。；;]{0,4}"
            r"(?:学费|培训费)"
        ),
        _FRONT,
        _("以贷款或分期支付培训费（“培训贷”）：求职者被诱导借贷参加培训。"),
        "illegal_exams_fees",
        _HIRING,
    ),
    PhraseRule(
        "job_sells_training",
        ("招转培", "只有通过实训才能够留在公司"),
        re.compile(
            r"招转培|(?:自费|付费|收费)(?:培训|实训|学习|进修)|只有通过[^，,。；;]{0,6}(?:实训|培训)"
            r"[^，,。；;]{0,4}(?:才能|方可)|(?:实训|培训)合格[^，,。；;]{0,4}(?:方可|才能)(?:留|入职|录用|上岗)"
            r"[^，,。；;]{0,12}(?:费|收费)"
            # 需要培训才能正式上岗，…扣费 / …办理网贷: training made the condition, then paid for.
            r"|(?:需要?|须|必须)(?:先)?(?:经过|参加|接受)?(?:专业|岗前)?(?:培训|实训)[^，,。；;]{0,4}"
            r"(?:才能|方可)(?:达到)?(?:正式)?(?:上岗|入职|转正)[^。；;]{0,30}?(?:扣费|培训费|贷)"
            # 入职要先进行就业培训，培训费用以助学贷款…: training before the job, then its fee.
            r"|(?:入职|上岗|录用)(?:前)?(?:要|需要?|须|必须)先?(?:进行|参加|接受)[^，,。；;]{0,6}"
            r"(?:培训|实训)(?=[^。；;]{0,30}?(?:培训费|学费|贷款|扣费|扣除))"
        ),
        _FRONT,
        _("招聘以付费培训为前提（“招转培”）：以招聘为名招揽付费培训。"),
        "illegal_exams_fees",
        _HIRING,
    ),
    PhraseRule(
        "training_sold_with_a_job",
        ("招转培",),
        re.compile(
            r"包就业|保就业|包分配|保证就业|包工作|包安置|(?:保|包)(?:证)?入职|包找工作"
            r"|保证(?:推荐|安排)(?:就业|工作)|包(?:推荐|安排)(?:就业|工作)"
        ),
        _FRONT,
        _("培训广告承诺“包就业”“包分配”：以工作机会招揽付费培训，是“招转培”的另一面。"),
        "illegal_exams_fees",
        (AdvertType.TRAINING,),
    ),
)
# What reads as a front only beside a fee or a loan for the training in the same advert: a
# skill gap the company's own course will fill (通过我们公司的培训课程弥补), a job promised
# (保证推荐就业), and in a training advert the loan itself (0元入学，分期每月支付…) beside a job
# promise (包找工作). Alone, each is ordinary on-the-job training or a lawful instalment plan.
_COURSE_FILLS_THE_GAP = PhraseRule(
    "job_sells_training",
    ("招转培",),
    re.compile(
        r"(?:通过|参加)[^，,。；;]{0,8}(?:培训|实训)(?:课程|班)?(?:来|进行)?(?:弥补|补足|补齐|提升)"
    ),
    _FRONT,
    FRONT_RULES[2].message,
    "illegal_exams_fees",
    _HIRING,
)
_JOB_PROMISED_BESIDE_A_FEE = PhraseRule(
    "training_sold_with_a_job",
    ("招转培",),
    # Not 包就业 itself: in a job advert that is reported as hype (online_job_adverts_…).
    re.compile(r"保证(?:推荐|安排)(?:就业|工作)|包(?:推荐|安排)(?:就业|工作)|包找工作"),
    _FRONT,
    FRONT_RULES[3].message,
    "illegal_exams_fees",
    _HIRING,
)
_LOAN_BESIDE_A_JOB_PROMISE = PhraseRule(
    "training_loan",
    ("培训贷", "招转贷", "招培贷"),
    FRONT_RULES[1].pattern,
    _FRONT,
    FRONT_RULES[1].message,
    "illegal_exams_fees",
    (AdvertType.TRAINING,),
)
_MONEY = ("fee_before_hiring", "training_loan")

_CERTIFICATE_AFTER_TRAINING = re.compile(
    r"(?:培训|学习|实训)[^，,。；;]{0,10}(?:后|结业|合格)[^，,。；;]{0,6}(?:颁发|发放|获得|取得|拿到|考取)"
    r"[^，,。；;]{0,12}?证"
)


def no_fees_or_paid_training_before_hiring(reading: Reading) -> list[Finding]:
    """对于将先交费作为条件的招聘，或入职前收取保证金、办证费、服装费、资料费等都需要谨慎对待.

    The 招聘欺诈典型案例 of 人力资源社会保障部, 中央网信办 and 教育部; 招转培 and 培训贷 as the
    2025 清理整顿人力资源市场秩序专项行动 names them. A job advert that also promises a certificate
    after the paid training is reported once more, at that promise.
    """
    found = [f for f in apply(FRONT_RULES, reading) if not _paid_by_employer(reading, f)]
    if any(f.code in _MONEY for f in found):
        found += apply((_COURSE_FILLS_THE_GAP, _JOB_PROMISED_BESIDE_A_FEE), reading)
    if any(f.code == "training_sold_with_a_job" for f in found):
        found += apply((_LOAN_BESIDE_A_JOB_PROMISE,), reading)
    found = _one_per_clause(reading, sorted(found, key=lambda f: (f.start, f.code)))
    if reading.advert_type in _HIRING and any(f.code != "training_sold_with_a_job" for f in found):
        promise = first(_CERTIFICATE_AFTER_TRAINING, reading.folded)
        if promise is not None:
            found.append(_certificate_promise(reading, promise))
    return found


def _one_per_clause(reading: Reading, found: list[Finding]) -> list[Finding]:
    """Fees named together (交“保密费”“保证金”) are one demand: one finding per clause."""
    merged: list[Finding] = []
    for finding in found:
        last = merged[-1] if merged else None
        if last and last.code == finding.code and _same_clause(reading, last, finding):
            last.end = finding.end
            last.quote = reading.text[last.start : last.end]
        else:
            merged.append(finding)
    return merged


def _same_clause(reading: Reading, one: Finding, other: Finding) -> bool:
    return clause_bounds(reading.folded, one.start, one.end) == clause_bounds(
        reading.folded, other.start, other.end
    )


# 入职前需参加岗前培训，培训费用由公司承担: the employer pays, said later in the sentence.
_EMPLOYER_PAYS_TRAINING = re.compile(
    r"(?:由(?:公司|单位|企业|我司)(?:承担|支付|负责|出)|(?<![向给交])(?:公司|单位|企业)(?:承担|支付|出资|报销)"
    r"|免费|全免|免收|不收|带薪|无需(?:交|缴|支付)|不需(?:交|缴|支付))"
)


def _paid_by_employer(reading: Reading, finding: Finding) -> bool:
    if finding.code == "job_sells_training":
        sentence = reading.sentence_of(finding.start)
        return bool(_EMPLOYER_PAYS_TRAINING.search(reading.folded, finding.start, sentence.end))
    return finding.code == "fee_before_hiring" and bool(
        _PAID_BY_EMPLOYER.match(reading.folded, finding.end)
    )


def _certificate_promise(reading: Reading, match: re.Match) -> Finding:
    row = phrase("招转培")
    document, text = document_of(row)
    return reading.finding(
        match.start(),
        match.end(),
        code="certificate_after_paid_training",
        category=_FRONT,
        message=str(_("招聘广告承诺付费培训后发证：以证书为诱饵把求职者转为培训学员。")),
        rule=text,
        document=document,
        confidence=confidence_of(row),
        report_type="illegal_exams_fees",
    )
