"""Seeing the city: station districts, nearby posts, likely duplicates and triage."""
