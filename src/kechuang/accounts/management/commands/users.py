from django.core.management.base import BaseCommand, CommandError
from rest_framework.authtoken.models import Token

from kechuang.accounts.models import User
from kechuang.accounts.roles import Role
from kechuang.accounts.services import UserProvisioningError, create_user


class Command(BaseCommand):
    help = "用户管理：users create USERNAME --role ROLE …；users token USERNAME"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create", help="新建用户")
        create.add_argument("username")
        create.add_argument("--role", required=True, help="、".join(Role.values))
        create.add_argument("--region", action="append", default=[], help="区划代码，可重复")
        create.add_argument("--org", help="所属单位的统一社会信用代码（单位用户）")
        create.add_argument("--password")
        create.add_argument("--name", default="", help="姓名")
        token = sub.add_parser("token", help="输出（必要时创建）用户的接口令牌")
        token.add_argument("username")

    def handle(self, *args, action, username, **options):
        if action == "create":
            try:
                create_user(
                    username,
                    role=options["role"],
                    regions=options["region"],
                    org_uscc=options["org"],
                    password=options["password"],
                    display_name=options["name"],
                )
            except UserProvisioningError as exc:
                raise CommandError(str(exc), returncode=2) from exc
            return
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"用户“{username}”不存在", returncode=2)
        token, _ = Token.objects.get_or_create(user=user)
        self.stdout.write(token.key)
