from django.shortcuts import render

from rozwoj.core.search import search

from .forms import SearchForm


def results(request):
    """The site search: what the visitor may find for ?q=, grouped by kind, one page at a time."""
    form = SearchForm(request.GET or None)
    found = None
    if form.is_bound and form.is_valid() and form.cleaned_data["q"]:
        data = form.cleaned_data
        found = search(request.user, data["q"], kind=data["kind"], page=data["page"] or 1)
    status = 400 if form.is_bound and not form.is_valid() else 200
    return render(request, "search/results.html", {"form": form, "results": found}, status=status)
