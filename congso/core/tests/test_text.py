"""fold(): the accent-insensitive form used by catalogue search."""

import pytest

from congso.core.text import fold, fold_words


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Giấy phép xuất bản bản tin", "giay phep xuat ban ban tin"),
        ("Bưu chính", "buu chinh"),
        ("ĐĂNG KÝ", "dang ky"),
        ("đ", "d"),
        ("Đường", "duong"),
        ("Thẩm định hồ sơ cấp, đổi thẻ nhà báo", "tham dinh ho so cap, doi the nha bao"),
        ("  Ủy   ban\tnhân dân ", "uy ban nhan dan"),
        # Decomposed input (as some keyboards send it) folds the same as composed input.
        ("Vie\u0302\u0323t", "viet"),
        ("1.009374", "1.009374"),
        ("", ""),
    ],
)
def test_fold_strips_marks_maps_d_and_lowercases(text, folded):
    assert fold(text) == folded


def test_fold_words_splits_a_query_and_drops_repeats():
    assert fold_words("Giấy  phép GIẤY bưu chính") == ["giay", "phep", "buu", "chinh"]
    assert fold_words("   ") == []


def test_fold_words_splits_on_punctuation_but_keeps_codes_whole():
    assert fold_words("Bưu chính (nội tỉnh), TVRO.") == ["buu", "chinh", "noi", "tinh", "tvro"]
    assert fold_words("1.009374 BD-STTTT-01") == ["1.009374", "bd-stttt-01"]
