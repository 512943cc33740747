"""What a platform accepts of a video: format, length, shape, text and labels."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, model_validator

from planner.domain.scenario import Topic
from planner.domain.vocab import FORMAT_NAMES_ZH, Format
from planner.rules.base import ContentRule


class _Formats(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    formats: list[Format] = Field(min_length=1)


class AllowedFormats(ContentRule):
    """Hard: a platform takes only the listed formats (e.g. no live sessions on Xiaohongshu here)."""

    kind = "allowed_formats"
    Params = _Formats

    def judge(self, topic: Topic, platform: str) -> str | None:
        if topic.format in self.params.formats:
            return None
        return f"format {topic.format} ({FORMAT_NAMES_ZH[topic.format]}) is not accepted on {platform}"


class _Duration(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    min_s: int = Field(1, ge=1)
    max_s: int = Field(ge=1)
    formats: list[Format] = Field(default_factory=list, description="Only these formats; empty: all.")

    @model_validator(mode="after")
    def _ordered(self) -> _Duration:
        if self.max_s < self.min_s:
            raise ValueError("max_s is below min_s")
        return self


class DurationRange(ContentRule):
    """Hard: the video's length lies inside the platform's range for its format."""

    kind = "duration_range"
    Params = _Duration

    def judge(self, topic: Topic, platform: str) -> str | None:
        if self.params.formats and topic.format not in self.params.formats:
            return None
        if topic.format == "live":
            return None  # a live session is not an uploaded video
        if not self.params.min_s <= topic.duration_s <= self.params.max_s:
            return f"{topic.duration_s} s is outside {self.params.min_s}-{self.params.max_s} s on {platform}"
        return None


class _Aspect(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    allowed: list[str] = Field(min_length=1)


class AspectRatio(ContentRule):
    """Hard: the video's aspect ratio is one the platform shows well."""

    kind = "aspect_ratio"
    Params = _Aspect

    def judge(self, topic: Topic, platform: str) -> str | None:
        if topic.format == "live" or topic.aspect in self.params.allowed:
            return None
        return f"aspect {topic.aspect} is not one of {', '.join(self.params.allowed)} on {platform}"


class _Text(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    title_min: int | None = Field(None, ge=0)
    title_max: int | None = Field(None, ge=1)
    caption_max: int | None = Field(None, ge=1)
    hashtags_min: int | None = Field(None, ge=0)
    hashtags_max: int | None = Field(None, ge=0)


class TextLimits(ContentRule):
    """Hard: title, caption and hashtag counts fit the platform's limits (characters, not bytes)."""

    kind = "text_limits"
    Params = _Text

    def judge(self, topic: Topic, platform: str) -> str | None:
        p = self.params
        problems = []
        if p.title_max is not None and len(topic.title) > p.title_max:
            problems.append(f"title has {len(topic.title)} characters (max {p.title_max})")
        if p.title_min is not None and len(topic.title) < p.title_min:
            problems.append(f"title has {len(topic.title)} characters (min {p.title_min})")
        if p.caption_max is not None and len(topic.caption) > p.caption_max:
            problems.append(f"caption has {len(topic.caption)} characters (max {p.caption_max})")
        if p.hashtags_max is not None and len(topic.hashtags) > p.hashtags_max:
            problems.append(f"{len(topic.hashtags)} hashtags (max {p.hashtags_max})")
        if p.hashtags_min is not None and len(topic.hashtags) < p.hashtags_min:
            problems.append(f"{len(topic.hashtags)} hashtags (min {p.hashtags_min})")
        return f"{'; '.join(problems)} on {platform}" if problems else None


class _Labels(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    ad_label: str = "广告"
    ai_label: str = "AI生成"


class Labels(ContentRule):
    """Hard: a commercial topic carries the ad label and an AI-generated one the AI label, everywhere."""

    kind = "labels"
    Params = _Labels

    def judge(self, topic: Topic, platform: str) -> str | None:
        missing = []
        if topic.commercial and self.params.ad_label not in topic.labels:
            missing.append(f"ad label '{self.params.ad_label}'")
        if topic.ai_generated and self.params.ai_label not in topic.labels:
            missing.append(f"AI label '{self.params.ai_label}'")
        return f"missing {' and '.join(missing)} on {platform}" if missing else None


KINDS = [AllowedFormats, DurationRange, AspectRatio, TextLimits, Labels]
