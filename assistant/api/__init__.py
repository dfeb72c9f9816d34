"""The HTTP API (FastAPI): a thin shell over the library. ``create_app()`` builds it."""
