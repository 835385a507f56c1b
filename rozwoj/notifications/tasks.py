from celery import shared_task
from django.core.mail import EmailMessage


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_email(payload: dict) -> None:
    message = EmailMessage(subject=payload["subject"], body=payload["body"], to=[payload["to"]])
    for attachment in payload.get("attachments", []):
        content = attachment["content"]
        if attachment.get("binary"):
            content = content.encode("latin-1")
        message.attach(attachment["filename"], content, attachment["mimetype"])
    message.send()
