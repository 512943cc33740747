"""Vocabulary the benchmark generator draws from: brand archetypes, titles, names, seasonal trends.

Data only. Titles are built from a pattern and a subject; patterns keep every title between 6
and 16 characters so that it fits the strictest title limit of the packs (视频号 短标题 6-16).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Category:
    """A content category of a brand: the formats and goal it leans to."""

    name: str
    formats: tuple[str, ...]
    goal: str
    commercial: bool = False


@dataclass(frozen=True)
class Archetype:
    key: str
    category: str  # the accounts' category
    brands: tuple[str, ...]
    subjects: tuple[str, ...]
    hashtags: tuple[str, ...]
    categories: tuple[Category, ...]
    series: tuple[str, ...]
    slogan: str


def _c(name: str, formats: str, goal: str, commercial: bool = False) -> Category:
    return Category(name, tuple(formats.split()), goal, commercial)


ARCHETYPES: tuple[Archetype, ...] = (
    Archetype("food", "美食", ("蜀香园火锅", "城南小馆", "老街烧烤", "一碗面馆"),
              ("毛肚", "鸭肠", "牛油锅底", "番茄锅", "油碟", "冒菜", "串串", "甜水面", "兔头", "冰粉", "酥肉", "锅盔"),
              ("美食", "成都美食", "火锅", "探店", "涨知识", "吃货"),
              (_c("美食知识", "tutorial talking_head", "engage"), _c("品牌故事", "vlog talking_head", "retain"),
               _c("剧情", "skit", "acquire"), _c("探店", "store_visit", "convert", True),
               _c("促销", "talking_head", "convert", True), _c("生活方式", "vlog", "engage")),
              ("火锅研究所", "吃货课堂"), "带你吃遍成都的冬天"),
    Archetype("beauty", "美妆", ("花间颜", "清研社", "半岛美妆"),
              ("粉底液", "口红", "眼影盘", "防晒霜", "卸妆油", "面膜", "精华", "腮红", "眉笔", "散粉"),
              ("美妆", "护肤", "化妆教程", "好物分享", "变美"),
              (_c("教程", "tutorial talking_head", "engage"), _c("测评", "talking_head vlog", "convert", True),
               _c("剧情", "skit", "acquire"), _c("成分科普", "talking_head tutorial", "retain"),
               _c("门店体验", "store_visit", "convert", True)),
              ("新手化妆课", "成分实验室"), "陪你找到适合自己的美"),
    Archetype("tech", "数码", ("极客湾区", "硬核实验室", "小白数码"),
              ("手机", "耳机", "平板", "充电宝", "键盘", "相机", "手表", "路由器", "显示器", "投影仪"),
              ("数码", "科技", "测评", "好物推荐", "涨知识"),
              (_c("测评", "talking_head tutorial", "convert", True), _c("科普", "tutorial talking_head", "engage"),
               _c("开箱", "vlog talking_head", "acquire"), _c("剧情", "skit", "acquire"),
               _c("使用技巧", "tutorial", "retain")),
              ("数码小课堂", "一周新品"), "用最少的钱买最对的设备"),
    Archetype("baby", "母婴", ("小橙子母婴", "暖暖育儿"),
              ("辅食", "纸尿裤", "奶粉", "婴儿车", "绘本", "早教", "睡眠", "湿疹", "安全座椅"),
              ("育儿", "母婴", "宝妈", "育儿经验", "好物分享"),
              (_c("育儿知识", "talking_head tutorial", "retain"), _c("好物推荐", "talking_head vlog", "convert", True),
               _c("日常", "vlog", "engage"), _c("剧情", "skit", "acquire")),
              ("新手爸妈课", "辅食日记"), "陪新手爸妈一起长大"),
    Archetype("travel", "旅行", ("慢游记", "山海旅行社"),
              ("古镇", "雪山", "海岛", "民宿", "自驾", "夜市", "温泉", "博物馆", "徒步路线"),
              ("旅行", "旅游攻略", "周末去哪儿", "风景", "出发"),
              (_c("攻略", "tutorial talking_head", "retain"), _c("Vlog", "vlog", "engage"),
               _c("探店", "store_visit", "convert", True), _c("剧情", "skit", "acquire")),
              ("周末出逃计划", "小城漫游"), "带你去看没去过的地方"),
    Archetype("fitness", "健身", ("燃动健身", "轻体营"),
              ("深蹲", "跳绳", "瑜伽", "拉伸", "减脂餐", "俯卧撑", "平板支撑", "跑步", "普拉提"),
              ("健身", "减脂", "运动", "自律", "健康生活"),
              (_c("训练教程", "tutorial", "engage"), _c("饮食", "talking_head tutorial", "retain"),
               _c("打卡日常", "vlog", "engage"), _c("课程推广", "talking_head store_visit", "convert", True),
               _c("剧情", "skit", "acquire")),
              ("三十天挑战", "新手训练营"), "每天进步一点点"),
    Archetype("home", "家居", ("栖木家居", "小窝改造"),
              ("收纳", "沙发", "灯具", "厨房", "阳台", "床品", "地毯", "书桌", "窗帘"),
              ("家居", "装修", "收纳", "好物分享", "租房改造"),
              (_c("改造", "vlog tutorial", "engage"), _c("好物推荐", "talking_head", "convert", True),
               _c("门店体验", "store_visit", "convert", True), _c("装修避坑", "talking_head tutorial", "retain")),
              ("出租屋改造", "收纳研究所"), "让小家也住得舒服"),
    Archetype("pets", "宠物", ("毛孩子乐园", "喵汪日记"),
              ("猫粮", "狗狗", "猫砂", "驱虫", "洗澡", "逗猫棒", "宠物医院", "遛狗", "猫爬架"),
              ("萌宠", "养猫", "养狗", "宠物日常", "铲屎官"),
              (_c("日常", "vlog", "engage"), _c("科普", "talking_head tutorial", "retain"),
               _c("剧情", "skit", "acquire"), _c("好物推荐", "talking_head", "convert", True)),
              ("新手养宠课", "喵星人观察"), "和毛孩子一起好好生活"),
)

#: Title patterns; ``{s}`` is a subject of 2-5 characters.
TITLE_PATTERNS: tuple[str, ...] = (
    "{s}的正确打开方式", "三分钟看懂{s}", "{s}避坑指南", "第一次试{s}", "{s}到底值不值", "关于{s}的三个误区",
    "{s}新手必看", "一条视频讲透{s}", "{s}真实测评", "老板带你看{s}", "{s}的隐藏玩法", "大家都在聊的{s}",
    "{s}挑战一整天", "{s}冷知识", "十块钱能买什么{s}", "{s}怎么选不踩雷",
)
TREND_PATTERNS: tuple[str, ...] = ("{k}来了聊聊{s}", "{k}当天的{s}", "趁着{k}试试{s}", "{k}必备{s}")
CAPTION = "{title}！{brand}{slogan}，评论区告诉我们你的想法。"

SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧"
GIVEN = ("磊", "娜", "强", "晓", "芳", "洋", "敏", "静", "伟", "婷", "杰", "丽", "涛", "颖", "鹏", "雪", "斌",
         "倩", "超", "琳", "子涵", "雨桐", "浩然", "思远", "一鸣", "佳怡", "欣然", "子豪")


@dataclass(frozen=True)
class Profile:
    """A typical role mix of one team member and their hours per day."""

    roles: tuple[str, ...]
    hours: float


#: A brand team's core: every production role covered by five people (the S tier's team).
CORE_TEAM: tuple[Profile, ...] = (
    Profile(("planner", "writer"), 8), Profile(("writer", "talent"), 8), Profile(("shooter", "editor"), 8),
    Profile(("editor",), 8), Profile(("operator", "reviewer", "talent"), 8),
)
#: Further members, drawn at random.
EXTRA_TEAM: tuple[Profile, ...] = (
    Profile(("shooter", "talent", "editor"), 6), Profile(("talent",), 3), Profile(("editor", "writer"), 8),
    Profile(("shooter",), 8), Profile(("planner", "operator"), 8), Profile(("editor",), 8),
    Profile(("writer", "reviewer"), 8), Profile(("talent", "operator"), 6), Profile(("shooter", "editor"), 8),
)
#: A small client team at an agency (four or five people) and the agency's shared specialists.
CLIENT_TEAM: tuple[Profile, ...] = (
    Profile(("planner", "writer", "operator"), 8), Profile(("shooter", "editor"), 8), Profile(("talent", "writer"), 8),
    Profile(("editor", "reviewer"), 8), Profile(("shooter", "talent"), 6),
)
SHARED_TEAM: tuple[Profile, ...] = (
    Profile(("editor",), 8), Profile(("shooter",), 8), Profile(("writer", "planner"), 8), Profile(("editor",), 8),
    Profile(("operator", "talent"), 8), Profile(("shooter", "editor"), 8), Profile(("reviewer", "writer"), 8),
    Profile(("editor",), 6), Profile(("talent",), 4), Profile(("shooter",), 8),
)


@dataclass(frozen=True)
class Season:
    """A dated trend of the season (month-day of its peak) with its keywords."""

    name: str
    keywords: tuple[str, ...]
    category: str
    peak: str  # MM-DD
    days_before: int
    days_after: int
    heat: float


SEASONS: tuple[Season, ...] = (
    Season("双12囤货", ("双12", "囤货", "优惠"), "消费", "12-12", 3, 1, 1.5),
    Season("冬至吃什么", ("冬至", "饺子", "汤圆"), "节日", "12-22", 2, 1, 1.2),
    Season("圣诞礼物清单", ("圣诞", "礼物"), "节日", "12-25", 4, 1, 1.4),
    Season("元旦跨年", ("元旦", "跨年"), "节日", "01-01", 3, 1, 1.8),
    Season("考研加油", ("考研", "加油"), "社会", "12-27", 3, 1, 1.0),
)
#: Trends that arrive unannounced (热搜); the generator places them at random.
VIRAL: tuple[tuple[str, tuple[str, ...], str], ...] = (
    ("初雪", ("初雪", "下雪"), "社会"), ("降温", ("降温", "寒潮"), "社会"), ("流感季", ("流感", "防护"), "健康"),
    ("city不city", ("city", "旅游"), "网络热梗"), ("年终总结", ("年终", "总结"), "社会"),
    ("年货节", ("年货", "囤货"), "消费"),
)

#: Platforms a brand opens accounts on, beyond its Douyin account, with how often.
PLATFORM_WEIGHTS: tuple[tuple[str, int], ...] = (
    ("xiaohongshu", 9), ("kuaishou", 7), ("wechat_channels", 7), ("bilibili", 5), ("weibo", 4), ("xigua", 2),
    ("tiktok", 2), ("youtube_shorts", 1), ("instagram_reels", 1),
)
SHORT = {"douyin": "dy", "kuaishou": "ks", "bilibili": "bili", "xiaohongshu": "xhs", "wechat_channels": "wx",
         "weibo": "wb", "xigua": "xg", "tiktok": "tt", "youtube_shorts": "yt", "instagram_reels": "ig"}
#: Platforms abroad: their accounts post for Southeast Asia (same clock as Beijing).
ABROAD = {"tiktok", "youtube_shorts", "instagram_reels"}
LIVE_PLATFORMS = ("douyin", "kuaishou", "wechat_channels")
