"""The one error the parsers raise: bad input, told in one plain line."""


class InputError(ValueError):
    """Input that cannot be read as OKRs. ``str(err)`` is a complete, user-facing sentence."""
