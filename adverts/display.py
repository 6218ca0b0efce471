"""The advert's text cut into plain and highlighted pieces for the page."""

from dataclasses import dataclass

from .checking import AdvertCheck


@dataclass(frozen=True)
class Segment:
    text: str
    finding: int | None = None  # 1-based number of the finding in the list below the text
    category: str = ""


def highlighted(result: AdvertCheck) -> list[Segment]:
    """Plain text with each finding's span marked; where spans overlap, the first one wins."""
    segments, position = [], 0
    for number, finding in enumerate(result.findings, start=1):
        if finding.start < position or finding.start == finding.end:
            continue
        if finding.start > position:
            segments.append(Segment(result.text[position : finding.start]))
        segments.append(Segment(finding.quote, number, finding.category.value))
        position = finding.end
    if position < len(result.text):
        segments.append(Segment(result.text[position:]))
    return segments
