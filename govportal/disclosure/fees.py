"""信息处理费 (Art. 42 of the regulations; 《政府信息公开信息处理费管理办法》, 国办函〔2020〕109号).

Both standards are progressive (超额累进, 第三条) and one of them applies to a request:

- 按件计收 (第四条), the applicant's requests to the agency in one calendar month: the 1st–10th
  free; the 11th–30th 100 yuan each; from the 31st, every further band of 10 costs 100 yuan
  a piece more than the band before (31st–40th 200, 41st–50th 300, …).
- 按量计收 (第五条), the pages of one request: up to 30 free; pages 31–100 10 yuan each;
  101–200 20 yuan each; from 201 40 yuan each.

Pure functions: the amount and the lines the fee notice prints.
"""

from __future__ import annotations

from decimal import Decimal

from govportal.disclosure.choices import FeeMethod

PIECES_FREE = 10
VOLUME_BANDS = ((30, 0), (100, 10), (200, 20), (None, 40))  # (up to page, yuan per page)


def piece_price(rank: int) -> int:
    """The price of the applicant's ``rank``-th request of the month (按件计收)."""
    if rank <= PIECES_FREE:
        return 0
    if rank <= 30:
        return 100
    return 100 * (1 + (rank - 21) // 10)


def compute(method: str, quantity: int, *, prior: int = 0) -> tuple[Decimal, list[tuple[str, str]]]:
    """(amount in yuan, [(label, line)] for the notice). ``quantity``: pieces of this
    request (按件, after “一事一申请” splitting) or its pages (按量); ``prior``: the
    applicant's earlier requests to the agency this month (按件 only)."""
    lines: list[tuple[str, str]] = []
    total = 0
    if method == FeeMethod.PIECE:
        by_price: dict[int, list[int]] = {}
        for rank in range(prior + 1, prior + quantity + 1):
            by_price.setdefault(piece_price(rank), []).append(rank)
        for price, ranks in sorted(by_price.items()):
            span = f"第{ranks[0]}件" if len(ranks) == 1 else f"第{ranks[0]}—{ranks[-1]}件"
            lines.append((f"本月{span}", f"{price}元/件 × {len(ranks)}件 = {price * len(ranks)}元"))
            total += price * len(ranks)
    elif method == FeeMethod.VOLUME:
        low = 0
        for top, price in VOLUME_BANDS:
            high = quantity if top is None else min(quantity, top)
            if high > low:
                pages = high - low
                label = f"第{low + 1}—{high}页" if pages > 1 else f"第{high}页"
                lines.append((label, f"{price}元/页 × {pages}页 = {price * pages}元"))
                total += price * pages
            if top is None or quantity <= top:
                break
            low = top
    else:
        raise ValueError(method)
    return Decimal(total), lines
