"""Dashboard figures in SQL, scoped by unit, over Beijing-time periods, with a cache."""
