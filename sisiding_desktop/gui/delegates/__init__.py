"""Item delegates: the editors a cell opens (multi-line text, unit names with completion, status, percent)."""
