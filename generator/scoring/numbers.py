"""Exact decimal arithmetic for scores: no binary floating point anywhere.

A JSON number is read through its shortest text form (``repr``), which is
what the browser's ``String(n)`` gives too, so 60.15 is exactly 60.15 on both
sides and ``60.15 × 30% = 18.045`` rounds half-up to 18.05, not 18.04.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, localcontext


def dec(value) -> Decimal:
    """A JSON number (int or float) or a YAML number as an exact Decimal."""
    if isinstance(value, Decimal):
        return value
    if isinstance(value, bool):
        raise TypeError("boolean is not a number")
    if isinstance(value, int):
        return Decimal(value)
    return Decimal(repr(float(value)))


def mul_percent(value: Decimal, percent) -> Decimal:
    """``value × percent%`` exactly."""
    with localcontext() as ctx:
        ctx.prec = 60
        return value * dec(percent) / Decimal(100)


def add(*values: Decimal) -> Decimal:
    with localcontext() as ctx:
        ctx.prec = 60
        total = Decimal(0)
        for v in values:
            total += v
        return total


def round2(value: Decimal, places: int = 2) -> Decimal:
    """Half-up to ``places`` decimals (18.045 → 18.05)."""
    with localcontext() as ctx:
        ctx.prec = 60
        return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def fmt(value) -> str:
    """Plain text without trailing zeros or exponent: 1.5, 8, 0.0000001."""
    d = dec(value)
    if d == 0:
        return "0"
    text = format(d.normalize(), "f")
    return text


def to_json(value: Decimal):
    """An int when whole, else a float: 49 and 94.6, as the browser prints them."""
    if value == value.to_integral_value():
        return int(value)
    return float(fmt(value))
