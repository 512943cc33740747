"""What a platform accepts of a video: format, length, shape, text and labels."""

from __future__ import annotations

import unicodedata
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

from planner.domain.scenario import Topic
from planner.domain.vocab import FORMAT_NAMES_ZH, Format
from planner.rules.base import ContentRule
from planner.rules.kinds._match import topic_matches


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


_ZWJ, _ZWNJ = "\u200d", "\u200c"
#: Characters that draw nothing whatever their category says (Hangul fillers, the blank Braille cell).
_BLANK = frozenset("\u115f\u1160\u3164\uffa0\u2800")
_UNSEEN = frozenset({"Cc", "Cf", "Zs", "Zl", "Zp", "Mn", "Me"})


def _joins_previous(ch: str) -> bool:
    """Extend and SpacingMark of UAX #29: combining marks, ZWJ and ZWNJ, variation selectors, emoji
    skin tones, tag characters, Hangul vowel and final jamo."""
    code = ord(ch)
    return (unicodedata.category(ch) in ("Mn", "Me", "Mc") or ch in (_ZWJ, _ZWNJ) or 0xFE00 <= code <= 0xFE0F
            or 0xE0100 <= code <= 0xE01EF or 0x1F3FB <= code <= 0x1F3FF or 0xE0020 <= code <= 0xE007F
            or 0x1160 <= code <= 0x11FF)


def _pictographic(ch: str) -> bool:
    code = ord(ch)
    return unicodedata.category(ch) == "So" or 0x1F000 <= code <= 0x1FAFF or 0x2600 <= code <= 0x27BF


def _regional(ch: str) -> bool:
    return 0x1F1E6 <= ord(ch) <= 0x1F1FF


def _breaks_after(ch: str) -> bool:
    """Control of UAX #29: nothing joins onto a control or format character (but ZWJ and ZWNJ)."""
    return unicodedata.category(ch) in ("Cc", "Zl", "Zp") or (unicodedata.category(ch) == "Cf" and ch not in (_ZWJ, _ZWNJ))


def graphemes(text: str) -> list[str]:
    """``text`` in NFC, cut into user-perceived characters: the extended grapheme clusters of Unicode
    UAX #29, approximated with the standard library's character data (emoji ZWJ sequences, flags,
    skin tones, keycaps and combining marks are one character each)."""
    clusters: list[str] = []
    for ch in unicodedata.normalize("NFC", text):
        if clusters:
            last = clusters[-1]
            prev = last[-1]
            join = (
                (prev == "\r" and ch == "\n")
                or (_joins_previous(ch) and not _breaks_after(prev))
                or (prev == _ZWJ and _pictographic(ch))
                or (_regional(ch) and _regional(last[0]) and sum(map(_regional, last)) % 2 == 1)
            )
            if join:
                clusters[-1] = last + ch
                continue
        clusters.append(ch)
    return clusters


def visible(cluster: str) -> bool:
    """Whether a character draws something: not only spaces, controls, format characters
    (zero-width space, joiners, soft hyphen, BOM), lone marks or fillers."""
    return any(unicodedata.category(ch) not in _UNSEEN and ch not in _BLANK for ch in cluster)


class _Text(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    title_min: int | None = Field(None, ge=0)
    title_max: int | None = Field(None, ge=1)
    caption_max: int | None = Field(None, ge=1)
    hashtags_min: int | None = Field(None, ge=0)
    hashtags_max: int | None = Field(None, ge=0)


class TextLimits(ContentRule):
    """Hard: title, caption and hashtag counts fit the platform's limits.

    How a character is counted: the text is normalised to NFC (Unicode UAX #15, so a decomposed
    "café" counts as the composed one) and cut into user-perceived characters, the extended grapheme
    clusters of Unicode UAX #29 (``graphemes``): an emoji built with joiners, a flag, a skin tone or
    a keycap is one character, as it shows. The platforms publish limits in characters but not how
    their counters count; this counts what a person sees, the reading the limits are written for,
    instead of code points (which count one family emoji as seven) or bytes.

    A maximum counts every such character, invisible ones included (a counter may count them too);
    a minimum counts only visible ones (``visible``), so spaces, zero-width spaces, joiners and other
    format characters cannot fill a title up to its minimum.
    """

    kind = "text_limits"
    Params = _Text

    def judge(self, topic: Topic, platform: str) -> str | None:
        p = self.params
        problems = []
        title = graphemes(topic.title)
        if p.title_max is not None and len(title) > p.title_max:
            problems.append(f"title has {len(title)} characters (max {p.title_max})")
        if p.title_min is not None:
            seen = sum(map(visible, title))
            if seen < p.title_min:
                problems.append(f"title has {seen} visible characters (min {p.title_min})")
        caption = len(graphemes(topic.caption)) if p.caption_max is not None else 0
        if p.caption_max is not None and caption > p.caption_max:
            problems.append(f"caption has {caption} characters (max {p.caption_max})")
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


class _Exclude(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    match: dict[str, Any] = Field(min_length=1, description="Which topics, e.g. {commercial: true} or {goal: convert}.")
    what: str = Field("", description="What they are, in words (商业内容), for the messages.")


class ExcludeContent(ContentRule):
    """Hard: no topic matching ``match`` goes out (with ``during``: no ads while a new account warms up)."""

    kind = "exclude_content"
    Params = _Exclude

    def judge(self, topic: Topic, platform: str) -> str | None:
        if not topic_matches(topic, self.params.match):
            return None
        what = self.params.what or ", ".join(f"{k}={v}" for k, v in self.params.match.items())
        return self.say(f"{topic.id} 是{what}，此时不可在 {platform} 发布", f"{topic.id} is {what}, not allowed on {platform} now")


KINDS = [AllowedFormats, DurationRange, AspectRatio, TextLimits, Labels, ExcludeContent]
