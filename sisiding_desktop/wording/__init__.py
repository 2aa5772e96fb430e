"""Words the program says in Chinese that no single layer owns: why the OS refused a file, argparse's own texts."""
