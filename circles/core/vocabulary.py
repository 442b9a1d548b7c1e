"""The fixed lists members choose from: kinds of help, experiences, free times, channels."""

from circles.core.i18n import current_language, translate, weekday_name

# New kinds go at the end: a kind's place is its bit in Membership.offered_kinds (migration 0032).
CATEGORIES = (
    "shopping",
    "transport",
    "garden",
    "repairs",
    "it_help",
    "paperwork",
    "visit",
    "phone_chat",
    "walk",
    "meals",
    "peer_support",
    "other",
)

EXPERIENCES = (
    "copd",
    "heart_disease",
    "diabetes",
    "cancer",
    "dementia_carer",
    "caring_for_partner",
    "losing_partner",
    "new_in_town",
    "retirement",
    "hearing_loss",
    "low_vision",
    "living_alone",
)

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
DAY_PARTS = ("morning", "afternoon", "evening")
AVAILABILITY = tuple(f"{day}_{part}" for day in DAYS for part in DAY_PARTS)

CHANNELS = ("app", "email", "phone", "push")  # how other members may reach me
NOTIFY_CHANNELS = ("inapp", "email", "push", "sms")  # how Circles tells me of news


def availability_labels(language: str | None = None) -> list[dict]:
    """Free-time codes labelled as 'Tuesday morning' ("Tirsdag formiddag": a label starts big)."""
    language = language or current_language()
    labels = []
    for day in DAYS:
        for part in DAY_PARTS:
            label = translate(
                "slot",
                language,
                day=weekday_name(day, language),
                part=translate(f"part.{part}", language),
            )
            labels.append({"code": f"{day}_{part}", "label": label[:1].upper() + label[1:]})
    return labels


def labelled(kind: str, codes: tuple[str, ...], language: str | None = None) -> list[dict]:
    """Codes with their labels in the language, in list order."""
    language = language or current_language()
    return [{"code": code, "label": translate(f"{kind}.{code}", language)} for code in codes]
