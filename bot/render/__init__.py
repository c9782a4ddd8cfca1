"""Minutes and agendas rendered for each platform from the core's plain text."""
