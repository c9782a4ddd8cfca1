"""The Slack adapter on slack-bolt: payload in, core call, Block Kit out."""
