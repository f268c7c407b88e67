"""Developer tools that are not part of the program (not installed, not packaged)."""
