"""The IEC 62443 catalog as versioned data files, loaded and validated at start."""

from zonewarden.catalog.loader import CatalogError, default_catalog, load_catalog

__all__ = ["CatalogError", "default_catalog", "load_catalog"]
