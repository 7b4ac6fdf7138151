"""The main menu, mirroring the plan's chapters. An entry shows only when its page exists (its
URL name resolves) and the user holds its permission; an empty menu is not shown at all."""

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Item:
    label: str
    url_name: str
    permission: str | None = None


@dataclass(frozen=True)
class Menu:
    label: str
    items: tuple[Item, ...]


MENUS = (
    Menu(
        _("规划监测"),
        (
            Item(_("监测看板"), "plans:monitor", "plans.view_plan"),
            Item(_("规划指标"), "plans:plan_default", "plans.view_plan"),
            Item(_("规划任务"), "plans:task_list", "plans.view_task"),
            Item(_("统计填报"), "plans:reporting", "plans.view_submission"),
        ),
    ),
    Menu(
        _("创新平台"),
        (
            Item(_("创新平台"), "platforms:platform_list", "platforms.view_platform"),
            Item(_("平台年报"), "platforms:platformreport_list", "platforms.view_platformreport"),
        ),
    ),
    Menu(
        _("创新主体"),
        (
            Item(_("企业"), "enterprises:enterprise_list", "enterprises.view_enterprise"),
            Item(_("企业年度数据"), "enterprises:annualdata_list", "enterprises.view_annualdata"),
            Item(_("企业资质"), "enterprises:qualification_list", "enterprises.view_qualification"),
            Item(_("梯次培育"), "cultivation:pipeline", "enterprises.view_qualification"),
            Item(_("高企后备库"), "cultivation:evaluation_list", "cultivation.view_evaluation"),
            Item(_("法人单位"), "orgs:org_list", "orgs.view_org"),
            Item(_("创新课题"), "projects:call_list", "projects.view_call"),
            Item(_("课题申报"), "projects:proposal_list", "projects.view_proposal"),
            Item(_("专家评审"), "projects:review_list", "projects.view_review"),
            Item(_("立项项目"), "projects:project_list", "projects.view_project"),
            Item(_("项目里程碑"), "projects:milestone_list", "projects.view_milestone"),
            Item(_("专家库"), "projects:expert_list", "projects.view_expert"),
        ),
    ),
    Menu(
        _("创新团队"),
        (
            Item(_("人才"), "talents:talent_list", "talents.view_talent"),
            Item(_("创新团队"), "talents:team_list", "talents.view_team"),
        ),
    ),
    Menu(
        _("创新载体"),
        (
            Item(_("孵化载体"), "carriers:carrier_list", "carriers.view_carrier"),
            Item(_("在孵企业"), "carriers:tenancy_list", "carriers.view_tenancy"),
            Item(_("孵化链条"), "carriers:funnel", "carriers.view_tenancy"),
            Item(_("创投基金"), "carriers:fund_list", "carriers.view_fund"),
            Item(_("投资记录"), "carriers:investment_list", "carriers.view_investment"),
            Item(_("产业链"), "chains:chain_list", "chains.view_chain"),
        ),
    ),
    Menu(
        _("成果转化"),
        (
            Item(_("科技成果"), "achievements:achievement_list", "achievements.view_achievement"),
            Item(
                _("技术就绪度评价"),
                "achievements:trlassessment_list",
                "achievements.view_trlassessment",
            ),
            Item(_("技术需求"), "achievements:demand_list", "achievements.view_demand"),
            Item(_("供需对接"), "achievements:matchrecord_list", "achievements.view_matchrecord"),
            Item(
                _("匹配同义词"), "achievements:synonymentry_list", "achievements.view_synonymentry"
            ),
            Item(
                _("转化成效"),
                "achievements:transferoutcome_list",
                "achievements.view_transferoutcome",
            ),
            Item(_("技术合同"), "achievements:contract_list", "achievements.view_contract"),
            Item(_("技术合同市场"), "achievements:contract_market", "achievements.view_contract"),
        ),
    ),
    Menu(
        _("乡村振兴"),
        (
            Item(_("科技特派员"), "talents:commissioner_list", "talents.view_commissioner"),
            Item(_("服务覆盖"), "talents:coverage", "talents.view_commissioner"),
            Item(_("服务日志"), "talents:servicelog_list", "talents.view_servicelog"),
        ),
    ),
    Menu(
        _("绩效评价"),
        (
            Item(_("评价任务"), "evaluation:run_list", "evaluation.view_run"),
            Item(_("评价结果"), "evaluation:result_list", "evaluation.view_result"),
            Item(_("指标体系"), "evaluation:scheme_list", "evaluation.view_scheme"),
            Item(_("抽查"), "evaluation:spotcheck_list", "evaluation.view_spotcheck"),
            Item(_("县域创新指数"), "evaluation:county_index", "plans.view_plan"),
        ),
    ),
    Menu(
        _("数据导入"),
        (
            Item(_("上传文件导入"), "imports:upload", "imports.add_batch"),
            Item(_("导入记录"), "imports:batch_list", "imports.view_batch"),
            Item(_("后台任务"), "jobs:job_list", "imports.view_batch"),
        ),
    ),
    Menu(_("报告"), (Item(_("报告中心"), "reports:report_list", "reports.view_report"),)),
    Menu(
        _("系统管理"),
        (
            Item(_("行政区划"), "regions:region_list", "regions.view_region"),
            Item(_("用户"), "accounts:user_list", "accounts.view_user"),
            Item(_("接口文档"), "api-docs", None),
            Item(_("后台管理"), "admin:index", "is_staff"),
        ),
    ),
)


def _url(name: str) -> str | None:
    try:
        return reverse(name)
    except NoReverseMatch:
        return None


def visible_menus(user) -> list[dict]:
    menus = []
    for menu in MENUS:
        items = []
        for item in menu.items:
            url = _url(item.url_name)
            if url is None:
                continue
            if item.permission == "is_staff":
                if not user.is_staff:
                    continue
            elif item.permission and not user.has_perm(item.permission):
                continue
            items.append({"label": item.label, "url": url})
        if items:
            menus.append({"label": menu.label, "items": items})
    return menus


def context_processor(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"menus": []}
    return {"menus": visible_menus(user)}
