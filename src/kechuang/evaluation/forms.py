from datetime import date
from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from kechuang.core.choices import Level
from kechuang.core.forms import BaseModelForm, style_form_fields
from kechuang.platforms.models import Platform
from kechuang.regions.choices import RegionLevel
from kechuang.regions.models import Region

from . import schemes, services
from .choices import CheckStatus
from .models import Run, Scheme, SpotCheck, SpotCheckItem

STRATA_CHOICES = (("kind", _("平台类型")), ("county", _("县（市、区）")))


class RunForm(BaseModelForm):
    """New evaluation run: the scheme (its current version is kept), year and population."""

    scheme = forms.ModelChoiceField(Scheme.objects.all(), label=_("指标体系"))
    levels = forms.MultipleChoiceField(
        choices=Level.choices,
        label=_("平台级别"),
        required=False,
        help_text=_("不选则为全部级别；市科技局通常评价市级平台"),
    )
    regions = forms.ModelMultipleChoiceField(
        Region.objects.filter(level=RegionLevel.COUNTY),
        label=_("县（市、区）"),
        required=False,
        help_text=_("不选则为全市"),
    )

    fieldsets = (
        ("评价任务", ("title", "scheme", "year")),
        ("评价范围", ("levels", "regions")),
        ("不确定性分析", ("draws", "seed")),
    )

    class Meta:
        model = Run
        fields = ("title", "scheme", "year", "levels", "regions", "draws", "seed")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        run = self.instance
        if run.pk:
            self.fields["scheme"].initial = run.scheme_version.scheme
            self.fields["levels"].initial = (run.population or {}).get("levels", [])
            self.fields["regions"].initial = (run.population or {}).get("regions", [])
        else:
            self.fields["year"].initial = date.today().year - 1
            self.fields["levels"].initial = [Level.MUNICIPAL]
            self.fields["seed"].initial = services.new_seed()

    def clean_draws(self):
        draws = self.cleaned_data["draws"]
        if draws > 10000:
            raise forms.ValidationError("模拟次数不能超过 10000")
        return draws

    def clean(self):
        cleaned = super().clean()
        scheme = cleaned.get("scheme")
        if scheme is not None and scheme.current is None:
            self.add_error("scheme", "该指标体系还没有任何版本")
        return cleaned

    def save(self, commit=True):
        run = self.instance
        scheme = self.cleaned_data["scheme"]
        if run.scheme_version_id is None or run.scheme_version.scheme_id != scheme.pk:
            run.scheme_version = scheme.current
        run.population = {
            "levels": list(self.cleaned_data["levels"]),
            "regions": [r.pk for r in self.cleaned_data["regions"]],
        }
        return super().save(commit)


class DefinitionForm(forms.Form):
    """A scheme definition as YAML or JSON: typed in, or uploaded as a file."""

    definition = forms.CharField(
        label=_("体系定义（YAML 或 JSON）"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 28, "class": "font-monospace", "spellcheck": "false"}),
    )
    file = forms.FileField(label=_("或上传文件（.yaml / .yml / .json）"), required=False)
    note = forms.CharField(label=_("修订说明"), max_length=200, required=False)

    def __init__(self, *args, scheme: Scheme | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.scheme = scheme
        style_form_fields(self)

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("file")
        text = cleaned.get("definition") or ""
        if upload is not None:
            if not upload.name.lower().endswith((".yaml", ".yml", ".json")):
                raise forms.ValidationError("文件类型应为 .yaml、.yml 或 .json")
            try:
                text = upload.read().decode("utf-8-sig")
            except UnicodeDecodeError as exc:
                raise forms.ValidationError("文件应为 UTF-8 编码的文本") from exc
        if not text.strip():
            raise forms.ValidationError("请填写体系定义或上传文件")
        try:
            definition = services.read_definition(text)
            schemes.parse(definition)
        except schemes.SchemeError as exc:
            raise forms.ValidationError(exc.errors) from exc
        if self.scheme is not None and str(definition.get("code")) != self.scheme.code:
            raise forms.ValidationError(
                f"体系编号（code）应为“{self.scheme.code}”；新体系请从列表页导入"
            )
        cleaned["parsed"] = definition
        return cleaned


class SpotCheckForm(BaseModelForm):
    strata_choices = forms.MultipleChoiceField(
        choices=STRATA_CHOICES,
        label=_("分层方式"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        initial=["kind", "county"],
        help_text=_("在每一层内随机抽取；不选则不分层"),
    )
    exclude = forms.ModelMultipleChoiceField(
        Platform.objects.none(),
        label=_("排除的平台"),
        required=False,
        help_text=_("如近期已检查过的平台"),
    )
    seed = forms.IntegerField(
        label=_("随机种子"),
        required=False,
        min_value=0,
        help_text=_("留空则随机生成并记录；使用同一种子可重新抽出相同的样本"),
    )

    fieldsets = (
        ("抽查", ("title", "run")),
        ("抽取规则", ("strata_choices", "proportion", "count", "exclude", "seed")),
    )

    class Meta:
        model = SpotCheck
        fields = ("title", "run", "strata_choices", "proportion", "count", "exclude", "seed")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["run"].queryset = Run.objects.filter(status__in=("reviewed", "published"))
        run_id = self.data.get("run") or self.initial.get("run")
        if run_id and str(run_id).isdigit():
            self.fields["exclude"].queryset = Platform.objects.filter(
                evaluation_results__run_id=int(run_id), evaluation_results__score__isnull=False
            )
        self.fields["proportion"].help_text = "0–1 之间，如 0.2 表示每层抽取 20%（向上取整）"
        self.fields["count"].help_text = "或每层固定抽取的数量（与比例二选一）"

    def clean(self):
        cleaned = super().clean()
        proportion, count = cleaned.get("proportion"), cleaned.get("count")
        if (proportion is None) == (count is None):
            raise forms.ValidationError("抽取比例与每层抽取数须填写且只填写一项")
        if proportion is not None and not Decimal("0") < proportion <= Decimal("1"):
            self.add_error("proportion", "抽取比例应大于 0 且不超过 1")
        if count is not None and count < 1:
            self.add_error("count", "每层抽取数至少为 1")
        return cleaned

    def save(self, commit=True):
        check = self.instance
        check.strata = ",".join(self.cleaned_data["strata_choices"])
        check.excluded = sorted(p.pk for p in self.cleaned_data["exclude"])
        seed = self.cleaned_data.get("seed")
        check.seed = services.new_seed() if seed is None else seed
        check.drawn_by = self.user
        return services.create_spot_check(check)


class SpotCheckItemForm(BaseModelForm):
    class Meta:
        model = SpotCheckItem
        fields = ("status", "finding", "adjustment", "checked_on")
        widgets = {
            "finding": forms.Textarea(attrs={"rows": 4}),
            "checked_on": forms.DateInput(attrs={"type": "date"}),
        }

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("status") == CheckStatus.CHECKED:
            if not (cleaned.get("finding") or "").strip():
                self.add_error("finding", "标记为已核查时须填写核查发现")
            if not cleaned.get("checked_on"):
                self.add_error("checked_on", "标记为已核查时须填写核查日期")
        adjustment = cleaned.get("adjustment")
        if adjustment is not None and abs(adjustment) > 100:
            self.add_error("adjustment", "得分调整应在 −100 到 100 之间")
        return cleaned
