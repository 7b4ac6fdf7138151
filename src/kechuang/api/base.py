"""Base serializer and viewset: scoped querysets, optimistic locking, history authorship."""

from django.db import transaction
from django.db.models import ProtectedError
from rest_framework import serializers, status, viewsets
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.response import Response

from kechuang.core.models import StaleObjectError
from kechuang.core.text import mask

ACTIONS = {
    "list": "view",
    "retrieve": "view",
    "create": "add",
    "update": "change",
    "partial_update": "change",
    "destroy": "delete",
}


class BaseSerializer(serializers.ModelSerializer):
    """Every model serializer. `version` must be sent back on update (optimistic locking)."""

    url = serializers.SerializerMethodField(help_text="本记录在网页端的地址")
    version = serializers.IntegerField(
        required=False, help_text="修改时必须提交读取到的版本号；与当前版本不符时拒绝保存"
    )

    def get_url(self, obj) -> str:
        return obj.get_absolute_url()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        user = getattr(request, "user", None)
        # Related choices are limited to the user's scope, so ids outside it do not validate.
        for field in self.fields.values():
            qs = getattr(field, "queryset", None)
            if user is not None and qs is not None and hasattr(qs, "restrict"):
                field.queryset = qs.restrict(user, "view")

    def _hides_personal_data(self) -> bool:
        user = getattr(self.context.get("request"), "user", None)
        return not getattr(user, "can_view_personal_data", False)

    def to_representation(self, instance):
        data = super().to_representation(instance)
        if self._hides_personal_data():
            for name in getattr(instance, "personal_fields", ()):
                if data.get(name):
                    data[name] = mask(data[name])
        return data

    def to_internal_value(self, data):
        # A masked value sent back unchanged keeps the stored value (restored before the
        # fields' own validators, e.g. an ID number's check digit, see it).
        if self.instance is not None and self._hides_personal_data() and hasattr(data, "copy"):
            data = data.copy()
            for name in getattr(self.instance, "personal_fields", ()):
                original = getattr(self.instance, name, "")
                if original and data.get(name) == mask(original):
                    data[name] = original
        return super().to_internal_value(data)

    def validate(self, attrs):
        if self.instance is not None and "version" not in attrs:
            raise ValidationError({"version": ["修改时必须提交当前版本号 version"]})
        # Model-level rules (clean()) apply to the API as to the forms.
        version = attrs.pop("version", None)
        instance = self.instance or self.Meta.model()
        for key, value in attrs.items():
            field = instance._meta.get_field(key) if key in self._model_field_names() else None
            if field is None or not field.many_to_many:  # m2m values are set after saving
                setattr(instance, key, value)
        try:
            instance.full_clean(exclude=self._clean_exclusions(instance), validate_unique=False)
        except Exception as exc:  # django ValidationError
            if hasattr(exc, "message_dict"):
                raise ValidationError(exc.message_dict) from exc
            raise
        if version is not None:
            attrs["version"] = version
        return attrs

    def _model_field_names(self) -> set[str]:
        return {f.name for f in self.Meta.model._meta.get_fields()}

    def _clean_exclusions(self, instance):
        # Unique checks are left to the serializer's own validators and the database.
        return [f.name for f in instance._meta.fields if f.name not in self.fields]


class ScopedQuerysetMixin:
    """Rows outside the user's scope for the request's action are 404 (core.scoping)."""

    def get_queryset(self):
        action = ACTIONS.get(self.action, "view")
        return super().get_queryset().restrict(self.request.user, action)


class BaseViewSet(ScopedQuerysetMixin, viewsets.ModelViewSet):
    """A scoped viewset: rows outside the user's scope are 404; writes re-check the scope."""

    def _save_in_scope(self, serializer):
        with transaction.atomic():
            try:
                obj = serializer.save()
            except StaleObjectError as exc:
                raise ValidationError({"version": [str(exc)]}) from exc
            if not self.get_queryset().filter(pk=obj.pk).exists():
                transaction.set_rollback(True)
                raise NotFound("保存后的记录超出您的管辖范围（区划或单位），未保存。")
        return obj

    def perform_create(self, serializer):
        self._save_in_scope(serializer)

    def perform_update(self, serializer):
        self._save_in_scope(serializer)

    def destroy(self, request, *args, **kwargs):
        instance = self.get_object()
        try:
            instance.delete()
        except ProtectedError as exc:
            return Response(
                {
                    "detail": f"无法删除“{instance}”：仍有 {len(exc.protected_objects)} 条记录引用它。"
                },
                status=status.HTTP_409_CONFLICT,
            )
        return Response(status=status.HTTP_204_NO_CONTENT)
