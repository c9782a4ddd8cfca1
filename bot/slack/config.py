"""Slack settings, the Slack adapter's view of bot.settings; secrets come from the environment."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass

from bot.settings import DEFAULT_SLACK_API_URL, Settings, SettingsError, load

DEFAULT_API_URL = DEFAULT_SLACK_API_URL

__all__ = ["DEFAULT_API_URL", "SettingsError", "SlackSettings"]


@dataclass(frozen=True)
class SlackSettings:
    bot_token: str
    signing_secret: str = ""
    app_token: str = ""
    api_url: str = DEFAULT_API_URL
    host: str = "0.0.0.0"
    port: int = 3000
    probe_port: int = 0  # Socket Mode's /livez, /readyz and /metrics; 0: none
    command_deadline: float = 2.5
    health_timeout: float = 0.8

    @property
    def socket_mode(self) -> bool:
        return bool(self.app_token)

    @classmethod
    def from_settings(cls, settings: Settings) -> SlackSettings | None:
        """None when no Slack bot token is set: then Justera runs as the local console."""
        if not settings.slack_bot_token:
            return None
        return cls(
            bot_token=settings.slack_bot_token,
            signing_secret=settings.slack_signing_secret,
            app_token=settings.slack_app_token,
            api_url=settings.slack_api_url or DEFAULT_API_URL,
            host=settings.host,
            port=settings.port,
            probe_port=settings.probe_port,
            command_deadline=settings.command_deadline,
            health_timeout=settings.health_timeout,
        )

    @classmethod
    def from_env(cls, env: Mapping[str, str] = os.environ) -> SlackSettings | None:
        return cls.from_settings(load(env))
