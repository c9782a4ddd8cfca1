"""The platform-free meeting domain: groups, meetings, agenda, decisions, minutes and justering."""
