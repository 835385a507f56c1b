from django.shortcuts import render

from rozwoj.accounts.models import Role
from rozwoj.programmes.selectors import programmes_visible_to

from .selectors import coordinator_dashboard, expert_dashboard, member_dashboard, personal_dashboard


def home(request):
    user = request.user
    context = {}
    if not user.is_authenticated:
        context["programmes"] = programmes_visible_to(user)[:6]
        return render(request, "dashboard/public_home.html", context)
    context.update(personal_dashboard(user))
    if user.is_coordinator:
        context.update(coordinator_dashboard(user))
    if user.has_role(Role.EXPERT):
        context.update(expert_dashboard(user))
    if user.has_role(Role.LOCAL_GOVERNMENT_MEMBER, Role.PARTNER_MEMBER) or not user.role_set:
        context.update(member_dashboard(user))
    return render(request, "dashboard/home.html", context)
