"""Use cases. Each public call is one transaction and returns domain values, never ORM objects."""
