"""The platform vocabularies: one declarative module per platform, read by the import as a whole."""

from reviews.models import Platform
from reviews.services.importing import platforms


def test_every_platform_has_one_module_that_declares_its_vocabulary():
    assert {module.PLATFORM for module in platforms.PLATFORMS} == set(Platform.values)
    for module in platforms.PLATFORMS:
        assert module.HEADERS["order_no"], module.__name__
        assert module.MARKERS and isinstance(module.STATUS_WORDS, dict), module.__name__
    assert [m.PLATFORM for m in platforms.PLATFORMS][0] == Platform.PDD, "PDD wins a tie of markers"


def test_no_two_platforms_give_one_status_word_different_meanings():
    meanings: dict[str, set] = {}
    for module in platforms.PLATFORMS:
        for word, status in module.STATUS_WORDS.items():
            meanings.setdefault(word, set()).add(status)
    assert {word: found for word, found in meanings.items() if len(found) > 1} == {}


def test_headers_are_recognised_per_platform():
    assert platforms.detect_platform(["订单号", "商品数量(件)"]) == Platform.PDD
    assert platforms.detect_platform(["订单编号", "买家会员名"]) == Platform.TAOBAO
    assert platforms.detect_platform(["主订单编号", "子订单编号", "选购商品"]) == Platform.DOUYIN
    assert platforms.detect_platform(["order_no", "status"]) == Platform.OTHER
    platform, mapping, extra = platforms.map_headers(["子订单编号", "选购商品", "达人ID", "channel"])
    assert platform == Platform.DOUYIN and mapping == {0: "order_no", 1: "sku_name"}
    assert extra == {2: "达人ID", 3: "channel"}
    assert platforms.is_order_no_header("订单号 ") and platforms.is_order_no_header("ORDER_NO")
