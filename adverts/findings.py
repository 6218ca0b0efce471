"""What the advert check finds, and the reading of the advert that every rule shares."""

from dataclasses import dataclass, field

from django.db import models
from django.utils.translation import gettext_lazy as _

from .spans import Mention
from .text import Sentence, sentence_at


class AdvertType(models.TextChoices):
    JOB = "job", _("招聘广告")
    TRAINING = "training", _("培训广告")
    PUBLIC_RECRUITMENT = "public_recruitment", _("机关、事业单位公开招聘")
    PROCUREMENT = "procurement", _("采购、招标公告")


class Category(models.TextChoices):
    CERTIFICATE_DEMAND = "certificate_demand", _("证书要求")
    CERTIFICATE_SELLING = "certificate_selling", _("卖证宣传")
    TRAINING_FRONT = "training_front", _("以招聘为名收费或卖培训")
    JOB_ADVERT_CONTENT = "job_advert_content", _("招聘信息内容")
    FORBIDDEN_WORDING = "forbidden_wording", _("证书违规字样")


class Confidence(models.TextChoices):
    HIGH = "high", _("高")
    MEDIUM = "medium", _("中")
    LOW = "low", _("低")


class Requirement(models.TextChoices):
    """How the advert asks for a certificate, read from the words around it."""

    PRECONDITION = "precondition", _("说成上岗的法定条件")  # 持证上岗, 必须持有…方可
    REQUIRED = "required", _("作为条件")  # 要求, 须具有
    PREFERRED = "preferred", _("优先考虑")  # …者优先: not a condition
    MENTIONED = "mentioned", _("提及")  # named, not asked for (a training advert's certificate)


VERDICT_LABELS = {
    "access": _("准入类国家职业资格"),
    "level_evaluation": _("水平评价类国家职业资格"),
    "retired": _("已退出或取消"),
    "not_national": _("不是国家职业资格"),
    "uncertain": _("无法确定"),
}


@dataclass
class CertificateFound:
    """A certificate the advert names, with the certificate check's answer."""

    mention: Mention
    check: dict
    requirement: Requirement
    issuer: str = ""
    issuer_type: str = ""

    @property
    def verdict(self) -> str:
        return self.check["verdict"]

    @property
    def verdict_label(self) -> str:
        return str(VERDICT_LABELS.get(self.verdict, self.verdict))

    def has_access_meaning(self) -> bool:
        """Access-type, or a colloquial name one of whose meanings licenses the work."""
        options = self.check.get("options") or []
        return self.verdict == "access" or any(o.get("licenses_work") for o in options)

    def every_candidate_outside(self) -> bool:
        """An uncertain answer whose every candidate has left the catalogue (or was never a
        national qualification): whichever it means, no national qualification is issued
        under that name now. A name without candidates (国家职业资格证书) is not one."""
        if self.verdict != "uncertain":
            return False
        check = self.check
        return not check.get("national_candidates") and bool(check.get("retired_candidates"))

    def candidate_names(self) -> list[str]:
        check = self.check
        names = [*check.get("national_candidates", []), *check.get("retired_candidates", [])]
        return list(dict.fromkeys(names))


@dataclass
class Finding:
    code: str
    category: Category
    start: int
    end: int
    quote: str
    sentence: str
    message: str
    rule: str
    document: str
    confidence: Confidence
    report_type: str
    certificate: dict | None = None
    handled_by: str = ""
    report_url: str = ""

    @property
    def certificate_verdict_label(self) -> str:
        verdict = (self.certificate or {}).get("verdict", "")
        return str(VERDICT_LABELS.get(verdict, verdict))


@dataclass
class Reading:
    """The advert as every rule reads it: text, folded text, sentences, type, certificates."""

    text: str
    folded: str
    sentences: list[Sentence]
    advert_type: AdvertType
    certificates: list[CertificateFound] = field(default_factory=list)
    organisation: str = ""
    region: str = ""
    type_given: bool = False  # the user picked the type (else it was guessed)
    _starts: list[int] = field(default_factory=list, repr=False)

    def sentence_of(self, position: int) -> Sentence:
        if len(self._starts) != len(self.sentences):
            self._starts = [s.start for s in self.sentences]
        return sentence_at(self.sentences, position, self._starts)

    def finding(self, start: int, end: int, **fields) -> Finding:
        found = self.sentence_of(start) if self.sentences else None
        sentence = self.text[found.start : found.end].strip() if found else ""
        return Finding(
            start=start, end=end, quote=self.text[start:end], sentence=sentence, **fields
        )
