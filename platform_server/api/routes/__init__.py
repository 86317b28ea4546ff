"""One module per resource of API v1 (`/api/v1/...`)."""
