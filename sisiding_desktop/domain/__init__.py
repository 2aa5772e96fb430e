"""Plain values and rules of the 任务分工 domain: no database, no Qt."""
