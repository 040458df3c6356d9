"""How a batch is cut into tasks: small ones first, so every worker starts at once."""

from __future__ import annotations

from newsml_tools.batch.runner import _chunks
from newsml_tools.batch.sources import InputItem


def _items(n: int) -> list[InputItem]:
    return [InputItem(id=f"{i}.txt", source="s") for i in range(n)]


def test_sizes_double_up_to_the_chunk_size_and_keep_order() -> None:
    items = _items(200)
    chunks = list(_chunks(iter(items), 64))
    assert [len(c) for c in chunks] == [1, 2, 4, 8, 16, 32, 64, 64, 9]
    assert [i.id for c in chunks for i in c] == [i.id for i in items]


def test_a_small_batch_gives_every_worker_work() -> None:
    assert len(list(_chunks(iter(_items(64)), 64))) >= 6
    assert [len(c) for c in _chunks(iter(_items(3)), 64)] == [1, 2]
    assert list(_chunks(iter([]), 64)) == []
