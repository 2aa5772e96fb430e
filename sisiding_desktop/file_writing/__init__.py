"""Files written so that a crash or a full disk never leaves a half-written one: the atomic write itself,
openpyxl workbooks saved through it, and user text put into cells so that it stays text."""
