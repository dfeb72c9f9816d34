"""Web pages for the workshop: jinja2 templates (autoescaped) and a small script of our own."""
