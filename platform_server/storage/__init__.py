"""Tables, database engines (SQLite WAL, PostgreSQL) and Chinese full-text search."""
