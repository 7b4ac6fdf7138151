"""Fill src/kechuang/locale/en/LC_MESSAGES/django.po with English translations.

Run from /work/main:  PYTHONPATH=/tmp/polib-lib .venv/bin/python /tmp/kc-i18n/translate_en.py
"""
import sys
import polib

PO = "src/kechuang/locale/en/LC_MESSAGES/django.po"

T = {
    # accounts
    "角色": "Role",
    "姓名": "Full name",
    "科室": "Division",
    "市局科室，如规划科": "Division of the municipal bureau, e.g. Planning Division",
    "管辖区划": "Jurisdiction",
    "县区业务人员可管理的县（市、区）；市级业务人员为全市": "County/district the county-level officer manages; city-level officers cover the whole city",
    "所属单位": "Organisation",
    "用户": "Users",
    "可查看个人敏感信息（身份证号码、电话）": "Can view sensitive personal data (ID numbers, phone numbers)",
    "市级管理员": "City administrator",
    "市级业务人员": "City officer",
    "县区业务人员": "County officer",
    "单位用户": "Organisation user",
    "评审专家": "Review expert",
    "新增用户、签发接口令牌：kechuang users create / kechuang users token（见 README）":
        "To add users or issue API tokens: kechuang users create / kechuang users token (see README)",
    "关键字": "Keyword",
    "搜索": "Search",
    "重置": "Reset",
    "用户名": "Username",
    "状态": "Status",
    "最近登录": "Last login",
    "全部": "All",
    "启用": "Active",
    "停用": "Inactive",
    "上一页": "Previous",
    "下一页": "Next",
    # config
    "科创平台 REST API：按用户的区域和单位范围返回数据。认证：Authorization: Token <token>":
        "Kechuang REST API: returns data within the user's region and organisation scope. "
        "Authentication: Authorization: Token <token>",
    # core
    "创建时间": "Created",
    "更新时间": "Updated",
    "版本": "Version",
    "操作": "Actions",
    "查看": "View",
    "编辑": "Edit",
    "删除": "Delete",
    # orgs choices
    "企业": "Enterprises",
    "高校": "University",
    "科研院所": "Research institute",
    "医疗卫生机构": "Healthcare institution",
    "其他": "Other",
    "A 农、林、牧、渔业": "A Agriculture, forestry, animal husbandry and fishery",
    "B 采矿业": "B Mining",
    "C 制造业": "C Manufacturing",
    "D 电力、热力、燃气及水生产和供应业": "D Electricity, heat, gas and water production and supply",
    "E 建筑业": "E Construction",
    "F 批发和零售业": "F Wholesale and retail trade",
    "G 交通运输、仓储和邮政业": "G Transport, storage and postal services",
    "H 住宿和餐饮业": "H Accommodation and catering",
    "I 信息传输、软件和信息技术服务业": "I Information transmission, software and IT services",
    "J 金融业": "J Finance",
    "K 房地产业": "K Real estate",
    "L 租赁和商务服务业": "L Leasing and business services",
    "M 科学研究和技术服务业": "M Scientific research and technical services",
    "N 水利、环境和公共设施管理业": "N Water conservancy, environment and public facilities management",
    "O 居民服务、修理和其他服务业": "O Residential, repair and other services",
    "P 教育": "P Education",
    "Q 卫生和社会工作": "Q Health and social work",
    "R 文化、体育和娱乐业": "R Culture, sports and entertainment",
    "S 公共管理、社会保障和社会组织": "S Public administration, social security and social organisations",
    "T 国际组织": "T International organisations",
    # orgs model
    "单位名称": "Name",
    "统一社会信用代码": "Unified social credit code",
    "18 位，按 GB 32100-2015 校验": "18 characters, validated per GB 32100-2015",
    "单位类型": "Organisation type",
    "所属行业": "Industry",
    "国民经济行业分类门类": "Industrial classification for national economic activities (section)",
    "所在区划": "Division",
    "地址": "Address",
    "法定代表人": "Legal representative",
    "联系人": "Contact person",
    "联系电话": "Contact phone",
    "成立日期": "Date established",
    "注册资本（万元）": "Registered capital (10k CNY)",
    "简介": "Description",
    "拼音首字母": "Pinyin initials",
    "法人单位": "Organisations",
    # plans
    "正向": "Higher is better",
    "逆向": "Lower is better",
    "规划编号": "Plan code",
    "规划名称": "Plan name",
    "适用区划": "Division",
    "起始年度": "Start year",
    "目标年度": "Target year",
    "来源": "Source",
    "默认规划": "Default plan",
    "规划": "Plans",
    "指标代码": "Indicator code",
    "指标名称": "Indicator",
    "规划章节": "Plan section",
    "计量单位": "Unit",
    "存储单位，如 家、比例、万元": "Storage unit, e.g. count, ratio, 10k CNY",
    "显示单位": "Display unit",
    "显示换算系数": "Display conversion factor",
    "小数位数": "Decimal places",
    "指标方向": "Direction",
    "指标定义": "Definition",
    "首页展示": "Show on home page",
    "排序": "Order",
    "目标值": "Target",
    "规划指标": "Plan indicators",
    "指标": "Indicator",
    "年度": "Year",
    "数值": "Value",
    "数据来源": "Data source",
    "基期值": "Baseline values",
    "代码": "Code",
    "方向": "Direction",
    "单位": "Unit",
    "待设定": "To be set",
    # regions
    "省级": "Province level",
    "市级": "City level",
    "县级": "County level",
    "乡级": "Township level",
    "村级": "Village level",
    "省": "Province",
    "地级市": "Prefecture-level city",
    "市辖区": "District",
    "县": "County",
    "县级市": "County-level city",
    "功能区": "Functional zone",
    "街道": "Subdistrict",
    "镇": "Town",
    "乡": "Township",
    "村": "Village",
    "社区": "Community",
    "区划代码": "Division code",
    "名称": "Name",
    "层级": "Level",
    "类型": "Type",
    "上级区划": "Parent division",
    "路径": "Path",
    "演示生成": "Demo",
    "演示数据中生成的村级区划，并非真实区划": "Village-level division generated for demo data; not a real division",
    "行政区划": "Administrative divisions",
    "下级区划": "Subdivisions",
    "下级区划数": "No. of subdivisions",
    # navigation
    "规划监测": "Plan monitoring",
    "创新平台": "Innovation platforms",
    "创新主体": "Enterprises",
    "创新团队": "Talent & teams",
    "人才": "Talent",
    "创新载体": "Incubators & parks",
    "载体": "Incubators & parks",
    "成果转化": "Technology transfer",
    "科技成果": "S&T achievements",
    "乡村振兴": "Rural revitalisation",
    "科技特派员": "S&T commissioners",
    "绩效评价": "Evaluation",
    "评价任务": "Evaluation runs",
    "数据导入": "Data import",
    "导入记录": "Import batches",
    "报告": "Reports",
    "报告中心": "Report centre",
    "系统管理": "Administration",
    "接口文档": "API docs",
    "后台管理": "Admin site",
    # login / base
    "登录": "Log in",
    "登录科创平台": "Log in to Kechuang",
    "用户名或密码错误，请重新输入。": "Incorrect username or password. Please try again.",
    "密码": "Password",
    "科创平台": "Kechuang",
    "菜单": "Menu",
    "平顶山市科技创新管理": "Pingdingshan S&T innovation management",
    "用户菜单": "User menu",
    "退出登录": "Log out",
    "首页": "Home",
    # home
    "年基期值": " baseline",
    "规划期实际值将由监测模块从登记数据计算。": "Actual values for the plan period will be calculated by the monitoring module from registered data.",
    "尚未载入规划。请运行 kechuang plan load。": "No plan loaded yet. Please run kechuang plan load.",
    "我的数据范围": "My data scope",
    "县（市、区）及功能区": "Counties, cities, districts and functional zones",
    "乡镇（街道）": "Towns, townships and subdistricts",
    "暂无法人单位数据": "No organisation data yet",
    # object pages
    "基本信息": "Details",
    "变更记录": "Change history",
    "时间": "Time",
    "操作人": "User",
    "字段": "Field",
    "变更前": "Before",
    "变更后": "After",
    "说明": "Note",
    "系统": "System",
    "无字段变化": "No field changes",
    "暂无变更记录": "No change history yet",
    "确定删除“%(name)s”吗？此操作可在变更记录中追溯。":
        "Delete “%(name)s”? This action will be recorded in the change history.",
    "取消": "Cancel",
    "确定删除": "Delete",
    "新增": "Add",
    "保存": "Save",
    "导出": "Export",
    "导出 Excel（当前筛选结果）": "Export Excel (current filter)",
    "导出 CSV（当前筛选结果）": "Export CSV (current filter)",
    "更多": "More",
    "没有符合条件的记录": "No matching records",
    "每页条数": "Rows per page",
    "条/页": "/ page",
    "前往第": "Go to page",
    "页": "↵",
}
PLURAL = {
    "共 %(n)s 条": ("%(n)s record", "%(n)s records"),
}

po = polib.pofile(PO, wrapwidth=79)
po.metadata["Language"] = "en"
po.metadata["Language-Team"] = "English"
po.metadata["Project-Id-Version"] = "kechuang"
po.metadata["Last-Translator"] = "Kechuang team"
import datetime
po.metadata["PO-Revision-Date"] = datetime.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M%z")
po.header = "English translation of the Kechuang platform UI (msgids are Simplified Chinese)."
po.metadata_is_fuzzy = False
missing = []
done = 0
for e in po:
    if e.obsolete:
        continue
    if e.msgid_plural:
        if e.msgid in PLURAL:
            one, other = PLURAL[e.msgid]
            e.msgstr_plural = {0: one, 1: other}
            done += 1
        else:
            missing.append(e.msgid)
    elif e.msgid in T:
        e.msgstr = T[e.msgid]
        done += 1
    else:
        missing.append(e.msgid)
    if "fuzzy" in e.flags:
        e.flags.remove("fuzzy")
    e.previous_msgid = e.previous_msgid_plural = e.previous_msgctxt = None
po.save(PO)
print(f"translated {done}/{len([e for e in po if not e.obsolete])}")
if missing:
    print("MISSING:", *missing, sep="\n  ")
    sys.exit(1)
