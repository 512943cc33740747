"""Category names that mean the same thing across hot lists, teams and languages.

Weibo says 明星-内地, a team writes 娱乐 or entertainment: each group below is one family.
Sub-labels (明星-内地) count as their head (明星). Unknown names only match themselves.
"""

from __future__ import annotations

GROUPS: dict[str, tuple[str, ...]] = {
    "society": ("社会", "时事", "民生", "新闻", "国际", "society", "news"),
    "entertainment": ("明星", "娱乐", "综艺", "电视剧", "电影", "音乐", "剧集", "entertainment", "celebrity",
                      "tv", "movie", "film", "music"),
    "sports": ("体育", "运动", "健身", "sports", "sport", "fitness"),
    "food": ("美食", "餐饮", "探店", "吃播", "food", "restaurant"),
    "tech": ("科技", "数码", "互联网", "科普", "tech", "technology", "digital"),
    "finance": ("财经", "金融", "股票", "理财", "finance", "business"),
    "cars": ("汽车", "auto", "cars", "car"),
    "games": ("游戏", "电竞", "gaming", "games", "esports"),
    "fashion": ("时尚", "美妆", "穿搭", "fashion", "beauty"),
    "travel": ("旅游", "旅行", "出行", "travel"),
    "education": ("教育", "考试", "education"),
    "health": ("健康", "医疗", "health"),
    "life": ("生活", "情感", "家居", "育儿", "萌宠", "life", "lifestyle", "pets"),
    "comedy": ("搞笑", "剧情", "段子", "comedy", "funny"),
    "shopping": ("消费", "促销", "电商", "购物", "shopping", "deals"),
}
_GROUP_OF = {name: group for group, names in GROUPS.items() for name in names}


def family(category: str) -> str:
    """The group a category belongs to, or the category itself (lower-cased head) when unknown."""
    head = category.strip().split("-")[0].strip().lower()
    return _GROUP_OF.get(head, head)


def same_family(a: str, b: str) -> bool:
    return bool(a.strip()) and bool(b.strip()) and family(a) == family(b)
