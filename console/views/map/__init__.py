"""The city map: districts, roads, the river, stations, posts (QGraphicsView, offline)."""
