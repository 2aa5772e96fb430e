"""Qt item models: thin adapters over the domain values the services return."""
