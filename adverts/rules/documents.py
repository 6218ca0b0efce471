"""The provisions the advert check rests on, quoted once, with the document that holds them."""

from django.utils.translation import gettext_lazy as _

RULE_2_DOCUMENT = "人社部发〔2017〕68号"
RULE_2_TEXT = "目录之内除准入类职业资格外一律不得与就业创业挂钩"
ONLY_ACCESS_TYPE_TEXT = "只有准入类职业资格才必须持证上岗"
OUTSIDE_CATALOGUE_TEXT = "目录之外一律不得许可和认定职业资格"
CANCELLED_TEXT = "取消的职业资格不得“死灰复燃”"
PROCUREMENT_DOCUMENT = "人社部发〔2017〕68号；《中华人民共和国政府采购法》第七十一条"

CAMPAIGN_2022_DOCUMENT = "人社部函〔2022〕25号"
CAMPAIGN_2022_TEXT = (
    "有无假借行政机关名义或使用‘中华人民共和国’‘中国’‘中华’‘国家’‘全国’‘×××部’‘原×××部’"
    "和‘包过’等字样进行培训评价发证活动宣传"
)
NETWORK_2022_DOCUMENT = "人力资源社会保障部、中央网信办2022年4月网络环境治理通知（文号未见）"
NETWORK_2022_TEXT = (
    "“政府主推”“×××部”“原×××部”“代考”“包过”“不过包退”“速成”“上岗必须”“×天拿证”"
    "“零基础包拿证”“挂靠”“挂证”“轻松月入过万”“高薪入职”“毕业推荐高薪工作”“内部推荐”等"
)
GUANGDONG_2022_DOCUMENT = "广东省贯彻人社部函〔2022〕25号的通知（文号未见）"
GUANGDONG_2022_TEXT = "“×××厅（局）”“不限年龄”“不限专业”“无门槛”等字样"
CONSUMER_GUIDE_DOCUMENT = _("消费提示（无正式文件）")

ONLINE_ADVERTS_DOCUMENT = "人社厅发〔2025〕60号《关于规范网络平台招聘类信息发布的通知》"
ONLINE_ADVERTS_ELEMENTS_TEXT = (
    "用人单位基本情况、招聘人数、招聘条件、工作内容、工作地点、基本劳动报酬等要素，"
    "应标注有效期限或及时更新"
)
ONLINE_ADVERTS_BANS_TEXT = (
    "不得含有民族、种族、性别、宗教信仰等方面的歧视性内容…在户籍、地域、身份等方面设置限制"
    "人力资源流动的条件，不得以高薪、保录等噱头进行虚假宣传"
)
ONLINE_ADVERTS_REPOST_TEXT = "转发招聘信息的，需严格标注信息来源"
MARKET_REGULATION_DOCUMENT = "《人力资源市场暂行条例》第二十四条；人社厅发〔2025〕60号"
DISCRIMINATION_TEXT = "应当真实、合法，不得含有民族、种族、性别、宗教信仰等方面的歧视性内容"
MOBILITY_DOCUMENT = "《网络招聘服务管理规定》第十五条；人社厅发〔2025〕60号"

FRAUD_CASES_DOCUMENT = "人力资源社会保障部、中央网信办、教育部招聘欺诈典型案例"
FRAUD_CASES_TEXT = (
    "对于将先交费作为条件的招聘，或入职前收取保证金、办证费、服装费、资料费等都需要谨慎对待"
)
CAMPAIGN_2025_DOCUMENT = "2025年清理整顿人力资源市场秩序专项行动"
CAMPAIGN_2025_TEXT = "“招转培”“培训贷”等新型违法行为"
SICHUAN_2025_DOCUMENT = "四川省2025年人力资源市场专项整治（文号未见）"

MARKS_2022_TEXT = (
    "是否违规使用“中华人民共和国”“中国”“中华”“国家”“全国”和“职业资格”“岗位合格（凭证）”"
    "“专业技术职务”等字样；是否违规使用国徽、政府部门徽标等标识，以及与上述相关或易产生歧义"
    "和误导的字样、图案或水印"
)
