"""Reading and writing the xlsx files that travel between county and prefecture."""
