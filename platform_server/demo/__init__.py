"""The demo city: reference data, months of history, sample media and live citizens."""
