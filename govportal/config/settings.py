"""Django settings for GovPortal.

All environment reading goes through ``govportal.config.env``. With no variable set the
project runs embedded: SQLite under ./var/, local media, in-process cache and the
database-backed task queue worked by ``manage.py run_worker``. ``GOVPORTAL_ENV=production``
turns on the production checks: the process refuses to start without a secret key, with
DEBUG on, or on SQLite.
"""

from __future__ import annotations

from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

import dj_database_url

from govportal.config import env

BASE_DIR = Path(__file__).resolve().parent.parent.parent
PACKAGE_DIR = BASE_DIR / "govportal"
VAR_DIR = env.get_path("GOVPORTAL_VAR_DIR", BASE_DIR / "var")

GOVPORTAL_ENV = env.get_str("GOVPORTAL_ENV", "development")
if GOVPORTAL_ENV not in {"development", "production", "test"}:
    raise ImproperlyConfigured("GOVPORTAL_ENV must be development, production or test")
PRODUCTION = GOVPORTAL_ENV == "production"

DEBUG = env.get_bool("DEBUG", not PRODUCTION)
_DEV_SECRET = "insecure-development-key-do-not-use-in-production-0123456789abcdef"
SECRET_KEY = env.get_str("SECRET_KEY", "" if PRODUCTION else _DEV_SECRET)

DATABASE_URL = env.get_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'govportal.sqlite3'}")
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=env.get_int("DB_CONN_MAX_AGE", 60))}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        # WAL lets the worker and the web process write without blocking readers.
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
USING_SQLITE = DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3"
if USING_SQLITE:
    # The embedded database lives under ./var/: make sure it can be created on a fresh clone.
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)

if PRODUCTION:
    problems = []
    if not SECRET_KEY or SECRET_KEY == _DEV_SECRET or len(SECRET_KEY) < 50:
        problems.append("SECRET_KEY must be set to a random string of at least 50 characters")
    if DEBUG:
        problems.append("DEBUG must be off")
    if USING_SQLITE:
        problems.append("DATABASE_URL must point at PostgreSQL, not SQLite")
    if problems:
        raise ImproperlyConfigured("Refusing to start in production: " + "; ".join(problems))

ALLOWED_HOSTS = env.get_list(
    "ALLOWED_HOSTS", [] if PRODUCTION else ["localhost", ".localhost", "127.0.0.1", "[::1]", "testserver"]
)
CSRF_TRUSTED_ORIGINS = env.get_list("CSRF_TRUSTED_ORIGINS", [])
if PRODUCTION and not ALLOWED_HOSTS:
    # Django would otherwise start and answer every request with 400.
    raise ImproperlyConfigured("Refusing to start in production: ALLOWED_HOSTS must list the sites' hostnames")

INSTALLED_APPS = [
    "govportal.core",
    "govportal.cluster",
    "govportal.api",
    "govportal.search",
    "govportal.accessibility",
    "govportal.disclosure",  # 政府信息公开
    "govportal.interaction",  # 互动交流: mailboxes, FAQ
    "captcha",  # django-simple-captcha: the image CAPTCHA of anonymous submissions (core/antiabuse)
    "govportal.servicehall",  # 网上办事大厅
    "govportal.interviews",  # 在线访谈
    "govportal.participation",  # 网上调查、意见征集、网上听证、网上评议
    "govportal.convenience",  # 便民服务: 旅游文化、便民服务目录、公共查询
    "govportal.enterprise",  # 企业风采、名优新特产品、招商引资、形象窗口
    "govportal.office",  # 协同办公: 公文交换
    "govportal.monitor",  # 监管: national indicators, 错敏词, dashboards, 年度报表
    "govportal.prerender",  # pre-rendered pages for nginx (issue 9, docs/performance.md)
    "govportal.demo",  # the demo cluster of 示例市 and its commands (load_demo, prepare_embedded …)
    "ninja",  # serves the API docs UI from bundled files, not a CDN
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.routable_page",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_tasks",
    "django_tasks_db",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    # Sign-in defences (docs/security.md, docs/adr/0011-staff-sign-in.md): lockout with
    # back-off and the sign-in log (django-axes), TOTP second factor for staff (django-otp).
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
]

MIDDLEWARE = [
    "govportal.core.health.HealthMiddleware",  # /healthz, /readyz: before hosts, HTTPS, sessions (docs/deploy.md)
    "django.middleware.security.SecurityMiddleware",
    "govportal.core.headers.ContentSecurityPolicyMiddleware",  # CSP per area (docs/security.md)
    "govportal.core.middleware.RefuseNulMiddleware",  # 400 for a NUL byte anywhere (PostgreSQL refuses it)
    "govportal.prerender.middleware.PrerenderMiddleware",  # stores anonymous pages for nginx
    "govportal.core.memo.RequestMemoMiddleware",  # reads asked for again within one GET
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "govportal.cluster.admin_scope.AdminPageScopeMiddleware",  # other agencies' pages in the admin
    "django.contrib.messages.middleware.MessageMiddleware",
    "django_otp.middleware.OTPMiddleware",  # request.user.is_verified()
    "govportal.core.signin.StaffSessionMiddleware",  # staff: idle and absolute session expiry
    "govportal.core.signin.StaffTwoFactorMiddleware",  # staff: TOTP before any admin page
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "govportal.accessibility.middleware.DisplayModeMiddleware",
    "govportal.core.middleware.GovPortalErrorMiddleware",
    # DEBUG on (make run): the project's Chinese 404 page, not Django's technical one.
    "govportal.core.middleware.NotFoundPageMiddleware",
    # Last, as django-axes asks: answers a locked-out client's sign-in with 429.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "govportal.config.urls"
WSGI_APPLICATION = "govportal.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

AUTH_USER_MODEL = "core.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # first: refuses a locked-out client before any password check
    "django.contrib.auth.backends.ModelBackend",
]
# Django's validators for every password set through our forms (citizen sign-up, staff
# accounts in the admin); their messages come in Chinese from Django's zh-hans catalogue.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "govportal.core.passwords.MinimumLengthValidator",
        "OPTIONS": {"min_length": env.get_int("PASSWORD_MIN_LENGTH", 8)},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
if GOVPORTAL_ENV == "test":
    # Django's PBKDF2 (1,000,000 rounds) takes ~0.4 s per password set or checked; the
    # suite sets and checks hundreds. Tests check that passwords are hashed and verified,
    # not the hasher's cost — Django's own advice for test settings. Never outside tests.
    PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.MD5PasswordHasher",
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    ]
LOGIN_URL = "wagtailadmin_login"

# --- Sign-in (docs/security.md "Staff sign-in") ---------------------------------------
# Lockout: after LOGIN_FAILURE_LIMIT wrong passwords for one account, or
# LOGIN_CLIENT_FAILURE_LIMIT from one client address (higher: an office's clerks share one
# address, and one clerk's typos must not lock out the office), sign-in is refused (429) for
# LOGIN_LOCKOUT_MINUTES, doubled for every further round of failures within a day, up to
# LOGIN_LOCKOUT_MAX_HOURS.
GOVPORTAL_LOGIN_FAILURE_LIMIT = env.get_int("LOGIN_FAILURE_LIMIT", 5)
GOVPORTAL_LOGIN_CLIENT_FAILURE_LIMIT = env.get_int("LOGIN_CLIENT_FAILURE_LIMIT", 30)
AXES_FAILURE_LIMIT = "govportal.core.signin.failure_limit"
WAGTAILADMIN_USER_LOGIN_FORM = "govportal.core.signin_forms.StaffLoginForm"  # labels and messages in Chinese
GOVPORTAL_LOGIN_LOCKOUT_MINUTES = env.get_int("LOGIN_LOCKOUT_MINUTES", 15)
GOVPORTAL_LOGIN_LOCKOUT_MAX_HOURS = env.get_int("LOGIN_LOCKOUT_MAX_HOURS", 24)
AXES_COOLOFF_TIME = "govportal.core.signin.lockout_cool_off"
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]  # per account, and per client
AXES_LOCKOUT_CALLABLE = "govportal.core.signin.lockout_response"
AXES_CLIENT_IP_CALLABLE = "govportal.core.signin.client_ip"
AXES_USERNAME_CALLABLE = "govportal.core.signin.attempted_username"
AXES_RESET_ON_SUCCESS = True
# Each attempt expires by its own cool-off: with back-off the cool-off differs per account and
# client, and axes' default clean-up (one threshold from the current request) would let one
# client's failure delete another's longer lockout.
AXES_USE_ATTEMPT_EXPIRATION = True
AXES_ENABLE_ACCESS_FAILURE_LOG = True  # every failure, kept for the sign-in log
AXES_ACCESS_FAILURE_LOG_PER_USER_LIMIT = 1000
AXES_VERBOSE = False
AXES_ENABLE_ADMIN = False  # the information office reads the log in the Wagtail admin
# TOTP second factor for every account that can open the admin. On by default in production;
# off in the embedded demo and tests (each staff member may still enrol a device, and then
# must use it).
GOVPORTAL_STAFF_2FA_REQUIRED = env.get_bool("STAFF_2FA_REQUIRED", PRODUCTION)
OTP_TOTP_ISSUER = env.get_str("OTP_ISSUER", "GovPortal")
# Staff sessions end after STAFF_SESSION_IDLE_MINUTES without a request, and
# STAFF_SESSION_MAX_HOURS after sign-in whatever the activity. Citizens keep Django's default.
GOVPORTAL_STAFF_SESSION_IDLE_MINUTES = env.get_int("STAFF_SESSION_IDLE_MINUTES", 30)
GOVPORTAL_STAFF_SESSION_MAX_HOURS = env.get_int("STAFF_SESSION_MAX_HOURS", 12)

# --- Language, time -------------------------------------------------------------------
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("zh-hant", "繁體中文")]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True
DATETIME_FORMAT = "Y-m-d H:i"
DATE_FORMAT = "Y-m-d"
SHORT_DATETIME_FORMAT = "Y-m-d H:i"

# --- Static and media -----------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = env.get_path("STATIC_ROOT", VAR_DIR / "static")
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.get_path("MEDIA_ROOT", VAR_DIR / "media")
STORAGES = {
    # Original images get random names (their renditions are named after them): core/files/media.py.
    "default": {"BACKEND": "govportal.core.files.media.MediaStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
GOVPORTAL_SERVE_MEDIA = env.get_bool("SERVE_MEDIA", not PRODUCTION)
# Citizen and case files (govportal/core/files, docs/security.md): random names, outside
# MEDIA_ROOT, served only by the checked view /files/<key>/. Behind nginx (make serve) the view
# answers with X-Accel-Redirect under this prefix, which nginx maps to PRIVATE_MEDIA_ROOT in an
# `internal` location; empty: Django sends the bytes itself.
PRIVATE_MEDIA_ROOT = env.get_path("PRIVATE_MEDIA_ROOT", VAR_DIR / "private")
GOVPORTAL_PRIVATE_MEDIA_ACCEL_PREFIX = env.get_str("PRIVATE_MEDIA_ACCEL_PREFIX", "")
# How long a citizen who proved a case's query code may open its files in that session.
GOVPORTAL_CITIZEN_FILE_SECONDS = env.get_int("CITIZEN_FILE_SECONDS", 30 * 60)
if Path(PRIVATE_MEDIA_ROOT).resolve().is_relative_to(Path(MEDIA_ROOT).resolve()):
    raise ImproperlyConfigured("PRIVATE_MEDIA_ROOT must lie outside MEDIA_ROOT: everything under MEDIA_ROOT is public")
# Wagtail documents go through Django's serve view, which enforces collection privacy (an
# agency's private collection for unpublished material); nginx never serves them directly.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# --- Cache ----------------------------------------------------------------------------
REDIS_URL = env.get_str("REDIS_URL", "")
CACHE_KEY_PREFIX = env.get_str("CACHE_KEY_PREFIX", "govportal")
if GOVPORTAL_ENV == "test":
    # Parallel test workers (pytest-xdist) each have their own database; one Redis database
    # shared between them would mix their caches (Wagtail's site root paths, rate limits…).
    CACHE_KEY_PREFIX += env.get_str("PYTEST_XDIST_WORKER", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": CACHE_KEY_PREFIX,
            "OPTIONS": {"CLIENT_CLASS": "django_redis.client.DefaultClient"},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# --- Background tasks (one API: django-tasks; see docs/adr/0002-background-jobs.md) ----
TASKS = {
    "default": {
        "BACKEND": env.get_str(
            "TASKS_BACKEND",
            "django_tasks.backends.immediate.ImmediateBackend"
            if GOVPORTAL_ENV == "test"
            else "django_tasks_db.DatabaseBackend",
        )
    }
}
# TASKS_QUEUE=redis: the queue lives in Redis (RQ workers: `manage.py rqworker default` on any
# number of machines); periodic jobs still claim their period in the database (PeriodicRun).
TASKS_QUEUE = env.get_str("TASKS_QUEUE", "database")
if TASKS_QUEUE == "redis":
    if not REDIS_URL:
        raise ImproperlyConfigured("TASKS_QUEUE=redis needs REDIS_URL")
    INSTALLED_APPS.append("django_rq")
    TASKS["default"]["BACKEND"] = "django_tasks_rq.RQBackend"
    TASKS["default"]["QUEUES"] = ["default"]
    RQ_QUEUES = {"default": {"URL": REDIS_URL, "DEFAULT_TIMEOUT": 600}}
elif TASKS_QUEUE != "database":
    raise ImproperlyConfigured("TASKS_QUEUE must be database or redis")

# --- Wagtail --------------------------------------------------------------------------
WAGTAIL_SITE_NAME = env.get_str("SITE_NAME", "示例市人民政府网站群")
WAGTAILADMIN_BASE_URL = env.get_str("BASE_URL", "http://127.0.0.1:8000")
WAGTAIL_I18N_ENABLED = False
WAGTAILADMIN_PERMITTED_LANGUAGES = [("zh-hans", "简体中文")]
WAGTAIL_DATE_FORMAT = "%Y-%m-%d"
WAGTAIL_DATETIME_FORMAT = "%Y-%m-%d %H:%M"
WAGTAIL_TIME_FORMAT = "%H:%M"
WAGTAILDOCS_EXTENSIONS = [
    "pdf",
    "doc",
    "docx",
    "xls",
    "xlsx",
    "ppt",
    "pptx",
    "wps",
    "et",
    "ofd",
    "txt",
    "zip",
    "rar",
    "csv",
]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False  # its text and link are Wagtail's (English editor guide)
WAGTAIL_USER_TIME_ZONES = ["Asia/Shanghai"]  # one zone: the account page offers no English zone list
WAGTAIL_GRAVATAR_PROVIDER_URL = None  # no third-party image requests from the admin (CSP img-src)
WAGTAIL_MODERATION_ENABLED = True
WAGTAIL_WORKFLOW_ENABLED = True
# The last approval publishes even if the last step's group may not publish (H3 review).
WAGTAIL_FINISH_WORKFLOW_ACTION = "govportal.cluster.review.workflow_finish_publish"
# An edit during review restarts it: the published revision is the one that was checked.
WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT = True
WAGTAILADMIN_RICH_TEXT_EDITORS = {
    "default": {
        "WIDGET": "wagtail.admin.rich_text.DraftailRichTextArea",
        "OPTIONS": {
            "features": ["h2", "h3", "bold", "italic", "ol", "ul", "hr", "link", "document-link", "image", "embed"]
        },
    }
}

# --- GovPortal ------------------------------------------------------------------------
GOVPORTAL_ARTICLES_PER_PAGE = env.get_int("ARTICLES_PER_PAGE", 20)
# How long a column may go without a new item before it is stale (STANDARDS §2), by column
# type; a column's own 更新周期 overrides it (cluster.ColumnPage.expected_update_days).
GOVPORTAL_COLUMN_UPDATE_DAYS = {
    "news": env.get_int("COLUMN_UPDATE_DAYS_NEWS", 14),
    "notice": env.get_int("COLUMN_UPDATE_DAYS_NOTICE", 183),
    "policy": env.get_int("COLUMN_UPDATE_DAYS_POLICY", 183),
    "other": env.get_int("COLUMN_UPDATE_DAYS_OTHER", 365),
}

# 政府信息公开 (docs/disclosure.md)
GOVPORTAL_DISCLOSURE_INDEX_FORMAT = env.get_str("DISCLOSURE_INDEX_FORMAT", "{agency}/{year}-{seq:05d}")
GOVPORTAL_DISCLOSURE_CORRECTION_DAYS = env.get_int("DISCLOSURE_CORRECTION_DAYS", 15)
GOVPORTAL_DISCLOSURE_CONFIRM_DAYS = env.get_int("DISCLOSURE_CONFIRM_DAYS", 1)
GOVPORTAL_DISCLOSURE_PUBLISH_DAYS = env.get_int("DISCLOSURE_PUBLISH_DAYS", 20)
GOVPORTAL_DISCLOSURE_MAX_UPLOAD_BYTES = env.get_int("DISCLOSURE_MAX_UPLOAD_BYTES", 20 * 1024 * 1024)
# Remedies named in decision letters when the agency's 政府信息公开 column names none.
GOVPORTAL_DISCLOSURE_RECONSIDERATION_BODY = env.get_str("DISCLOSURE_RECONSIDERATION_BODY", "示例市人民政府")
GOVPORTAL_DISCLOSURE_COURT = env.get_str("DISCLOSURE_COURT", "示例市城区人民法院")
GOVPORTAL_IMPORT_MAX_ATTACHMENT_BYTES = env.get_int("IMPORT_MAX_ATTACHMENT_BYTES", 50 * 1024 * 1024)
# 网上办事大厅 (docs/servicehall.md)
# 差评整改 of every case type (core/cases/rectification.py); the variable keeps its first name.
GOVPORTAL_RECTIFICATION_DAYS = env.get_int("SERVICEHALL_RECTIFICATION_DAYS", 15)
# The return visit's own deadline, in working days from the recorded rectification.
GOVPORTAL_RECTIFICATION_RETURN_VISIT_DAYS = env.get_int("SERVICEHALL_RECTIFICATION_RETURN_VISIT_DAYS", 5)
GOVPORTAL_SERVICEHALL_VETO_ITEMS = env.get_int("SERVICEHALL_VETO_ITEMS", 5)
GOVPORTAL_SERVICEHALL_VETO_MISSING_ELEMENTS = env.get_int("SERVICEHALL_VETO_MISSING_ELEMENTS", 4)
GOVPORTAL_SERVICEHALL_TARGET_FIRST_YEAR = env.get_int("SERVICEHALL_TARGET_FIRST_YEAR", 30)
GOVPORTAL_SERVICEHALL_TARGET_END_OF_PLAN = env.get_int("SERVICEHALL_TARGET_END_OF_PLAN", 50)
GOVPORTAL_SERVICEHALL_MAX_UPLOAD_MB = env.get_int("SERVICEHALL_MAX_UPLOAD_MB", 10)

# Pre-rendered pages served by nginx to anonymous readers (docs/performance.md). Empty: off
# (the embedded default has no nginx in front). `make serve` sets it to var/prerender.
PRERENDER_DIR = env.get_str("PRERENDER_DIR", "")
# --- 互动交流 (govportal/interaction, docs/interaction.md) ------------------------------
# Default reply limits in working days per category ("category=days,…"), used when a
# mailbox sets none; STANDARDS §4: 5–15 WD by category, never beyond 3 months.
GOVPORTAL_LETTER_REPLY_DAYS = {
    key.strip(): int(value)
    for key, value in (
        item.split("=", 1)
        for item in env.get_list(
            "LETTER_REPLY_DAYS", ["consult=5", "suggest=15", "complain=10", "report=15", "praise=5"]
        )
    )
}
GOVPORTAL_ERROR_REPORT_REPLY_DAYS = env.get_int("ERROR_REPORT_REPLY_DAYS", 3)
GOVPORTAL_LETTER_MAX_ATTACHMENT_BYTES = env.get_int("LETTER_MAX_ATTACHMENT_BYTES", 5 * 1024 * 1024)
GOVPORTAL_LETTER_MAX_ATTACHMENTS = env.get_int("LETTER_MAX_ATTACHMENTS", 3)
# --- 协同办公 (govportal/office, docs/office.md) ---------------------------------------------
# Years an exchanged document is kept before the daily purge deletes its content (0 = keep).
GOVPORTAL_OFFICE_RETENTION_YEARS = env.get_int("OFFICE_RETENTION_YEARS", 10)
GOVPORTAL_OFFICE_MAX_ATTACHMENT_BYTES = env.get_int("OFFICE_MAX_ATTACHMENT_BYTES", 20 * 1024 * 1024)
# Fonts of the official-document PDF (GB/T 9704: 正文 in 仿宋, 标题 in 小标宋): paths to TrueType
# files (.ttf/.ttc) the agency is licensed to embed. Empty: ReportLab's STSong-Light (宋体, no file).
# The title font falls back to the body font. A bad path fails the system check office.E001/E002.
GOVPORTAL_OFFICE_PDF_BODY_FONT = env.get_str("OFFICE_PDF_BODY_FONT", "")
GOVPORTAL_OFFICE_PDF_TITLE_FONT = env.get_str("OFFICE_PDF_TITLE_FONT", "")
# --- 企业风采 and 招商引资 (govportal/enterprise, docs/enterprise.md) ------------------------
# The agency (its code) that approves enterprise pages and answers investment enquiries: the
# economic development or investment promotion bureau.
GOVPORTAL_INVESTMENT_BUREAU_CODE = env.get_str("INVESTMENT_BUREAU_CODE", "SLS-SWU")
# Reply limit of an investment enquiry, in working days.
GOVPORTAL_ENQUIRY_REPLY_DAYS = env.get_int("ENQUIRY_REPLY_DAYS", 5)
# The periodic check of enterprises' website links: timeout per request (seconds), the
# pause between two requests to the same host (seconds), and how many failed checks in a
# row hide a link (and send the enterprise a notice).
GOVPORTAL_ENTERPRISE_LINK_TIMEOUT = env.get_int("ENTERPRISE_LINK_TIMEOUT", 10)
GOVPORTAL_ENTERPRISE_LINK_HOST_DELAY = env.get_int("ENTERPRISE_LINK_HOST_DELAY", 2)
GOVPORTAL_ENTERPRISE_LINK_FAILURES = env.get_int("ENTERPRISE_LINK_FAILURES", 2)
# 形象窗口 videos (MP4/WebM) and their WebVTT captions are Wagtail documents of the site.
WAGTAILDOCS_EXTENSIONS += ["mp4", "webm", "vtt"]
# --- end of 企业风采 and 招商引资 ----------------------------------------------------------
# --- 在线访谈 (govportal/interviews, docs/interviews.md) ----------------------------------
# Working days after an interview ends within which the questions taken but not answered
# live are answered in writing (the kernel's `written` timer of the interview case).
GOVPORTAL_INTERVIEWS_WRITTEN_ANSWER_DAYS = env.get_int("INTERVIEWS_WRITTEN_ANSWER_DAYS", 5)
# Words that flag a citizen's question for the moderator (flagged, never refused).
GOVPORTAL_INTERVIEWS_SENSITIVE_WORDS = env.get_list(
    "INTERVIEWS_SENSITIVE_WORDS", ["法轮功", "台独", "藏独", "疆独", "代开发票", "办证", "枪支", "赌博网站", "六合彩"]
)
# --- end 在线访谈 ---------------------------------------------------------------------------
# --- 监管: 政府网站工作年度报表 (govportal/monitor/yearly, docs/supervision.md) ------------------
# Days before 31 January from which each site's agency and the information office are told that
# last year's report is not published yet (once), and from which they are told once more.
GOVPORTAL_MONITOR_REPORT_REMIND_DAYS = env.get_int("MONITOR_REPORT_REMIND_DAYS", 15)
GOVPORTAL_MONITOR_REPORT_LAST_CALL_DAYS = env.get_int("MONITOR_REPORT_LAST_CALL_DAYS", 3)
# --- end 年度报表 ------------------------------------------------------------------------------
# Addresses of our own reverse proxies (nginx); behind them a citizen's address for rate
# limits is the proxy's X-Real-IP, never REMOTE_ADDR (which would be the proxy for everyone).
GOVPORTAL_TRUSTED_PROXIES = env.get_list("TRUSTED_PROXIES", [])
# --- 意见征集 (govportal/participation, docs/participation.md) ------------------------------
# The shortest comment period of a draft, in calendar days (issue 22's default, as for 规章 and
# 重大行政决策: "一般不少于30日"); a shorter period needs a recorded reason.
GOVPORTAL_PARTICIPATION_SOLICITATION_MIN_DAYS = env.get_int("PARTICIPATION_SOLICITATION_MIN_DAYS", 30)
# --- Limits on anonymous submissions (govportal/core/antiabuse, docs/security.md) ----------
# One budget across every submission channel (letters, disclosure requests, applications).
GOVPORTAL_SUBMISSION_MAX_PER_CLIENT_PER_HOUR = env.get_int("SUBMISSION_MAX_PER_CLIENT_PER_HOUR", 10)
GOVPORTAL_SUBMISSION_MAX_PER_PHONE_PER_DAY = env.get_int("SUBMISSION_MAX_PER_PHONE_PER_DAY", 5)
# SMS sent on an anonymous caller's request (CAPTCHA codes, 找回查询码).
GOVPORTAL_SMS_CODE_MAX_PER_CLIENT_PER_HOUR = env.get_int("SMS_CODE_MAX_PER_CLIENT_PER_HOUR", 5)
GOVPORTAL_SMS_CODE_MAX_PER_PHONE_PER_DAY = env.get_int("SMS_CODE_MAX_PER_PHONE_PER_DAY", 5)
# Wrong tracking number / query code pairs one client may try per 15 minutes.
GOVPORTAL_CASE_LOOKUP_MAX_FAILURES_PER_CLIENT = env.get_int("CASE_LOOKUP_MAX_FAILURES_PER_CLIENT", 10)
# How long a submission's first answer is kept for retries with the same idempotency key.
GOVPORTAL_IDEMPOTENCY_HOURS = env.get_int("IDEMPOTENCY_HOURS", 24)
# --- 公共查询 (govportal/convenience, docs/convenience.md) -------------------------------------
# Files dropped here (<slug>.xlsx or <slug>.csv) are imported on schedule into the query
# system of that slug whose data source is 定时导入.
GOVPORTAL_QUERY_DROP_DIR = env.get_path("QUERY_DROP_DIR", VAR_DIR / "query-drop")
# Hosts a query system's connector may call (the utilities' own APIs); empty = none.
GOVPORTAL_QUERY_CONNECTOR_HOSTS = env.get_list("QUERY_CONNECTOR_HOSTS", [])
# Limits of one imported table.
GOVPORTAL_QUERY_IMPORT_MAX_MB = env.get_int("QUERY_IMPORT_MAX_MB", 20)
GOVPORTAL_QUERY_IMPORT_MAX_ROWS = env.get_int("QUERY_IMPORT_MAX_ROWS", 200000)
# --- end 公共查询 ------------------------------------------------------------------------------
# Tokens of trusted API clients (12345 hotline, apps): a submission with
# "Authorization: Bearer <token>" needs no CAPTCHA and is not rate-limited.
# LETTER_API_TOKENS is the older name, still read.
# 找回查询码: how long a new query code sent by SMS stays usable (the old one works until it is used).
GOVPORTAL_QUERY_CODE_RECOVERY_HOURS = env.get_int("QUERY_CODE_RECOVERY_HOURS", 24)
GOVPORTAL_SUBMISSION_API_TOKENS = env.get_list("SUBMISSION_API_TOKENS", []) + env.get_list("LETTER_API_TOKENS", [])
GOVPORTAL_PETITION_URL = env.get_str("PETITION_URL", "https://wsxf.gjxfj.gov.cn/")

# Outbox transports. E-mail (staff reminders, replies to writers who gave an address): an SMTP
# server in production; on one machine without one, files under var/mail/ (one per message),
# not a connection refused and retried for every message. SMS: a gateway adapter in
# production; the default only logs (docs/case-kernel.md, Outbox).
EMAIL_BACKEND = env.get_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend" if PRODUCTION else "django.core.mail.backends.filebased.EmailBackend",
)
EMAIL_FILE_PATH = VAR_DIR / "mail"
EMAIL_HOST = env.get_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env.get_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env.get_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env.get_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env.get_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env.get_bool("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = 10  # seconds: a hung mail server must not hold the worker (the outbox retries)
DEFAULT_FROM_EMAIL = env.get_str("DEFAULT_FROM_EMAIL", "noreply@localhost")
GOVPORTAL_SMS_BACKEND = env.get_str("SMS_BACKEND", "govportal.core.notify.LogSmsBackend")

# --- 监管: veto indicators, the runner, alarms (govportal/monitor, docs/supervision.md) -------
# National thresholds (国办秘函〔2019〕19号) as defaults; the alarm thresholds come earlier.
GOVPORTAL_MONITOR_CHECK_MINUTES = env.get_int("MONITOR_CHECK_MINUTES", 60)
GOVPORTAL_MONITOR_PROBE_MINUTES = env.get_int("MONITOR_PROBE_MINUTES", 30)
GOVPORTAL_MONITOR_PROBE_TIMEOUT = env.get_int("MONITOR_PROBE_TIMEOUT", 15)
GOVPORTAL_MONITOR_PROBE_BASE_URL = env.get_str("MONITOR_PROBE_BASE_URL", "")
GOVPORTAL_MONITOR_PROBE_MAX_PAGES = env.get_int("MONITOR_PROBE_MAX_PAGES", 10)
GOVPORTAL_MONITOR_PROBE_RETENTION_DAYS = env.get_int("MONITOR_PROBE_RETENTION_DAYS", 30)
GOVPORTAL_MONITOR_REACH_WINDOW_DAYS = env.get_int("MONITOR_REACH_WINDOW_DAYS", 7)
GOVPORTAL_MONITOR_REACH_MIN_PROBES = env.get_int("MONITOR_REACH_MIN_PROBES", 20)
GOVPORTAL_MONITOR_REACH_VETO_PERCENT = env.get_int("MONITOR_REACH_VETO_PERCENT", 5)
GOVPORTAL_MONITOR_REACH_ALARM_PERCENT = env.get_int("MONITOR_REACH_ALARM_PERCENT", 3)
GOVPORTAL_MONITOR_HOME_VETO_DAYS = env.get_int("MONITOR_HOME_VETO_DAYS", 14)
GOVPORTAL_MONITOR_HOME_ALARM_DAYS = env.get_int("MONITOR_HOME_ALARM_DAYS", 10)
GOVPORTAL_MONITOR_STALE_VETO_COLUMNS = env.get_int("MONITOR_STALE_VETO_COLUMNS", 5)
GOVPORTAL_MONITOR_STALE_VETO_ALL_COLUMNS = env.get_int("MONITOR_STALE_VETO_ALL_COLUMNS", 10)
GOVPORTAL_MONITOR_STALE_ALARM_DAYS_BEFORE = env.get_int("MONITOR_STALE_ALARM_DAYS_BEFORE", 10)
GOVPORTAL_MONITOR_EMPTY_VETO_COLUMNS = env.get_int("MONITOR_EMPTY_VETO_COLUMNS", 5)
GOVPORTAL_MONITOR_EMPTY_ALARM_COLUMNS = env.get_int("MONITOR_EMPTY_ALARM_COLUMNS", 2)
GOVPORTAL_MONITOR_LETTER_VETO_MONTHS = env.get_int("MONITOR_LETTER_VETO_MONTHS", 3)
GOVPORTAL_MONITOR_LETTER_ALARM_DAYS = env.get_int("MONITOR_LETTER_ALARM_DAYS", 60)
# The guides' veto thresholds are the service hall's (SERVICEHALL_VETO_*): one owner.
GOVPORTAL_MONITOR_GUIDES_ALARM_ITEMS = env.get_int("MONITOR_GUIDES_ALARM_ITEMS", 1)
# The information office's alarm addresses; empty: the e-mail of every active superuser.
GOVPORTAL_MONITOR_OFFICE_EMAILS = env.get_list("MONITOR_OFFICE_EMAILS", [])
# --- end 监管 (checks) ---------------------------------------------------------------------
# --- Health (docs/deploy.md) --------------------------------------------------------------
# /readyz answers 503 when the oldest due task or outbox message has waited longer than this.
GOVPORTAL_HEALTH_MAX_QUEUE_LAG = env.get_int("HEALTH_MAX_QUEUE_LAG", 300)
CAPTCHA_LENGTH = 4
CAPTCHA_TIMEOUT = 30  # minutes: elderly writers take their time
CAPTCHA_FONT_SIZE = 30
CAPTCHA_LETTER_ROTATION = (-20, 20)

# --- Security -------------------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "SAMEORIGIN"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if PRODUCTION:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env.get_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = env.get_int("SECURE_HSTS_SECONDS", 31536000)
    # Department sites live on subdomains of the portal's domain; all of them are HTTPS.
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env.get_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = False
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
# Silenced by default, each for a reason:
# - security.W019: X_FRAME_OPTIONS stays SAMEORIGIN because Wagtail's admin previews pages
#   in an iframe of the same origin; DENY would break the editors' preview panel.
# - security.W021: HSTS preload is irreversible for the whole domain; the information office
#   decides it with the domain's owner, not a default.
# Content-Security-Policy (govportal.core.headers): one policy for public pages (no inline
# script), one for the staff admin (Wagtail's own templates carry inline scripts), one for
# the API docs. nginx sends the public one with the pre-rendered files (docs/security.md).
GOVPORTAL_CSP_PUBLIC = env.get_str(
    "CSP_PUBLIC",
    "default-src 'self'; script-src 'self'; style-src 'self'; style-src-attr 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self'; connect-src 'self'; media-src 'self'; frame-src 'self' https:; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'",
)
GOVPORTAL_CSP_ADMIN = env.get_str(
    "CSP_ADMIN",
    "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; media-src 'self'; frame-src 'self' https:; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'",
)
GOVPORTAL_CSP_API_DOCS = env.get_str(
    "CSP_API_DOCS",
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
    "frame-ancestors 'self'",
)
SILENCED_SYSTEM_CHECKS = env.get_list("SILENCED_SYSTEM_CHECKS", ["security.W019", "security.W021"])

# --- 便民服务: travel, culture and the directory (govportal/convenience, issue 23) ---
GOVPORTAL_DIRECTORY_CORRECTION_DAYS = env.get_int("DIRECTORY_CORRECTION_DAYS", 5)
GOVPORTAL_DIRECTORY_IMPORT_MAX_BYTES = env.get_int("DIRECTORY_IMPORT_MAX_BYTES", 5 * 1024 * 1024)
# --- end 便民服务 (travel, culture and the directory) ---

# --- 链接检查 (govportal/core/linkcheck.py) and the monitor's link checker and scored indicators
# (govportal/monitor/links/, docs/supervision.md, docs/adr/0023-link-checker.md) ---------------
# Seconds per request of any link check; redirects followed at most; hosts the checks may request
# although they resolve into a private or loopback network (the tests' local server only).
GOVPORTAL_LINKCHECK_TIMEOUT = env.get_int("LINKCHECK_TIMEOUT", 10)
GOVPORTAL_LINKCHECK_MAX_REDIRECTS = env.get_int("LINKCHECK_MAX_REDIRECTS", 5)
GOVPORTAL_LINKCHECK_ALLOW_PRIVATE_HOSTS = env.get_list("LINKCHECK_ALLOW_PRIVATE_HOSTS", [])
# The cluster-wide checker: least seconds between two requests to one host; external addresses
# checked per run at most; days a working address is trusted before it is checked again; failed
# checks in a row before an external link counts as broken; hosts checked in parallel (each host
# one request at a time).
GOVPORTAL_MONITOR_LINK_HOST_DELAY = env.get_int("MONITOR_LINK_HOST_DELAY", 2)
GOVPORTAL_MONITOR_LINK_MAX_PER_RUN = env.get_int("MONITOR_LINK_MAX_PER_RUN", 500)
GOVPORTAL_MONITOR_LINK_RECHECK_DAYS = env.get_int("MONITOR_LINK_RECHECK_DAYS", 7)
GOVPORTAL_MONITOR_LINK_FAILURES = env.get_int("MONITOR_LINK_FAILURES", 2)
GOVPORTAL_MONITOR_LINK_WORKERS = env.get_int("MONITOR_LINK_WORKERS", 4)
# Scored indicators: a site loses points when it has more than this many broken links, images
# without alt text, or 规范性文件 without an interpretation (0: any one deducts).
GOVPORTAL_MONITOR_BROKEN_LINKS_MAX = env.get_int("MONITOR_BROKEN_LINKS_MAX", 0)
GOVPORTAL_MONITOR_IMAGES_WITHOUT_ALT_MAX = env.get_int("MONITOR_IMAGES_WITHOUT_ALT_MAX", 0)
GOVPORTAL_MONITOR_UNINTERPRETED_MAX = env.get_int("MONITOR_UNINTERPRETED_MAX", 0)
# Days after its publication a 规范性文件 may still wait for its 解读 (同步解读: 0 is the rule).
GOVPORTAL_MONITOR_INTERPRETATION_GRACE_DAYS = env.get_int("MONITOR_INTERPRETATION_GRACE_DAYS", 3)
# --- end 链接检查 ---
# --- 监管: 错敏词 wording checks (govportal/monitor/wording.py, issue 26) ---
# Titles the leader rule looks for next to a leader's name (plus every leader's own titles).
GOVPORTAL_MONITOR_WORDING_TITLES = env.get_list(
    "MONITOR_WORDING_TITLES",
    "市长 副市长 常务副市长 市委书记 市委副书记 书记 副书记 秘书长 副秘书长 主任 副主任 局长 副局长 "
    "区长 副区长 县长 副县长 镇长 副镇长 乡长 副乡长 主席 副主席 部长 副部长 厅长 副厅长 处长 副处长 "
    "委员 常委 党组书记 调研员".split(),
)
GOVPORTAL_MONITOR_WORDING_SWEEP_HOURS = env.get_int("MONITOR_WORDING_SWEEP_HOURS", 24)
# --- end 错敏词 ---

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.get_str("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}
# --- 监管 dashboards (govportal/monitor/dashboards.py, docs/supervision.md "Dashboards") ---
# A construction goal not yet reached is flagged 临近期限 this many days before its deadline.
GOVPORTAL_MONITOR_GOAL_WARN_DAYS = env.get_int("MONITOR_GOAL_WARN_DAYS", 90)
# The earliest year the reply-time dashboard accepts in its year filter.
GOVPORTAL_MONITOR_FIRST_YEAR = env.get_int("MONITOR_FIRST_YEAR", 2020)
# --- end 监管 dashboards ---
