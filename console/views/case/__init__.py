"""One case: header, body, attachments, history, reply editor, action bar, and the
widget-free controller that tracks the case's outbox items, drafts and refusals."""
