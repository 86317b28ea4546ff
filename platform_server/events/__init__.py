"""Events: the typed event models (the contract), the event log, the hub that streams
them (SSE) and the escalation job."""
