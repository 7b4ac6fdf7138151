"""Base model form: version field for optimistic locking, scoped choices, Chinese errors."""

from django import forms

from .text import mask


def style_form_fields(form) -> None:
    """Tabler/Bootstrap classes on every widget; long selects get a search box (Tom Select);
    selects of records with a `select_label()` show it (e.g. "新华区 · 曙光街街道")."""
    for field in form.fields.values():
        widget = field.widget
        qs = getattr(field, "queryset", None)
        if qs is not None and hasattr(qs.model, "select_label"):
            field.queryset = qs.select_related(*getattr(qs.model, "select_related_for_label", ()))
            field.label_from_instance = lambda obj: obj.select_label()
        if isinstance(widget, forms.CheckboxInput):
            widget.attrs.setdefault("class", "form-check-input")
        elif isinstance(widget, forms.Select | forms.SelectMultiple):
            widget.attrs.setdefault("class", "form-select")
            widget.attrs.setdefault("data-searchable", "1")
        elif not isinstance(widget, forms.HiddenInput):
            widget.attrs.setdefault("class", "form-control")


class BaseModelForm(forms.ModelForm):
    """Every edit form. Carries the record's version; limits related choices to the user's scope."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    # Section headings for long forms: ((title, (field, …)), …); empty = one section.
    fieldsets: tuple = ()

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version
        # Personal data is shown masked to users who may not see it; sending the masked value
        # back unchanged keeps the stored value (see clean()).
        self.masked_fields = set()
        if not getattr(user, "can_view_personal_data", False):
            for name in getattr(self.instance, "personal_fields", ()):
                if name in self.fields and getattr(self.instance, name, ""):
                    self.masked_fields.add(name)
                    self.initial[name] = mask(getattr(self.instance, name))
                    self.fields[name].help_text = "已脱敏显示；不修改则保留原值"
        for field in self.fields.values():
            qs = getattr(field, "queryset", None)
            if user is not None and qs is not None and hasattr(qs, "restrict"):
                field.queryset = qs.restrict(user, "view")
        style_form_fields(self)

    def clean(self):
        cleaned = super().clean()
        for name in self.masked_fields:
            original = getattr(self.instance, name)
            if cleaned.get(name) == mask(original):
                cleaned[name] = original
        return cleaned

    def _post_clean(self):
        super()._post_clean()
        version = self.cleaned_data.get("version")
        if self.instance.pk and version:
            self.instance.version = version
