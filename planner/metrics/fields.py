"""The canonical history table: one row per observation of a post, whatever the export looked like."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Kind = Literal["text", "time", "count", "rate", "duration", "flag", "number"]


@dataclass(frozen=True)
class Field:
    name: str
    kind: Kind
    meaning: str


FIELDS: dict[str, Field] = {f.name: f for f in (
    Field("post_id", "text", "video id; several rows with one id are observations at different ages"),
    Field("title", "text", "title or description"),
    Field("account", "text", "account id (matches the scenario's account ids)"),
    Field("account_name", "text", "account display name"),
    Field("platform", "text", "platform (douyin, bilibili, 抖音, B站, ...)"),
    Field("published_at", "time", "publish time"),
    Field("observed_at", "time", "when the counts were read (crawl or export time)"),
    Field("followers", "count", "account followers"),
    Field("category", "text", "category, vertical or sub-area (分区)"),
    Field("format", "text", "talking_head, skit, store_visit, tutorial, vlog, live (口播, 剧情, ...)"),
    Field("duration_s", "duration", "video length"),
    Field("trend_linked", "flag", "linked to a trending topic (热点)"),
    Field("original", "flag", "original content (自制) rather than a repost"),
    Field("vertical", "flag", "vertical (9:16) video"),
    Field("width", "number", "frame width in pixels (gives vertical)"),
    Field("height", "number", "frame height in pixels (gives vertical)"),
    Field("views", "count", "plays or views"),
    Field("likes", "count", "likes"),
    Field("comments", "count", "comments"),
    Field("shares", "count", "shares"),
    Field("saves", "count", "saves (收藏); on Bilibili coins stand in when a table has no 收藏"),
    Field("coins", "count", "Bilibili coins (投币)"),
    Field("completion", "rate", "completion rate (完播率)"),
    Field("follower_gain", "count", "followers gained by the post"),
    Field("conversions", "count", "conversions: clicks, orders"),
)}

COUNT_METRICS = ("views", "likes", "comments", "shares", "saves", "follower_gain", "conversions")
RATE_METRICS = ("completion",)
MODEL_METRICS = ("views", "likes", "comments", "shares", "saves", "completion", "follower_gain", "conversions")

# Fields that may be a constant for the whole file (a creator-centre export is one account).
CONSTANT_FIELDS = ("account", "account_name", "platform", "followers", "category", "format", "observed_at")

# Columns of the imported frame, in order.
COLUMNS = (
    "row", "post_id", "title", "account", "account_name", "platform", "published_at", "observed_at", "age_h",
    "followers", "category", "format", "duration_s", "trend_linked", "original", "vertical",
    "views", "likes", "comments", "shares", "saves", "coins", "completion", "follower_gain", "conversions",
)
