"""Use cases shared by the CLI (and later the web app and API): plain data in and out."""
