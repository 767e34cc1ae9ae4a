"""The one settings module. Everything configurable comes from the environment.

Every setting of ours is declared once in ``SETTINGS_DOC`` (name, default, help) and read
through ``env()``; ``docs/configuration.md`` lists them and a test keeps the two in step.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent.parent
PACKAGE_DIR = BASE_DIR / "zhaoshang"


@dataclass(frozen=True)
class Setting:
    name: str
    default: str
    help: str


SETTINGS_DOC: tuple[Setting, ...] = (
    Setting("DATABASE_URL", f"sqlite:///{BASE_DIR / 'var' / 'zhaoshang.sqlite3'}",
            "数据库地址：默认内嵌 SQLite；生产用 postgres://user:pass@host:5432/db"),
    Setting("SECRET_KEY", "", "Django 密钥；生产环境必须设置（为空时仅用于本机演示，每次启动前自动生成并保存在 var/）"),
    Setting("DEBUG", "false", "调试模式，生产环境必须为 false"),
    Setting("ALLOWED_HOSTS", "127.0.0.1,localhost", "允许访问的主机名，逗号分隔"),
    Setting("CSRF_TRUSTED_ORIGINS", "", "可信来源（反向代理下的 https://域名），逗号分隔"),
    Setting("REDIS_URL", "", "Redis 地址；设置后任务队列和缓存使用 Redis，否则使用内嵌 SQLite 队列"),
    Setting("TASKS_IMMEDIATE", "false", "后台任务是否在请求内立即执行（仅测试使用）"),
    Setting("SESSION_TIMEOUT_MINUTES", "30", "无操作多少分钟后会话超时，需重新登录"),
    Setting("LOGIN_FAILURE_LIMIT", "5", "连续登录失败多少次后锁定账号"),
    Setting("LOGIN_LOCKOUT_MINUTES", "30", "账号锁定多少分钟"),
    Setting("PASSWORD_MIN_LENGTH", "10", "密码最短长度（等保 2.0 要求复杂度）"),
    Setting("EMAIL_URL", "", "SMTP 地址 smtp://user:pass@host:port；为空时只发站内通知"),
    Setting("MEDIA_ROOT", str(BASE_DIR / "var" / "media"), "上传文件和生成文件（通报、导出）的存放目录"),
    Setting("STATIC_ROOT", str(BASE_DIR / "var" / "static"), "collectstatic 的输出目录，由应用自身（whitenoise）提供"),
    Setting("TIME_ZONE", "Asia/Shanghai", "时区"),
    Setting("LOG_LEVEL", "INFO", "日志级别"),
    Setting("HOME_REGION", "江苏,连云港",
            "本地（省,市[,区县]）：企业名称未注明注册地、又对应多家不同地区的企业时，归并到其中唯一的本地企业；设为 none 时不作本地优先"),
)
_DEFAULTS = {s.name: s.default for s in SETTINGS_DOC}


def env(name: str) -> str:
    """Read one of our declared settings from the environment (undeclared names are a bug)."""
    if name not in _DEFAULTS:
        raise ImproperlyConfigured(f"未声明的配置项 {name}")
    return os.environ.get(name, _DEFAULTS[name])


def env_bool(name: str) -> bool:
    return env(name).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str) -> list[str]:
    return [item.strip() for item in env(name).split(",") if item.strip()]


def _secret_key() -> str:
    """Demo installs get a random key kept in var/, so sessions survive restarts without a committed key."""
    key = env("SECRET_KEY")
    if key:
        return key
    path = BASE_DIR / "var" / "secret_key"
    if path.exists():
        return path.read_text().strip()
    from django.core.management.utils import get_random_secret_key

    path.parent.mkdir(parents=True, exist_ok=True)
    key = get_random_secret_key()
    path.write_text(key)
    path.chmod(0o600)
    return key


def database_config(url: str) -> dict:
    """Parse DATABASE_URL, turning a malformed one into one readable line."""
    if not url.startswith(("sqlite:", "postgres:", "postgresql:", "pgsql:")):
        raise ImproperlyConfigured(
            f"DATABASE_URL 无法识别：{url!r}（应为 sqlite:///路径 或 postgres://用户@主机:端口/库名）"
        )
    try:
        config = dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
    except Exception as exc:  # dj_database_url raises several types for bad URLs
        raise ImproperlyConfigured(f"DATABASE_URL 无法解析：{url!r}（{exc}）") from exc
    if config["ENGINE"] == "django.db.backends.sqlite3":
        Path(config["NAME"]).parent.mkdir(parents=True, exist_ok=True)
        config["CONN_MAX_AGE"] = 0
        # WAL lets readers and one writer work at once; busy timeout avoids "database is locked".
        config["OPTIONS"] = {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
        config.pop("CONN_HEALTH_CHECKS", None)
    else:
        config.setdefault("OPTIONS", {})["connect_timeout"] = 5
    return config


SECRET_KEY = _secret_key()
DEBUG = env_bool("DEBUG")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS") + ["testserver"]
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "template_partials",
    "simple_history",
    "django_filters",
    "import_export",
    "axes",
    "huey.contrib.djhuey",
    "zhaoshang.core",
    "zhaoshang.organizations",
    "zhaoshang.accounts",
    "zhaoshang.audit",
    "zhaoshang.firms",
    "zhaoshang.projects",
    "zhaoshang.leads",
    "zhaoshang.textmining",
    "zhaoshang.chains",
    "zhaoshang.factors",
    "zhaoshang.assessment",
    "zhaoshang.cockpit",
    "zhaoshang.dataio",
    "zhaoshang.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "zhaoshang.core.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "zhaoshang.accounts.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "zhaoshang.core.middleware.BusinessErrorMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "zhaoshang.conf.urls"
WSGI_APPLICATION = "zhaoshang.conf.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "zhaoshang.core.context_processors.navigation",
            ],
            "builtins": ["template_partials.templatetags.partials"],
        },
    }
]

DATABASES = {"default": database_config(env("DATABASE_URL"))}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "zhaoshang.accounts.validators.MinimumLengthValidator",
        "OPTIONS": {"min_length": int(env("PASSWORD_MIN_LENGTH"))},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "zhaoshang.accounts.validators.ComplexityValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "accounts:login"

# Session timeout: the cookie expires after inactivity, refreshed on every request.
SESSION_COOKIE_AGE = int(env("SESSION_TIMEOUT_MINUTES")) * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False  # htmx reads the token from the page, not the cookie

# Lockout after repeated failures (django-axes), per user name so one officer's typos don't lock an office.
AXES_FAILURE_LIMIT = int(env("LOGIN_FAILURE_LIMIT"))
AXES_COOLOFF_TIME = int(env("LOGIN_LOCKOUT_MINUTES")) / 60
AXES_LOCKOUT_PARAMETERS = ["username"]
# Locking per account is the policy (等保: lock the account, not the office NAT address).
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_VERBOSE = False
AXES_ENABLE_ACCESS_FAILURE_LOG = True

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = env("TIME_ZONE")
#: Where the platform runs, as written (江苏,连云港); firms.services.home_region() reads it as a place path.
#: Empty means the default, like every setting; "none" switches the local preference off.
HOME_REGION = [] if env("HOME_REGION").strip().lower() in {"none", "无"} else (
    env_list("HOME_REGION") or _DEFAULTS["HOME_REGION"].split(","))
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env("STATIC_ROOT"))
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
MEDIA_ROOT = Path(env("MEDIA_ROOT"))
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = DEBUG

_redis_url = env("REDIS_URL")
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": _redis_url}
        if _redis_url
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}
# Background work (huey): SQLite-backed queue on a laptop, Redis in production.
HUEY = {
    "name": "zhaoshang",
    "immediate": env_bool("TASKS_IMMEDIATE"),
    "utc": True,
    "consumer": {"workers": 2, "worker_type": "thread"},
}
if _redis_url:
    HUEY.update({"huey_class": "huey.RedisHuey", "url": _redis_url})
else:
    HUEY.update({"huey_class": "huey.SqliteHuey", "filename": str(BASE_DIR / "var" / "tasks.sqlite3")})

_email_url = env("EMAIL_URL")
if _email_url:
    from urllib.parse import urlparse

    _e = urlparse(_email_url)
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST, EMAIL_PORT = _e.hostname, _e.port or 25
    EMAIL_HOST_USER, EMAIL_HOST_PASSWORD = _e.username or "", _e.password or ""
    EMAIL_USE_TLS = _e.scheme == "smtps"
else:
    EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"
EMAIL_ENABLED = bool(_email_url)

SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True
SIMPLE_HISTORY_REVERT_DISABLED = True
IMPORT_EXPORT_USE_TRANSACTIONS = True

X_FRAME_OPTIONS = "SAMEORIGIN"
SECURE_CONTENT_TYPE_NOSNIFF = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL")},
    "loggers": {"axes": {"level": "WARNING"}},
}
