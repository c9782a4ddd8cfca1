"""The local adapter: the Slack command language, typed in a terminal or read from a script."""
