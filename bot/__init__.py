"""Justera: a chat bot for Swedish employer–union cooperation meetings (samverkan)."""
