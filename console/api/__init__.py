"""Everything that talks to the platform: client, models, errors, stream, outbox, keyring."""
