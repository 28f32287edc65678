"""Blacklist entries and matching: see issue for BlacklistEntry."""
