"""ZoneWarden: an IEC 62443 compliance workbench for industrial control systems."""

__version__ = "0.1.0"
