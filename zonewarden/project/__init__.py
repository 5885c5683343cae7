"""Project files (``format: zonewarden/v1``): schema, loading with located errors, dumping."""
