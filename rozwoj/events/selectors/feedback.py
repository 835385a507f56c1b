from ..models import Event, EventFeedback


def feedback_of(event: Event) -> EventFeedback | None:
    return EventFeedback.objects.select_related("questionnaire", "distribution").filter(event=event).first()
