"""Sending the outbox: the contract a platform's poster meets, and the sender that drives it."""
