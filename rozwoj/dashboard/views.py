from django.shortcuts import render

from rozwoj.accounts.models import Role
from rozwoj.core.home import home_sections

from .selectors import coordinator_dashboard, expert_dashboard, member_dashboard, personal_dashboard


def home(request):
    user = request.user
    context = {"sections": home_sections(user, request)}
    if not user.is_authenticated:
        return render(request, "dashboard/public_home.html", context)
    context.update(personal_dashboard(user))
    if user.is_coordinator:
        context.update(coordinator_dashboard(user))
    if user.has_role(Role.EXPERT):
        context.update(expert_dashboard(user))
    if user.has_role(Role.LOCAL_GOVERNMENT_MEMBER, Role.PARTNER_MEMBER) or not user.role_set:
        context.update(member_dashboard(user))
    return render(request, "dashboard/home.html", context)
