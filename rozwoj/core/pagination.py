from django.conf import settings
from django.core.paginator import Page, Paginator


def paginate(request, queryset, per_page: int | None = None) -> Page:
    """A page of `queryset` for the `page` query parameter; bad numbers give the nearest page, never an error."""
    paginator = Paginator(queryset, per_page or settings.ROZWOJ_PAGE_SIZE)
    return paginator.get_page(request.GET.get("page"))
