"""People in the admin: Django's user admin, with an action that sends a
two-factor set-up invitation (desk.two_factor.invitations)."""

import django.contrib.auth.admin  # noqa: F401 - registers UserAdmin, extended below
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.core.exceptions import PermissionDenied

from articles import permissions
from desk.two_factor import invitations

User = get_user_model()


class NewsroomUserAdmin(UserAdmin):
    actions = ["invite_to_two_factor"]

    @admin.action(description="Invite to set up two-factor sign-in")
    def invite_to_two_factor(self, request, queryset):
        if not permissions.can_invite_to_two_factor(request.user):
            raise PermissionDenied
        for user in queryset:
            link = invitations.invite(user, by=request.user, request=request)
            sent = f"emailed to {user.email} and " if user.email else ""
            self.message_user(
                request,
                f"Invitation for {user.get_username()} {sent}to pass on: {link}",
                messages.SUCCESS,
            )


# The desk's admin modules load before Django's auth admin, imported above.
admin.site.unregister(User)
admin.site.register(User, NewsroomUserAdmin)
