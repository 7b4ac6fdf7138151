"""Generic registry views: list (filter, search, sort, page, export), detail, edit, delete,
change history. An entity's views are declarations: a queryset plus its filterset, table, form.

Every view restricts its queryset to the user's scope for its action (core.scoping) before it
touches a row, so an out-of-scope record is a 404, never a leak.
"""

import csv
import io

import xlsxwriter
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import ProtectedError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.views import View
from django_tables2 import RequestConfig

from kechuang.core.changelog import history_entries
from kechuang.core.models import StaleObjectError
from kechuang.core.scoping import permission_name
from kechuang.core.text import mask

PAGE_SIZES = (20, 50, 100)


def page_size(request, default: int = 20) -> int:
    """The ?per_page= the user chose, if it is one of PAGE_SIZES."""
    value = request.GET.get("per_page", "")
    return int(value) if value.isdigit() and int(value) in PAGE_SIZES else default


class OutOfScope(Exception):
    pass


class BaseObjectView(LoginRequiredMixin, View):
    queryset = None
    action = "view"

    @property
    def model(self):
        return self.queryset.model

    def get_action(self) -> str:
        return self.action

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        action = self.get_action()
        if not request.user.has_perm(permission_name(self.model, action)):
            raise PermissionDenied
        self.queryset = self.queryset.restrict(request.user, action)
        return super().dispatch(request, *args, **kwargs)

    def url_name(self, action: str | None = None) -> str:
        opts = self.model._meta
        base = f"{opts.app_label}:{opts.model_name}"
        return f"{base}_{action}" if action else base

    @staticmethod
    def reverse_or_none(name: str) -> str | None:
        try:
            return reverse(name)
        except NoReverseMatch:
            return None

    def model_context(self) -> dict:
        opts = self.model._meta
        user = self.request.user
        return {
            "model_opts": opts,
            "verbose_name": opts.verbose_name,
            "list_url": self.reverse_or_none(self.url_name("list")),
            "can_add": user.has_perm(permission_name(self.model, "add")),
            "can_change": user.has_perm(permission_name(self.model, "change")),
            "can_delete": user.has_perm(permission_name(self.model, "delete")),
        }

    def templates(self, suffix: str) -> list[str]:
        opts = self.model._meta
        return [f"{opts.app_label}/{opts.model_name}{suffix}.html", f"web/object{suffix}.html"]


class ObjectListView(BaseObjectView):
    """列表页: query form, toolbar, sortable paged table, CSV/XLSX export of the filtered rows."""

    filterset = None
    table = None

    def get(self, request):
        filterset = self.filterset(request.GET or None, queryset=self.queryset, request=request)
        queryset = filterset.qs if filterset.is_bound else self.queryset
        table = self.table(queryset, user=request.user, request=request)
        export = request.GET.get("export")
        if export in ("kind-xlsx", "kind-csv") and self.import_kind() is not None:
            return self.export_kind(queryset, export.removeprefix("kind-"))
        if export in ("csv", "xlsx"):
            RequestConfig(request, paginate=False).configure(table)
            self.configure_rows(list(table.data))
            return self.export(table, export)
        per_page = page_size(request)
        RequestConfig(request, paginate={"per_page": per_page}).configure(table)
        table.page_sizes, table.per_page_value = PAGE_SIZES, per_page
        # The page's queryset slice is evaluated once here and reused when the table renders.
        self.configure_rows([row.record for row in table.page.object_list])
        params = request.GET.copy()
        for key in ("page", "export"):
            params.pop(key, None)
        context = {
            **self.model_context(),
            "table": table,
            "filter_form": filterset.form,
            "querystring": params.urlencode(),
            "page_sizes": PAGE_SIZES,
            "per_page": per_page,
            "active_filters": [k for k, v in request.GET.items() if v and k in filterset.filters],
            "import_kind": self.import_kind(),
            **self.list_context(queryset),
        }
        return render(request, self.templates("_list"), context)

    def import_kind(self):
        """The import kind of this model, if any: its layout is offered as a re-importable export."""
        from kechuang.imports.kinds import kinds_for_model

        kinds = kinds_for_model(self.model)
        return kinds[0] if kinds else None

    def export_kind(self, queryset, fmt: str) -> HttpResponse:
        from kechuang.imports.workbook import export

        kind = self.import_kind()
        user = self.request.user
        content = export(
            kind, queryset, fmt, show_personal=user.has_perm("accounts.view_personal_data")
        )
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
        response = HttpResponse(
            content,
            content_type="text/csv; charset=utf-8"
            if fmt == "csv"
            else "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = f'attachment; filename="{kind.name}-{stamp}.{fmt}"'
        return response

    def list_context(self, queryset) -> dict:
        """Hook: extra context computed over the filtered, scoped rows (e.g. totals)."""
        return {}

    def configure_rows(self, records: list) -> None:
        """Hook: annotate the records about to be shown or exported (a few queries in all,
        never one per row), e.g. an enterprise's current tier."""

    def export(self, table, fmt: str) -> HttpResponse:
        rows = list(table.as_values())
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
        filename = f"{self.model._meta.model_name}-{stamp}.{fmt}"
        if fmt == "csv":
            buffer = io.StringIO()
            # UTF-8 with BOM so that Excel on Chinese Windows opens it correctly.
            buffer.write("\ufeff")
            csv.writer(buffer).writerows(rows)
            response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
        else:
            buffer = io.BytesIO()
            book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_numbers": False})
            sheet = book.add_worksheet(str(self.model._meta.verbose_name_plural)[:31])
            bold = book.add_format({"bold": True, "bg_color": "#EEF2F7", "border": 1})
            for r, row in enumerate(rows):
                sheet.write_row(
                    r, 0, ["" if v is None else v for v in row], bold if r == 0 else None
                )
            if rows:
                sheet.freeze_panes(1, 0)
                sheet.autofilter(0, 0, max(len(rows) - 1, 0), len(rows[0]) - 1)
                for c, header in enumerate(rows[0]):
                    width = max(len(str(header)) * 2, *(len(str(r[c])) for r in rows[1:200]), 6)
                    sheet.set_column(c, c, min(width + 2, 60))
            book.close()
            response = HttpResponse(
                buffer.getvalue(),
                content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            )
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response


class ObjectView(BaseObjectView):
    """详情页: header with key tags, facts, tabs; history one click away."""

    def get(self, request, pk):
        obj = get_object_or_404(self.queryset, pk=pk)
        context = {
            **self.model_context(),
            "object": obj,
            "fields": object_fields(obj, request.user),
        }
        context.update(self.extra_context(obj))
        return render(request, self.templates(""), context)

    def extra_context(self, obj) -> dict:
        return {}


def object_fields(obj, user) -> list[dict]:
    """(label, value) of every editable field, personal data masked unless the user may see it."""
    personal = set(getattr(obj, "personal_fields", ()))
    show_personal = getattr(user, "can_view_personal_data", False)
    rows = []
    for field in obj._meta.concrete_fields:
        if field.name in ("id", "version", "search_initials", "path") or field.name.endswith(
            "_ptr"
        ):
            continue
        if field.choices:
            value = getattr(obj, f"get_{field.name}_display")()
        else:
            value = getattr(obj, field.name)
        if field.name in personal and not show_personal:
            value = mask(str(value or ""))
        elif field.name.endswith("year") and isinstance(value, int):
            value = str(value)  # a year, not a quantity: no thousands separator
        link = None
        if field.is_relation and value is not None and hasattr(value, "get_absolute_url"):
            link = value.get_absolute_url()
        rows.append(
            {
                "name": field.name,
                "label": field.verbose_name,
                "value": value,
                "link": link,
                "help": field.help_text,
            }
        )
    return rows


class ObjectEditView(BaseObjectView):
    """新增 / 编辑: validate, save atomically, refuse stale edits and writes outside the scope."""

    form = None

    def get_action(self):
        return "change" if "pk" in self.kwargs else "add"

    def get_object(self):
        if "pk" in self.kwargs:
            return get_object_or_404(self.queryset, pk=self.kwargs["pk"])
        return self.model()

    def initial(self) -> dict:
        """Prefill from the query string (?region=3) when adding."""
        return {k: v for k, v in self.request.GET.items() if k in self.form.base_fields}

    def get(self, request, **kwargs):
        obj = self.get_object()
        form = self.form(instance=obj, user=request.user, initial=self.initial())
        return self.render_form(obj, form)

    def post(self, request, **kwargs):
        obj = self.get_object()
        form = self.form(request.POST, request.FILES, instance=obj, user=request.user)
        if form.is_valid():
            try:
                with transaction.atomic():
                    obj = form.save()
                    # The saved row must still be inside the user's scope (no moving rows out).
                    if not self.queryset.filter(pk=obj.pk).exists():
                        raise OutOfScope
            except StaleObjectError as exc:
                form.add_error(None, str(exc))
            except OutOfScope:
                if "pk" not in self.kwargs:
                    obj.pk = None
                form.add_error(None, "保存后的记录超出您的管辖范围（区划或单位），未保存。")
            else:
                verb = "已修改" if "pk" in self.kwargs else "已新增"
                messages.success(request, f"{verb}{self.model._meta.verbose_name}“{obj}”")
                return redirect(obj.get_absolute_url())
        return self.render_form(obj, form, status=400)

    def render_form(self, obj, form, status=200):
        context = {
            **self.model_context(),
            "object": obj,
            "form": form,
            "is_new": "pk" not in self.kwargs,
        }
        return render(
            request=self.request,
            template_name=self.templates("_edit"),
            context=context,
            status=status,
        )


class ObjectDeleteView(BaseObjectView):
    action = "delete"

    def get(self, request, pk):
        obj = get_object_or_404(self.queryset, pk=pk)
        return render(request, self.templates("_delete"), {**self.model_context(), "object": obj})

    def post(self, request, pk):
        obj = get_object_or_404(self.queryset, pk=pk)
        try:
            with transaction.atomic():
                obj.delete()
        except ProtectedError as exc:
            count = len(exc.protected_objects)
            sample = "、".join(str(o) for o in list(exc.protected_objects)[:3])
            messages.error(
                request,
                f"无法删除“{obj}”：仍有 {count} 条记录引用它（如 {sample}），请先处理这些记录。",
            )
            return redirect(obj.get_absolute_url())
        messages.success(
            request, f"已删除{self.model._meta.verbose_name}“{obj}”，可在变更记录中追溯。"
        )
        return redirect(self.url_name("list"))


class ObjectChangeLogView(BaseObjectView):
    """变更记录: who, when, what changed, before → after."""

    def get(self, request, pk):
        obj = get_object_or_404(self.queryset, pk=pk)
        context = {**self.model_context(), "object": obj, "entries": history_entries(obj)}
        return render(request, "web/object_changelog.html", context)
