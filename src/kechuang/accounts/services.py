"""Provisioning users (CLI and demo): one function, with Chinese errors."""

from django.db import transaction

from kechuang.orgs.models import Org
from kechuang.regions.models import Region

from .models import User
from .roles import Role


class UserProvisioningError(ValueError):
    pass


@transaction.atomic
def create_user(
    username: str,
    *,
    role: str,
    regions=(),
    org_uscc: str | None = None,
    password: str | None = None,
    display_name: str = "",
    exists_ok=False,
) -> User:
    if role not in Role.values:
        raise UserProvisioningError(f"未知角色“{role}”，可选：{'、'.join(Role.values)}")
    region_objs = []
    for code in regions:
        region = Region.objects.filter(code=code).first()
        if region is None:
            raise UserProvisioningError(f"区划代码 {code} 不存在")
        region_objs.append(region)
    org = None
    if org_uscc:
        org = Org.objects.filter(uscc=org_uscc.strip().upper()).first()
        if org is None:
            raise UserProvisioningError(f"统一社会信用代码为 {org_uscc} 的单位不存在")
    if role == Role.ORG_USER and org is None:
        raise UserProvisioningError(
            "单位用户（org-user）必须用 --org 指定所属单位的统一社会信用代码"
        )
    if role == Role.COUNTY_STAFF and not region_objs:
        raise UserProvisioningError(
            "县区业务人员（county-staff）必须用 --region 指定至少一个区划代码"
        )
    user = User.objects.filter(username=username).first()
    if user is not None and not exists_ok:
        raise UserProvisioningError(f"用户名“{username}”已存在")
    if user is None:
        user = User(username=username)
    user.role = role
    user.org = org
    user.display_name = display_name or user.display_name
    if password:
        user.set_password(password)
    elif not user.has_usable_password() or user.pk is None:
        user.set_unusable_password()
    user.save()
    user.regions.set(region_objs)
    return user
