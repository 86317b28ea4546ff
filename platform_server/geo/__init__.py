"""Seeing the city: station districts, nearby posts, duplicates, hotspots and triage."""
