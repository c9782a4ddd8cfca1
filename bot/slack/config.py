"""Slack settings from the environment; secrets never come from anywhere else."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass

DEFAULT_API_URL = "https://slack.com/api/"


class SettingsError(ValueError):
    """The environment names Slack but lacks what the chosen mode needs."""


@dataclass(frozen=True)
class SlackSettings:
    bot_token: str
    signing_secret: str = ""
    app_token: str = ""
    api_url: str = DEFAULT_API_URL
    host: str = "0.0.0.0"
    port: int = 3000

    @property
    def socket_mode(self) -> bool:
        return bool(self.app_token)

    @classmethod
    def from_env(cls, env: Mapping[str, str] = os.environ) -> SlackSettings | None:
        """None when no Slack bot token is set: then Justera runs as the local console."""
        token = env.get("SLACK_BOT_TOKEN", "").strip()
        if not token:
            return None
        settings = cls(
            bot_token=token,
            signing_secret=env.get("SLACK_SIGNING_SECRET", "").strip(),
            app_token=env.get("SLACK_APP_TOKEN", "").strip(),
            api_url=env.get("SLACK_API_URL", DEFAULT_API_URL).strip() or DEFAULT_API_URL,
            host=env.get("JUSTERA_HOST", "0.0.0.0"),
            port=int(env.get("JUSTERA_PORT", "3000")),
        )
        if not settings.socket_mode and not settings.signing_secret:
            raise SettingsError(
                "SLACK_SIGNING_SECRET saknas: HTTP-läget måste kunna verifiera Slacks signaturer "
                "(sätt den, eller SLACK_APP_TOKEN för Socket Mode)."
            )
        if settings.socket_mode and not settings.app_token.startswith("xapp-"):
            raise SettingsError("SLACK_APP_TOKEN ska börja med xapp- (en app-level token).")
        return settings
