"""Plain dataclasses and pure rules: plans, initiatives, indicators, periods, sources."""
