from django.conf import settings
from django.core.paginator import Page, Paginator


def paginate(request, queryset, per_page: int | None = None, *, count: int | None = None) -> Page:
    """A page of `queryset` for the `page` query parameter; bad numbers give the nearest page, never an error.
    `count`: the number of rows when the caller already knows it (e.g. counted with the parent row), which saves
    the paginator its COUNT query."""
    paginator = Paginator(queryset, per_page or settings.ROZWOJ_PAGE_SIZE)
    if count is not None:
        paginator.count = count  # a cached property: set, it is not computed
    return paginator.get_page(request.GET.get("page"))
