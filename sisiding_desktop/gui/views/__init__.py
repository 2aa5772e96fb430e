"""The main window's tabs and small shared widgets."""
