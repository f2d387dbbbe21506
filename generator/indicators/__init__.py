"""Service indicators: the 002 domain tables, the 001 annual post indicators,
their conversion rules, the activity thresholds, and the attainment calculator."""
