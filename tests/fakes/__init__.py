"""Fakes passed in at the edges: a Slack Web API over real HTTP, request signing, a clock."""

from tests.fakes.clock import FakeClock
from tests.fakes.slack_api import Call, FakeSlack

__all__ = ["Call", "FakeClock", "FakeSlack"]
