"""Every state change and the rules behind it.

Actions (`posts`, `intake`, `accounts`, `jobs`) are the only writers of posts, their
timelines, events and audit records, all through `change`; `scope` holds who may read
and act on what; `listing` and `serialize` read posts the way the API shows them.
"""
