"""Forwarding documents in the shape of the seed, as other provinces and cities print them.

Constructed for the tests (the names of real authorities, invented contacts and body
text); each exercises a layout the importer must read.
"""

# A province forwards the ministry's notice: red-head line, title broken after 部, two-line
# recipients, opinions, a cited State Council document, contacts, an attachment line, the
# date in Chinese numerals, 依申请公开, 抄送 and 印发 lines, the forwarded notice printed
# after an 附件 heading, and the catalogue table after the ministry's own date.
PROVINCE = """江苏省人力资源和社会保障厅文件

苏人社发〔2017〕400号

江苏省人力资源和社会保障厅关于转发人力资源社会保障部
关于公布国家职业资格目录的通知

各设区市人力资源和社会保障局，
省各有关部门、单位：

　　现将《人力资源社会保障部关于公布国家职业资格目录的通知》（人社部发〔2017〕68号）转发给你们，并提出以下意见，请一并贯彻执行。
　　一、严格执行职业资格目录清单管理，目录之外一律不得许可和认定职业资格。
　　二、根据《国务院关于严格控制新设行政许可的通知》（国发〔2013〕39号），不得自行设置职业资格。
　　联系人：省厅职业能力建设处，联系电话：025-00000000。

　　附件：人力资源社会保障部关于公布国家职业资格目录的通知

　　　　　　　　　　　　　　江苏省人力资源和社会保障厅
　　　　　　　　　　　　　　二〇一七年十月十日

（此件依申请公开）

抄送：人力资源社会保障部。
江苏省人力资源和社会保障厅办公室　　　　2017年10月12日印发

附件

人社部发［2017］68号

人力资源社会保障部关于公布国家职业资格目录的通知

各省、自治区、直辖市人民政府，国务院各部委、各直属机构：
　　经国务院同意，现予以公布。

　　附件：国家职业资格目录

　　　　　　　　　人力资源社会保障部
　　　　　　　　　2017年9月12日

附件

国家职业资格目录

序号　职业资格名称　实施部门
1　教师资格　教育部
"""

# A county forwards the city's forwarding, which is printed without its number (the
# county's text cites it); signature and date on one line; 此件主动公开 without brackets.
COUNTY = """侯人社〔2018〕5号

闽侯县人力资源和社会保障局关于转发福州市
人力资源和社会保障局转发人力资源社会保障部
关于公布国家职业资格目录的通知

各乡（镇）人民政府、街道办事处，县直各部门：
　　现将《福州市人力资源和社会保障局转发人力资源社会保障部关于公布国家职业资格目录的通知》（榕人社培〔2017〕139号）转发给你们，请遵照执行。

闽侯县人力资源和社会保障局　2018年1月8日

此件主动公开

福州市人力资源和社会保障局转发人力资源社会
保障部关于公布国家职业资格目录的通知

各县（市）区人民政府、市直各部门、各直属机构：
　　经市政府同意，现将《福建省人力资源和社会保障厅转发人力资源社会保障部关于公布国家职业资格目录的通知》（闽人社文〔2017〕320号）转发给你们，请严格按通知要求组织实施。

福州市人力资源和社会保障局
2017年12月19日
"""

# A city notice that only cites higher notices (为贯彻落实…, 根据…, attachment lines): one
# notice, no chain.
CITING = """厦人社〔2017〕200号

厦门市人力资源和社会保障局关于做好国家职业资格目录实施工作的通知

各区人力资源和社会保障局：
　　为贯彻落实《人力资源社会保障部关于公布国家职业资格目录的通知》（人社部发〔2017〕68号）和《福建省人力资源和社会保障厅转发人力资源社会保障部关于公布国家职业资格目录的通知》（闽人社文〔2017〕320号），根据《国务院关于严格控制新设行政许可的通知》（国发〔2013〕39号），现就有关事项通知如下：
　　一、严格执行目录清单管理。
　　附件：1.人力资源社会保障部关于公布国家职业资格目录的通知（人社部发〔2017〕68号）
　　　　　2.国家职业资格目录

厦门市人力资源和社会保障局
2017年12月1日

（此件主动公开）
"""

# Copied from a government web page: the page's table above the notice (文号 only there),
# 签发人 beside a number, a seal note, two joint issuers on one signature line, the date
# followed by the disclosure on the same line, and a title ending in （试行）.
WEB_PAGE = """索引号：000000000/2017-00001
发布机构：广东省人力资源和社会保障厅　　生成日期：2017-10-20
文号：粤人社函〔2017〕1000号
公开方式：主动公开

广东省人力资源和社会保障厅 广东省财政厅关于转发人力资源社会保障部关于公布国家职业资格目录的通知

各地级以上市人力资源社会保障局、财政局：
　　现将《人力资源社会保障部关于公布国家职业资格目录的通知》（人社部发〔2017〕68号）转发给你们，请认真贯彻执行。

广东省人力资源和社会保障厅　　　　广东省财政厅
（印章）
2017年10月20日（此件主动公开）

人社部发〔2017〕68号　　签发人：某某

人力资源社会保障部关于公布国家职业资格目录的通知

各省、自治区、直辖市人民政府，国务院各部委、各直属机构：
　　现予以公布。
"""

# A city's notice printed without a number, its title starting with 关于 (the issuer only
# signs), sentences broken across lines, numbered opinions, the date in Chinese numerals;
# the ministry's notice follows without its number line.
BROKEN_LINES = """关于转发人力资源社会保障部关于公布
国家职业资格目录的通知

各县（市、区）人力资源和社会保障局，市直有关单位：

    现将《人力资源社会保障部关于公布国家职业资格目录的通知》
（人社部发〔2017〕68号）转发给你们，请结合实际，
认真贯彻执行。

    1.提高认识，做好目录实施
的衔接工作。
    2.加强监管。

                              三明市人力资源和社会保障局
                              二〇一七年十一月三十日

    （此件主动公开）

人力资源社会保障部关于公布国家职业资格目录的通知

各省、自治区、直辖市人民政府，国务院各部委、各直属机构：
    根据国务院推进简政放权、放管结合、优化服务改革部署，现予以公布。

    附件：国家职业资格目录

                        人力资源社会保障部
                        2017年9月12日
"""

# A web page: the page's title, its table, then the document — whose title quotes the
# forwarded notice in 《》 and breaks right after it, a date in brackets under the title,
# recipients given after the body as 主送：…, and no disclosure line.
ZHEJIANG_TITLE = (
    "浙江省人力资源和社会保障厅关于转发"
    + "《人力资源社会保障部关于公布国家职业资格目录的通知》的通知"
)
PAGE_WITH_TITLE = (
    ZHEJIANG_TITLE
    + """
发布时间：2017-10-30　　来源：省人力社保厅
文号：浙人社发〔2017〕123号

浙江省人力资源和社会保障厅关于转发《人力资源社会保障部关于公布国家职业资格目录的通知》
的通知
（2017年10月27日）

　　现将《人力资源社会保障部关于公布国家职业资格目录的通知》（人社部发〔2017〕68号）转发给你们，请认真贯彻落实。

主送：各市、县（市、区）人力资源和社会保障局，省级有关单位。

人社部发〔2017〕68号

人力资源社会保障部关于公布国家职业资格目录的通知

各省、自治区、直辖市人民政府，国务院各部委、各直属机构：
　　现予以公布。
"""
)
