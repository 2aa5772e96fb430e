"""What this computer offers the program: where its data and bundled resources are, and which fonts it prints with."""
