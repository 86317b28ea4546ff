"""The workload dashboard: KPI tiles, charts and lists of the platform's `/stats` figures."""
