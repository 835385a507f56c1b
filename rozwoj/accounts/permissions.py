"""Role checks for views. Object-level scoping lives in each app's selectors."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied

from .models import Role


def role_required(*roles: str):
    """Anonymous users go to the login page; logged-in users without one of `roles` get 403."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not request.user.has_role(*roles):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


coordinator_required = role_required(Role.ADMINISTRATOR, Role.COORDINATOR)


def login_required(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    return wrapper


def is_coordinator(user) -> bool:
    return bool(user.is_authenticated and user.is_coordinator)


def require_coordinator(user) -> None:
    """For services: raise PermissionDenied unless `user` is a logged-in coordinator (or administrator).
    The one coordinator check of every app's services; views check roles with `coordinator_required`."""
    if not (user is not None and getattr(user, "is_authenticated", False) and user.is_coordinator):
        raise PermissionDenied


def can_publish(user) -> bool:
    """The editor right: whether `user` may publish (and unpublish) public content such as news posts and library
    documents. Administrators always may; a coordinator may when an administrator has given them the editor
    role. Coordinators without it write drafts and send them for review."""
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    return user.has_role(Role.ADMINISTRATOR) or (
        user.has_role(Role.COORDINATOR) and user.has_role(Role.EDITOR)
    )


def require_publisher(user) -> None:
    """For services: raise PermissionDenied unless `user` may publish (`can_publish`)."""
    if not can_publish(user):
        raise PermissionDenied
