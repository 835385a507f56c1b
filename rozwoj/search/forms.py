from django import forms
from django.utils.translation import gettext_lazy as _

from rozwoj.core.search import sources
from rozwoj.core.search.text import MAX_QUERY


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search for"), max_length=MAX_QUERY, required=False, strip=True)
    kind = forms.CharField(required=False, max_length=40, widget=forms.HiddenInput)
    page = forms.IntegerField(required=False, min_value=1, max_value=10_000, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["q"].widget.attrs.update({"type": "search", "id": "search-page-q", "autocomplete": "off"})

    def clean_kind(self) -> str:
        kind = self.cleaned_data.get("kind") or ""
        return kind if kind in {source.kind for source in sources()} else ""
