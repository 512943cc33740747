"""Export presets: which header of each platform's creator-centre export holds which field.

Each preset lists its platform's own headers first (as the export writes them) and then the
common spellings every platform uses, so a renamed column ("点赞数" instead of "点赞量") still
maps. Headers are compared after dropping spaces, case and unit brackets ("播放量(次)").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

# Spellings that several exports share; a preset's own headers are tried first.
COMMON: dict[str, tuple[str, ...]] = {
    "post_id": ("作品id", "视频id", "作品ID", "稿件bv号", "bv号", "笔记id", "id"),
    "title": ("作品名称", "作品标题", "视频标题", "标题", "作品描述", "视频描述", "描述", "笔记标题", "稿件标题", "内容"),
    "account": ("账号id", "账号", "抖音号", "快手号", "作者id"),
    "account_name": ("账号名称", "作者", "昵称", "作者昵称"),
    "platform": ("平台",),
    "published_at": ("发布时间", "发布日期", "发表时间", "投稿时间", "首次发布时间", "创建时间"),
    "observed_at": ("数据更新时间", "统计时间", "导出时间", "数据日期", "更新时间"),
    "followers": ("粉丝数", "粉丝量", "粉丝总数"),
    "category": ("分类", "领域", "垂类", "分区", "类目", "话题分类"),
    "format": ("内容形式", "内容类型", "视频类型", "形式"),
    "duration_s": ("作品时长", "视频时长", "时长"),
    "trend_linked": ("是否热点", "热点", "蹭热点"),
    "original": ("是否原创", "原创"),
    "views": ("播放量", "播放次数", "播放数", "观看量", "观看次数", "观看数", "浏览量", "阅读量"),
    "likes": ("点赞量", "点赞数", "点赞", "点赞次数", "喜欢", "喜欢数"),
    "comments": ("评论量", "评论数", "评论", "评论次数"),
    "shares": ("分享量", "分享数", "分享", "分享次数", "转发量", "转发数", "转发"),
    "saves": ("收藏量", "收藏数", "收藏", "收藏次数"),
    "coins": ("投币", "投币数", "硬币"),
    "completion": ("完播率", "完整播放率", "视频完播率"),
    "follower_gain": ("粉丝增量", "涨粉量", "涨粉数", "涨粉", "新增粉丝", "净增粉丝", "新增关注", "关注量", "带粉量"),
    "conversions": ("转化量", "转化数", "成交订单数", "订单数", "商品点击", "商品点击量", "组件点击量"),
}


@dataclass(frozen=True)
class Preset:
    """One export layout: its platform and, per field, the headers to look for."""

    name: str
    platform: str | None
    label: str
    headers: dict[str, tuple[str, ...]]
    # Cell values with a meaning of their own (Bilibili's copyright: 1 original, 2 repost).
    values: dict[str, dict[str, float]] = field(default_factory=dict)
    use_common: bool = True

    def candidates(self, name: str) -> tuple[str, ...]:
        own = self.headers.get(name, ())
        return own + (COMMON.get(name, ()) if self.use_common else ())


PRESETS: dict[str, Preset] = {p.name: p for p in (
    Preset("douyin", "douyin", "抖音创作者中心 作品数据导出", {
        "title": ("作品名称",), "published_at": ("发布时间",), "views": ("播放量",), "likes": ("点赞量",), "comments": ("评论量",), "shares": ("分享量",),
        "saves": ("收藏量",), "completion": ("完播率",), "follower_gain": ("粉丝增量",),
        "duration_s": ("作品时长",),
    }),
    Preset("kuaishou", "kuaishou", "快手创作者服务平台 作品数据导出", {
        "title": ("作品标题",), "published_at": ("发布时间",), "views": ("播放量",), "likes": ("点赞数",),
        "comments": ("评论数",), "shares": ("分享数",), "saves": ("收藏数",), "completion": ("完播率",),
        "follower_gain": ("涨粉数",), "duration_s": ("视频时长",),
    }),
    Preset("bilibili", "bilibili", "B站创作中心 稿件数据导出", {
        "post_id": ("BV号",), "title": ("稿件标题",), "published_at": ("投稿时间",), "category": ("分区",),
        "views": ("播放量",), "likes": ("点赞",), "comments": ("评论",), "shares": ("分享",),
        "saves": ("收藏",), "coins": ("投币",), "completion": ("完播率",), "follower_gain": ("涨粉",),
        "duration_s": ("视频时长",),
    }),
    Preset("xiaohongshu", "xiaohongshu", "小红书创作服务平台 笔记数据导出", {
        "title": ("笔记标题",), "published_at": ("首次发布时间",), "views": ("观看量",), "likes": ("点赞",),
        "comments": ("评论",), "shares": ("分享",), "saves": ("收藏",), "completion": ("完播率",),
        "follower_gain": ("涨粉",), "duration_s": ("视频时长",),
    }),
    Preset("wechat_channels", "wechat_channels", "视频号助手 动态数据导出", {
        "title": ("视频描述",), "published_at": ("发表时间",), "views": ("播放量",), "likes": ("喜欢",),
        "comments": ("评论量",), "shares": ("转发量",), "saves": ("收藏量",), "completion": ("完播率",),
        "follower_gain": ("新增关注",), "duration_s": ("视频时长",),
    }),
    # The public Bilibili popular-feed crawl in ../shared/data (README there): one row per day on the list.
    Preset("bilibili_popular", "bilibili", "B站热门 daily crawl (BiliPopular-DailyInfo)", {
        "post_id": ("bvid",), "title": ("title",), "account": ("owner_mid",), "account_name": ("owner_name",),
        "published_at": ("pubdate",), "observed_at": ("snapshot_committed_at",), "followers": ("owner_follower",),
        "category": ("tname",), "duration_s": ("duration_s",), "original": ("copyright",),
        "width": ("width",), "height": ("height",), "views": ("view",), "likes": ("like",),
        "comments": ("reply",), "shares": ("share",), "saves": ("favorite",), "coins": ("coin",),
    }, values={"original": {"1": 1.0, "2": 0.0}}, use_common=False),
    # Any table whose headers are already this package's field names (views, likes, ...).
    Preset("generic", None, "headers named like planner's fields (views, likes, published_at, ...)", {},
           use_common=False),
)}

_BRACKETS = re.compile(r"[(\[（【].*?[)\]）】]")


def normalise_header(text: object) -> str:
    """Header as compared: NFKC, lower case, no spaces or unit brackets ("播放量（次）" → "播放量")."""
    clean = unicodedata.normalize("NFKC", str(text)).strip().lower()
    clean = _BRACKETS.sub("", clean)
    return re.sub(r"[\s_\-:：]+", "", clean) or clean


def match_spellings(headers: list[str], spellings: Iterable[tuple[str, Sequence[str]]],
                    found: dict[str, str] | None = None) -> dict[str, str]:
    """Field → the file's header: for each field in turn, the first of its spellings the file has
    (compared as ``normalise_header`` compares), each header taken once; ``found`` are fixed already."""
    by_norm: dict[str, str] = {}
    for header in headers:
        by_norm.setdefault(normalise_header(header), header)
    found = dict(found or {})
    taken = set(found.values())
    for name, names in spellings:
        if name in found:
            continue
        for candidate in names:
            match = by_norm.get(normalise_header(candidate))
            if match is not None and match not in taken:
                found[name] = match
                taken.add(match)
                break
    return found


def match_columns(preset: Preset, headers: list[str]) -> dict[str, str]:
    """Field → the file's header, for every field of ``preset`` whose header the file has."""
    from planner.metrics.fields import FIELDS

    return match_spellings(headers, ((name, (name, *preset.candidates(name)) if preset.name == "generic"
                                      else preset.candidates(name)) for name in FIELDS))


def detect_preset(headers: list[str]) -> Preset | None:
    """The preset that recognises most headers, needing at least a publish time and views."""
    best: tuple[int, Preset] | None = None
    for preset in PRESETS.values():
        found = match_columns(preset, headers)
        if "published_at" not in found or "views" not in found:
            continue
        own = sum(1 for f, h in found.items() if normalise_header(h) in {normalise_header(x) for x in preset.headers.get(f, ())})
        score = len(found) * 10 + own
        if best is None or score > best[0]:
            best = (score, preset)
    return best[1] if best else None
