"""`make lint` refuses views and API modules that query models directly (scripts/check_thin_views.py)."""

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
spec = importlib.util.spec_from_file_location("check_thin_views", ROOT / "scripts" / "check_thin_views.py")
assert spec is not None
assert spec.loader is not None
check = importlib.util.module_from_spec(spec)
spec.loader.exec_module(check)


def test_the_project_has_no_direct_queries_in_views_or_api(capsys):
    assert check.main([]) == 0, capsys.readouterr().out


def test_objects_and_get_object_or_404_are_reported(tmp_path):
    views = tmp_path / "app" / "views"
    views.mkdir(parents=True)
    module = views / "things.py"
    module.write_text(
        "from django.shortcuts import get_object_or_404\n"
        "def detail(request, pk):\n"
        "    return get_object_or_404(Thing.objects.all(), pk=pk)\n"
    )
    found = check.offences(module)
    assert len(found) == 3
    assert check.is_view_module(module)
    assert check.is_view_module(tmp_path / "app" / "api.py")
    assert not check.is_view_module(tmp_path / "app" / "selectors.py")
    assert not check.is_view_module(tmp_path / "app" / "tests" / "test_views.py")
