"""Gap assessment deliverables: one report model, several renderers (HTML, PDF, XLSX, SVG)."""
