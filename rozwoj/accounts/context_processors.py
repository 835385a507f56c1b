from .models import Role


def roles(request):
    user = getattr(request, "user", None)
    role_set = user.role_set if user is not None and user.is_authenticated else frozenset()
    return {
        "user_roles": role_set,
        # The roles as one stable string: a key of the navigation kept in the cache (base.html).
        "roles_key": ",".join(sorted(role_set)),
        "is_coordinator": bool(role_set & {Role.ADMINISTRATOR, Role.COORDINATOR}),
        "is_expert": Role.EXPERT in role_set,
        "is_lg_member": Role.LOCAL_GOVERNMENT_MEMBER in role_set,
        "is_partner_member": Role.PARTNER_MEMBER in role_set,
        "is_administrator": Role.ADMINISTRATOR in role_set,
        "is_editor": Role.ADMINISTRATOR in role_set
        or (Role.COORDINATOR in role_set and Role.EDITOR in role_set),
    }
