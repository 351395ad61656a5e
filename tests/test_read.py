"""Stage 1: encodings, line ends, NUL bytes, binary and empty files."""

import pytest

from xai_digest.read import UnreadableError, decode_bytes, nfkc_with_offsets

SAMPLE = "xAIは約２００億ドル（約３兆円）を調達した。\n「本当だ」と述べた。\n"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp932", "euc_jp", "utf-16"])
def test_japanese_encodings_round_trip(encoding):
    assert decode_bytes(SAMPLE.encode(encoding)).text == SAMPLE


def test_crlf_and_cr_become_lf():
    assert decode_bytes("一行目\r\n二行目\r三行目".encode()).text == "一行目\n二行目\n三行目"


def test_nul_bytes_removed_with_line_warning():
    result = decode_bytes("一行目\n二行\x00目\n".encode())
    assert result.text == "一行目\n二行目\n"
    assert result.warnings[0][0] == 2 and "NUL" in result.warnings[0][1]


@pytest.mark.parametrize("data", [b"", b"   \n\n", bytes(range(256)) * 20])
def test_empty_and_binary_are_unreadable(data):
    with pytest.raises(UnreadableError):
        decode_bytes(data)


def test_nfkc_offsets_point_into_original():
    text = "約２００億ドル、１０％"
    norm, offsets = nfkc_with_offsets(text)
    assert norm == "約200億ドル、10%"
    start = norm.index("10%")
    assert text[offsets[start] : offsets[start + 3]] == "１０％"
