"""Pure domain core: model and engine. Imports nothing from I/O, the CLI or the web."""
