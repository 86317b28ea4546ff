"""The platform's tests, by package (api, domain, events, storage, stats, demo)."""
