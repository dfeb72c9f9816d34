"""The ``okr`` command line: thin shells over the library, argparse for a fast start."""
