"""The 2022 campaign against fake certificates (人社部函〔2022〕25号 and the network notice)."""

import re

from django.utils.translation import gettext_lazy as _

from ..findings import AdvertType, Category, Finding, Reading
from .lexicon_rules import PhraseRule, apply

_MINISTRIES = (
    "人力资源和社会保障|人力资源社会保障|劳动和社会保障|劳动保障|人社|人事|劳动|工业和信息化|工信"
    "|住房和城乡建设|住建|建设|应急管理|商务|文化和旅游|文旅|卫生健康|卫健|卫生|民政|农业农村|农业"
    "|交通运输|交通|公安|司法|财政|科技|教育"
)
_ENDORSES = (
    "认证|颁发|颁证|发证|监制|认可|备案|主办|授权|指定|直属|主推|推荐|权威|统一|认定|签发|盖章|承认"
)
_TRAINING = (AdvertType.TRAINING,)
_SELLING = Category.CERTIFICATE_SELLING

SELLING_RULES = (
    PhraseRule(
        "guaranteed_pass",
        ("包过",),
        re.compile(
            r"包过|包通过|包考过|保过|保证通过|通过率\s*100%|百分之?百通过"
            # The same promise in other words: pay and you get it; no one fails.
            r"|只要(?:交钱|交费|付费|报名|缴费)[^，,。；;]{0,4}[，,]?(?:就能|就可以?|即可|保证|一定)"
            r"[^，,。；;]{0,4}"
            r"(?:拿到|拿|取得|获得|领到)(?:证|证书)"
            r"|(?:不存在|没有|绝无)(?:考)?(?:过|通过)不了"
            # A price for the certificate itself: 报名980元证书拿回家, 500元拿证.
            r"|[0-9]+\s*元\s*(?:即可|就能|就可)?(?:拿证|领证|证书(?:拿回家|到手|到家))"
            r"|证书(?:拿回家|到手)"
        ),
        _SELLING,
        _("“包过”：考试通过不能保证，承诺包过是2022年专项治理列明的违规宣传。"),
        "illegal_exams_fees",
    ),
    PhraseRule(
        "refund_if_failed",
        ("不过包退",),
        re.compile(r"不过包退|不过退款|不过全额退|考不过退|未通过[^，,。；;]{0,4}退(?:费|款)"),
        _SELLING,
        _("“不过包退”是“包过”的变体，属于违规宣传。"),
        "illegal_exams_fees",
    ),
    PhraseRule(
        "exam_by_proxy",
        ("代考",),
        re.compile(r"代考|替考|代替考试"),
        _SELLING,
        _("“代考”：由他人替考是考试作弊，广告中出现即属违规。"),
        "illegal_exams_fees",
    ),
    PhraseRule(
        "crash_course",
        ("速成",),
        re.compile(r"速成"),
        _SELLING,
        _("“速成”是2022年专项治理列明的违规宣传用语。"),
        "illegal_exams_fees",
    ),
    PhraseRule(
        "certificate_in_days",
        ("×天拿证",),
        re.compile(
            r"[0-9〇零一二三四五六七八九十两百]+\s*(?:天|日|周|个月|个工作日)\s*"
            r"(?:即可|就能|就可|快速|轻松|即|就|可|内)?\s*(?:拿|取|领|下|出|获|发)证"
        ),
        _SELLING,
        _("“×天拿证”：承诺在固定天数内拿证，是2022年专项治理列明的违规宣传。"),
        "illegal_exams_fees",
    ),
    PhraseRule(
        "no_background_certificate",
        ("零基础包拿证",),
        re.compile(r"零基础[^，,。；;]{0,6}(?:包|保|稳|轻松|也能|即可|就能)(?:拿|取|领|考)证"),
        _SELLING,
        _("“零基础包拿证”是2022年专项治理列明的违规宣传。"),
        "illegal_exams_fees",
    ),
    PhraseRule(
        "no_training_certificate",
        ("免培训直接拿证",),
        re.compile(
            r"免(?:培训|考试|考)[^，,。；;]{0,4}(?:拿|取|领|发|出)证"
            r"|(?:不用|无需|无须|不需要?)(?:培训|考试|上课)[^，,。；;]{0,4}(?:拿|取|领|发)证"
        ),
        _SELLING,
        _("“免培训（免考）直接拿证”：不经培训或考试就发证，是假证的常见信号。"),
        "illegal_exams_fees",
    ),
    PhraseRule(
        "certificate_renting",
        ("挂证", "挂靠"),
        re.compile(r"挂证|挂靠"),
        _SELLING,
        _("“挂证”“挂靠”：出租、出借证书或挂名，是2022年专项治理列明的违规宣传。"),
        "illegal_exams_fees",
    ),
    PhraseRule(
        "government_promoted",
        ("政府主推",),
        re.compile(r"政府主推|国家主推"),
        _SELLING,
        _("“政府主推”：假称政府推广某项培训或证书，属于违规宣传。"),
        "disguised_licensing",
    ),
    PhraseRule(
        "former_ministry_name",
        ("原×××部",),
        # 原为/原是/原来…部 says what something used to be, not a former ministry's name.
        re.compile(r"原(?![为是来本先])(?:国家)?[\u4e00-\u9fff]{1,10}?部(?!门|分|位|队|署|件|落)"),
        _SELLING,
        _("“原×××部”：借已撤销部委的名义宣传培训或证书，属于违规宣传。"),
        "disguised_licensing",
    ),
    PhraseRule(
        "ministry_name",
        ("×××部", "假借行政机关名义"),
        re.compile(
            rf"(?:国家)?(?:{_MINISTRIES})部(?!门|分)[^，,。；;]{{0,8}}?(?:{_ENDORSES})"
            # 国家人力资源和社会保障部门组织的考试: with 国家, the ministry (人社部门 alone is any
            # level's department), said to run the exam or issue the certificate.
            rf"|国家(?:{_MINISTRIES})部门[^，,。；;]{{0,4}}?(?:{_ENDORSES}|组织的?考试|组织考核)"
            rf"|(?:{_ENDORSES})(?:单位|机构)?[:：为是]?(?:中华人民共和国|国家)?(?:{_MINISTRIES})部(?!门)"
        ),
        _SELLING,
        _("借部委名义宣传培训或证书（“×××部认证、颁发”）；这张证书不是该部门的职业资格。"),
        "disguised_licensing",
        unless_national=True,
        # 民政部登记: where an association is registered, not the ministry's word on a certificate.
        accept=lambda match: "登记" not in match.group(0),
    ),
    PhraseRule(
        "department_name",
        ("×××厅（局）",),
        re.compile(
            r"(?:人社|人力资源和社会保障|人力资源社会保障|劳动保障|住建|住房和城乡建设|应急管理"
            r"|市场监管|市场监督管理|教育|卫健|卫生健康|交通运输|文旅)(?:厅|局)"
            rf"[^，,。；;]{{0,8}}?(?:{_ENDORSES})"
        ),
        _SELLING,
        _("借省市政府部门（“×××厅（局）”）名义宣传培训或证书，属于违规宣传。"),
        "disguised_licensing",
        unless_national=True,
    ),
    PhraseRule(
        "national_claim",
        ("国家", "全国"),
        re.compile(
            # 国家承认的大专学历 is about a diploma, not a certificate.
            r"国家认证|国家级(?:证书|资格)?|全国通用|国家承认(?!的?(?:学历|学位|文凭|毕业|大专|本科))"
            r"|国家颁发|国家统一颁发|国家权威|全国认可"
            r"|国家职业资格(?:证书?)?(?!目录|制度|体系|清单)"
        ),
        _SELLING,
        _("“国家认证”“全国通用”等说法用在不是国家职业资格的证书上，属于违规宣传。"),
        "forbidden_wording",
        unless_national=True,
    ),
    PhraseRule(
        "insider_referral",
        ("内部推荐", "内部通道"),
        re.compile(r"内部推荐|内推|内部通道|内部名额|内部渠道|内部指标"),
        _SELLING,
        _("“内部推荐”“内部通道”：以内部关系招揽，是2022年专项治理和招聘欺诈案例列明的信号。"),
        "illegal_exams_fees",
    ),
    PhraseRule(
        "high_pay_promise",
        ("高薪入职", "毕业推荐高薪工作", "轻松月入过万"),
        re.compile(
            r"高薪入职|(?:毕业|结业)?推荐高薪(?:工作|就业|岗位)|轻松月入过万|月入过万|月入上万"
            r"|(?:获|拿|享|得)(?:得)?高薪"
            r"|年薪\s*[0-9一二三四五六七八九十百]+\s*万(?:元)?\s*(?:起跳|起|以上|不是梦)"
        ),
        _SELLING,
        _("以“高薪入职”“月入过万”招揽培训，属于违规宣传。"),
        "illegal_exams_fees",
        _TRAINING,
    ),
    PhraseRule(
        "international_registered",
        ("国际注册",),
        re.compile(r"国际注册"),
        _SELLING,
        _("“国际注册…”证书不是国家职业资格，常被当作职业资格出售。"),
        "outside_catalogue",
        _TRAINING,
    ),
    PhraseRule(
        "anyone_can_enrol",
        ("不限年龄", "不限专业", "无门槛"),
        # 学费零门槛 is about the price, not who may enrol.
        re.compile(r"不限年龄|不限专业|(?<!学费)(?<!费用)(?<!价格)(?:无门槛|零门槛)"),
        _SELLING,
        _("“不限年龄”“不限专业”“无门槛”：广东贯彻2022年专项治理时列明的培训发证违规宣传。"),
        "illegal_exams_fees",
        _TRAINING,
    ),
)


def campaign_2022_no_certificate_selling_words(reading: Reading) -> list[Finding]:
    """有无假借行政机关名义或使用…‘×××部’‘原×××部’和‘包过’等字样进行培训评价发证活动宣传.

    人社部函〔2022〕25号, with the phrases of the 2022-04 network notice (代考, 速成, ×天拿证,
    挂证 …) and Guangdong's additions (×××厅（局）, 不限年龄 …); each in advert_phrases.csv.
    """
    return apply(SELLING_RULES, reading)
