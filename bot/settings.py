"""Every setting Justera reads, from the environment, checked once at start (pydantic-settings)."""

# To add a setting: add a field below with its environment name as `alias`, a default and a
# `description` that says what a right value looks like (the description is shown when the value
# is wrong), then document it in .env.example. Nothing else in the code reads os.environ.

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal

from pydantic import Field, ValidationError, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_SLACK_API_URL = "https://slack.com/api/"


class SettingsError(ValueError):
    """One or more settings are wrong or missing; `lines` holds one sentence per problem."""

    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        super().__init__("\n".join(lines))


def _field(default: Any, env: str, description: str, **extra: Any) -> Any:
    return Field(default, alias=env, description=description, **extra)


class Settings(BaseSettings):
    """The environment, checked. Secrets are never echoed back in an error."""

    model_config = SettingsConfigDict(
        case_sensitive=True, extra="ignore", frozen=True, populate_by_name=False
    )

    # --- database ------------------------------------------------------------------------
    database_url: str = _field(
        "",
        "JUSTERA_DATABASE_URL",
        "a database URL such as postgresql://justera@dbhost/justera or sqlite:////var/lib/j.db "
        "(empty: SQLite under $XDG_DATA_HOME/justera)",
    )
    data_home: str = _field("", "XDG_DATA_HOME", "a folder, e.g. /var/lib")
    migrate_on_start: bool = _field(
        True,
        "JUSTERA_MIGRATE_ON_START",
        "true or false; false in production, where `justera db upgrade` runs before the rollout",
    )
    db_connect_timeout: float = _field(
        3.0, "JUSTERA_DB_CONNECT_TIMEOUT", "seconds, e.g. 3", gt=0, le=60
    )
    db_statement_timeout: float = _field(
        10.0, "JUSTERA_DB_STATEMENT_TIMEOUT", "seconds, e.g. 10 (0 turns it off)", ge=0, le=3600
    )
    db_lock_timeout: float = _field(5.0, "JUSTERA_DB_LOCK_TIMEOUT", "seconds, e.g. 5", gt=0, le=600)
    db_start_attempts: int = _field(
        30,
        "JUSTERA_DB_START_ATTEMPTS",
        "how often to try an unreachable database at start, e.g. 30",
        ge=1,
        le=10_000,
    )
    db_start_wait: float = _field(
        2.0, "JUSTERA_DB_START_WAIT", "seconds between those attempts, e.g. 2", ge=0, le=600
    )

    # --- answering -------------------------------------------------------------------------
    command_deadline: float = _field(
        2.5,
        "JUSTERA_COMMAND_DEADLINE",
        "seconds a command may take before the answer says its outcome is unknown "
        "(under Slack's 3), e.g. 2.5",
        gt=0,
        le=30,
    )
    health_timeout: float = _field(
        0.8, "JUSTERA_HEALTH_TIMEOUT", "seconds for /readyz to ask the database, e.g. 0.8", gt=0
    )

    # --- who may install -----------------------------------------------------------------
    admins: str = _field(
        "",
        "JUSTERA_ADMINS",
        'who may create groups, comma-separated, e.g. "U0123ABC,U0456DEF" or "console:anna"',
    )

    # --- retention -----------------------------------------------------------------------
    draft_days: int = _field(365, "JUSTERA_DRAFT_DAYS", "days, e.g. 365", ge=1)
    reference_days: int = _field(730, "JUSTERA_REFERENCE_DAYS", "days, e.g. 730", ge=1)

    # --- Slack -----------------------------------------------------------------------------
    slack_bot_token: str = _field("", "SLACK_BOT_TOKEN", "the bot token, xoxb-…")
    slack_app_token: str = _field("", "SLACK_APP_TOKEN", "an app-level token, xapp-…")
    slack_signing_secret: str = _field("", "SLACK_SIGNING_SECRET", "the app's signing secret")
    slack_api_url: str = _field(
        DEFAULT_SLACK_API_URL, "SLACK_API_URL", "a URL such as https://slack-gov.com/api/"
    )

    # --- Microsoft Teams (the Agents SDK's own names; checked by bot.teams.config) ---------
    teams_client_id: str = _field(
        "", "CONNECTIONS__SERVICE_CONNECTION__SETTINGS__CLIENTID", "the Entra app's client id"
    )
    teams_tenant_id: str = _field(
        "", "CONNECTIONS__SERVICE_CONNECTION__SETTINGS__TENANTID", "the tenant id, a GUID"
    )
    teams_client_secret: str = _field(
        "", "CONNECTIONS__SERVICE_CONNECTION__SETTINGS__CLIENTSECRET", "the app's client secret"
    )
    teams_auth_type: str = _field(
        "",
        "CONNECTIONS__SERVICE_CONNECTION__SETTINGS__AUTHTYPE",
        "ClientSecret, UserManagedIdentity or SystemManagedIdentity",
    )
    teams_openid_metadata_url: str = _field(
        "",
        "JUSTERA_TEAMS_OPENID_METADATA_URL",
        "an https URL of OpenID metadata or a JWKS (empty: Microsoft's public cloud)",
    )
    public_url: str = _field("", "JUSTERA_PUBLIC_URL", "https://justera.kommun.se")
    teams_file_key: str = _field("", "JUSTERA_TEAMS_FILE_KEY", "16 characters or more")

    # --- serving and operations ----------------------------------------------------------
    host: str = _field("0.0.0.0", "JUSTERA_HOST", "an address to listen on, e.g. 0.0.0.0")
    port: int = _field(3000, "JUSTERA_PORT", "a port number, e.g. 3000", ge=1, le=65535)
    probe_port: int = _field(
        8080,
        "JUSTERA_PROBE_PORT",
        "the port of /livez, /readyz and /metrics in Socket Mode, e.g. 8080 (0: none)",
        ge=0,
        le=65535,
    )
    log_format: Literal["json", "text"] = _field(
        "json", "JUSTERA_LOG_FORMAT", "json (one object a line) or text"
    )
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = _field(
        "INFO", "JUSTERA_LOG_LEVEL", "DEBUG, INFO, WARNING or ERROR"
    )
    shutdown_grace: float = _field(
        20.0,
        "JUSTERA_SHUTDOWN_GRACE_SECONDS",
        "seconds on SIGTERM to finish the postings under way before releasing the rest, e.g. 20",
        ge=0,
        le=600,
    )

    outbox_lease: float = _field(
        30.0,
        "JUSTERA_OUTBOX_LEASE_SECONDS",
        "seconds a replica holds a channel's postings between renewals (another replica takes "
        "them over this long after it froze or died), e.g. 30",
        ge=3,
        le=600,
    )

    @field_validator(
        "slack_bot_token",
        "slack_app_token",
        "slack_signing_secret",
        "slack_api_url",
        "database_url",
        "admins",
        mode="before",
    )
    @classmethod
    def _stripped(cls, value: Any) -> Any:
        return value.strip() if isinstance(value, str) else value

    @field_validator("log_level", mode="before")
    @classmethod
    def _upper(cls, value: Any) -> Any:
        return value.strip().upper() if isinstance(value, str) else value

    @field_validator("log_format", mode="before")
    @classmethod
    def _lower(cls, value: Any) -> Any:
        return value.strip().lower() if isinstance(value, str) else value

    @field_validator("database_url")
    @classmethod
    def _known_database(cls, value: str) -> str:
        if value and not value.startswith(("sqlite:", "postgresql", "postgres:")):
            raise ValueError("only sqlite: and postgresql: URLs are supported")
        return value

    @model_validator(mode="after")
    def _slack_mode(self) -> Settings:
        if not self.slack_bot_token:
            return self
        if not self.slack_app_token and not self.slack_signing_secret:
            raise ValueError(
                "SLACK_SIGNING_SECRET saknas: HTTP-läget måste kunna verifiera Slacks signaturer "
                "(sätt den, eller SLACK_APP_TOKEN för Socket Mode)."
            )
        if self.slack_app_token and not self.slack_app_token.startswith("xapp-"):
            raise ValueError("SLACK_APP_TOKEN ska börja med xapp- (en app-level token).")
        return self

    # --- derived -------------------------------------------------------------------------
    @property
    def installers(self) -> frozenset[str]:
        return frozenset(part.strip() for part in self.admins.split(",") if part.strip())

    def database(self) -> str:
        """$JUSTERA_DATABASE_URL, else a SQLite file under $XDG_DATA_HOME/justera."""
        if self.database_url:
            return self.database_url
        data_home = self.data_home or Path.home() / ".local" / "share"
        folder = Path(data_home) / "justera"
        folder.mkdir(parents=True, exist_ok=True)
        return f"sqlite:///{folder / 'justera.db'}"


SECRETS = {
    "SLACK_BOT_TOKEN",
    "SLACK_APP_TOKEN",
    "SLACK_SIGNING_SECRET",
    "JUSTERA_DATABASE_URL",
    "CONNECTIONS__SERVICE_CONNECTION__SETTINGS__CLIENTSECRET",
    "JUSTERA_TEAMS_FILE_KEY",
}


def load(env: Mapping[str, str] | None = None) -> Settings:
    """The settings from env (os.environ by default); SettingsError lists every problem."""
    source = dict(os.environ if env is None else env)
    names = {field.alias for field in Settings.model_fields.values()}
    given = {name: value for name, value in source.items() if name in names}
    try:
        # An explicit mapping is the only source (tests, child environments); otherwise
        # pydantic-settings reads the process environment itself.
        return Settings() if env is None else _FromMapping(**given)
    except ValidationError as error:
        raise SettingsError(problems(error, given)) from None


class _FromMapping(Settings):
    """Settings from keyword arguments alone, so tests and load() pass an explicit mapping."""

    model_config = SettingsConfigDict(
        case_sensitive=True, extra="ignore", frozen=True, populate_by_name=False
    )

    @classmethod
    def settings_customise_sources(cls, settings_cls, init_settings, **_sources):  # type: ignore[override]
        return (init_settings,)


def problems(error: ValidationError, given: Mapping[str, str]) -> list[str]:
    """One clear line per wrong value: the variable, what it holds, what a right value is."""
    fields = {field.alias: field for field in Settings.model_fields.values()}
    lines = []
    for problem in error.errors():
        name = str(problem["loc"][0]) if problem["loc"] else ""
        field = fields.get(name)
        if field is None:  # a check across fields: its message names the variables itself
            lines.append(str(problem["msg"]).removeprefix("Value error, "))
            continue
        shown = "(hemligt)" if name in SECRETS else repr(given.get(name, ""))
        lines.append(f"{name}={shown} is not valid: expected {field.description}.")
    return lines


def agents_sdk_environment(env: Mapping[str, str] | None = None) -> dict[str, str]:
    """The Agents SDK's own CONNECTIONS__… variables, for its configuration loader (the SDK has
    more of them than Justera checks, e.g. AUTHORITY for a sovereign cloud)."""
    source = os.environ if env is None else env
    return {k: v for k, v in source.items() if k.startswith("CONNECTIONS__")}


_current: Settings | None = None


def current() -> Settings:
    """The process's settings, read once: for code that has no Settings handed to it."""
    global _current
    if _current is None:
        _current = load()
    return _current


def use(settings: Settings) -> Settings:
    """Make these the process's settings (the CLI does at start, after checking them)."""
    global _current
    _current = settings
    return settings
