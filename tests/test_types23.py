"""Session 23 (types23): peace meetings, clan pacts and burnt vehicles are events; planned talks are not."""

from trucewatch import ingest, pipeline
from trucewatch.model import Skip


def subtypes(text: str, published: str = "2025-03-10") -> list[str]:
    out: list[str] = []
    for item in pipeline.extract([ingest.from_text(text, published=published, origin="test")]):
        if isinstance(item, Skip):
            continue
        _, mentions = item
        out += [m.sub_event_type for m in mentions]
    return out


def test_held_peace_meeting_is_agreement() -> None:
    assert "Agreement" in subtypes("On 8 March 2025, the Alpha and Beta clan militias held a peace meeting in Dunmore town.")


def test_peace_talks_begin_is_agreement() -> None:
    assert "Agreement" in subtypes("Peace talks began between the Northland Front and the government in Dunmore on Saturday.")


def test_planned_peace_talks_are_no_event() -> None:
    assert "Agreement" not in subtypes("The lull precedes peace talks set to begin on April 18 in Dunmore.")


def test_agreed_to_compensation_is_agreement() -> None:
    assert "Agreement" in subtypes("On 8 March 2025, two sub-clan militias agreed to blood compensation in Dunmore village.")


def test_finalized_agreement() -> None:
    assert "Agreement" in subtypes("On 8 March 2025, the elders finalized an agreement between the two clans in Dunmore town.")


def test_set_fire_to_buses_is_property_destruction() -> None:
    assert "Looting/property destruction" in subtypes(
        "On 8 March 2025, unidentified men set fire to two buses and a van in Dunmore city.")
