"""The form checker: the same rules in Python and in the browser."""
