"""The ``zonewarden`` command line: thin adapters over :mod:`zonewarden.services`."""
