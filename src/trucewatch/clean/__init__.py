"""Clean: split an article into typed segments (headline, standfirst, dateline, body, captions, credits...).

Only headline, standfirst, dateline and body are read as the article's news (``model.NEWS_SEGMENTS``);
captions keep the date they state (``Segment.own_date``) so their events are never dated as today's news.
"""

from __future__ import annotations

from trucewatch.clean.blocks import Block, split_blocks
from trucewatch.clean.segmenter import segment

__all__ = ["Block", "segment", "split_blocks"]
