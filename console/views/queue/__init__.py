"""The queue: filters, the table model fed from the platform and the store, and its widgets."""
