from django.conf import settings


def absolute_url(path: str) -> str:
    """A link that works outside the browser (e-mails, calendar files): SITE_URL + path."""
    if not path or path.startswith(("http://", "https://")):
        return path
    return settings.SITE_URL.rstrip("/") + path
