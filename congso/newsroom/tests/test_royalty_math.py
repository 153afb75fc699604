"""The royalty arithmetic alone (no database): LEGAL.md §3's examples, rounding, the
co-authors' parts, the Vietnamese way of writing amounts."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from congso.newsroom.royalties import RoyaltyInputs, compute_royalty, format_vnd, split_amount


def test_the_legal_examples_as_pure_arithmetic():
    assert compute_royalty(RoyaltyInputs(Decimal(5)), 2_530_000).amount == 1_265_000
    assert compute_royalty(RoyaltyInputs(Decimal(5)), 2_340_000).amount == 1_170_000
    result = compute_royalty(
        RoyaltyInputs(
            Decimal("3"),
            photo_coefficient=Decimal("1.5"),
            photo_count=2,
            uplift_percent=Decimal(20),
        ),
        2_530_000,
    )
    # (3 + 2 × 1,5) × 1,2 = 7,2 units of 253.000 đ
    assert result.unit_value == Decimal("253000.00")
    assert result.amount == 1_821_600


def test_amounts_are_written_the_vietnamese_way():
    assert format_vnd(1_265_000) == "1.265.000 đ"
    assert format_vnd(Decimal("253000.00")) == "253.000 đ"
    assert format_vnd(0) == "0 đ"
    assert format_vnd(None) == ""


def test_split_amount_examples():
    assert split_amount(1_265_000, [Decimal(100)]) == [1_265_000]
    assert split_amount(1_000_001, [Decimal(50), Decimal(50)]) == [500_001, 500_000]
    assert split_amount(10, [Decimal(1)] * 3) == [4, 3, 3]
    with pytest.raises(ValueError):
        split_amount(10, [Decimal(0)])


@given(
    amount=st.integers(min_value=0, max_value=10**12),
    shares=st.lists(
        st.decimals(min_value=Decimal("0.01"), max_value=100, places=2), min_size=1, max_size=8
    ),
)
def test_the_parts_always_add_up_to_the_whole(amount, shares):
    parts = split_amount(amount, shares)
    assert sum(parts) == amount
    total = sum(shares)
    for part, share in zip(parts, shares, strict=True):
        assert abs(Decimal(part) - Decimal(amount) * share / total) < 1
