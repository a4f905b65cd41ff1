"""Account pages (my account, API token, two-factor authentication) and user management."""

from __future__ import annotations

from base64 import b32encode
from typing import Any

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import SafeString, mark_safe
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.authtoken.models import Token

from consortia.core.models import RestrictedQuerySet
from consortia.core.ratelimit import rate_limit, signed_in_user
from consortia.core.registry import register
from consortia.core.views.generic import RecordViews
from consortia.users import services
from consortia.users.filtersets import UserFilterSet
from consortia.users.forms import CodeForm, UserForm
from consortia.users.models import TokenAccess, User, is_last_active_manager
from consortia.users.tables import UserTable


# -- user management --------------------------------------------------------------------------
def announce_invitation(request: HttpRequest, user: User, sent: bool) -> None:
    if sent:
        days = max(1, settings.PASSWORD_RESET_TIMEOUT // 86400)
        messages.info(
            request,
            f"We have e-mailed {user.email} a link to choose their password. "
            f"The link works once, for {days} day{'s' if days != 1 else ''}.",
        )
    elif not user.is_active:
        messages.warning(
            request,
            "No invitation was sent because the account is not active. Once it is active, they can "
            "choose a password with “Forgotten your password?” on the sign-in page.",
        )
    else:
        messages.warning(
            request,
            f"The invitation to {user.email} could not be sent. Check the hub's e-mail settings, then ask "
            "them to choose a password with “Forgotten your password?” on the sign-in page.",
        )


@register
class UserViews(RecordViews):
    model = User
    table = UserTable
    filterset = UserFilterSet
    form = UserForm
    detail_fields = ["email", "organisation", "is_active", "date_joined"]
    search_fields = ("full_name", "email")
    search_description = "email"
    menu_group = ("Administration", 90)

    @classmethod
    def queryset(cls) -> RestrictedQuerySet:
        return User.objects.select_related("organisation").prefetch_related("groups")

    @classmethod
    def after_save(cls, request: HttpRequest, obj: Any, created: bool) -> None:
        if created:
            announce_invitation(request, obj, services.invite_user(obj, request))

    @classmethod
    def delete_blockers(cls, obj: Any) -> list[str]:
        if is_last_active_manager(obj):
            return ["They are the only active hub manager: give someone else that role first."]
        return []


@login_required
@require_POST
def reset_user_two_factor(request: HttpRequest, pk: int) -> HttpResponse:
    """For a lost phone: the user sets two-factor authentication up again at their next sign-in."""
    if not request.user.has_perm("users.change_user"):
        raise PermissionDenied("You do not have permission to change users.")
    user = get_object_or_404(User.objects.restrict(request.user, "change"), pk=pk)
    if services.reset_two_factor(user):
        messages.success(
            request,
            f"Two-factor authentication has been reset for {user}. They can sign in with their password "
            "and set it up again with their new phone.",
        )
    else:
        messages.info(request, f"{user} had not set up two-factor authentication, so there was nothing to reset.")
    return redirect(user.get_absolute_url())


# -- my account --------------------------------------------------------------------------------
def account_context(request: HttpRequest, **extra: Any) -> dict[str, Any]:
    user: Any = request.user
    return {
        "roles": list(user.groups.order_by("name")),
        "token": Token.objects.filter(user=user).select_related("scope").first(),
        "token_access": TokenAccess.choices,
        "two_factor_on": services.confirmed_device(user) is not None,
        **extra,
    }


@login_required
def account(request: HttpRequest) -> HttpResponse:
    return render(request, "users/account.html", account_context(request))


def creating_token(request: HttpRequest) -> bool:
    return request.method == "POST" and request.POST.get("action") == "create"


@never_cache
@login_required
@require_POST
# Creating is limited (revoking never is), per address and per user.
@rate_limit("api_token", "RATE_LIMIT_API_TOKEN", identity=signed_in_user, applies=creating_token)
def api_token(request: HttpRequest) -> HttpResponse:
    action = request.POST.get("action")
    if action == "create":
        # Read only unless asked: the least a program needs is the safer default.
        access = request.POST.get("access") or TokenAccess.READ
        if access not in TokenAccess.values:
            return HttpResponseBadRequest("Unknown token access.")
        token = services.replace_api_token(request.user, access)  # type: ignore[arg-type]
        # The key is shown in this response only, never stored in the session or a message.
        return render(request, "users/account.html", account_context(request, new_key=token.key))
    if action == "revoke":
        if services.revoke_api_token(request.user):  # type: ignore[arg-type]
            messages.success(request, "Your API token has been revoked: programs using it can no longer connect.")
        else:
            messages.info(request, "You had no API token, so there was nothing to revoke.")
        return redirect("users:account")
    return HttpResponseBadRequest("Unknown action.")


# -- two-factor authentication ----------------------------------------------------------------
WRONG_CODE = "That code is not right. Codes change every 30 seconds: type the one your app shows now."


def safe_next(request: HttpRequest) -> str:
    url = request.POST.get("next") or request.GET.get("next") or ""
    allowed = url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return url if allowed else ""


def qr_svg(data: str) -> SafeString:
    """A QR code as an inline <svg>, made here: no script and no other site sees the secret."""
    image = qrcode.make(data, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    svg = image.to_string(encoding="unicode")
    labelled = svg.replace("<svg ", '<svg role="img" aria-label="QR code to scan with your authenticator app" ', 1)
    # Safe to mark: qrcode generated every character from our own data, none of it typed by a user.
    return mark_safe(labelled)


def spaced_secret(device: TOTPDevice) -> str:
    """The key in base32, in groups of four, as authenticator apps accept it when typed."""
    secret = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[index : index + 4] for index in range(0, len(secret), 4))


def code_error(form: CodeForm, check: services.CodeCheck) -> None:
    if check.throttled_until is not None:
        wait = services.seconds_until(check.throttled_until)
        form.add_error(
            "code",
            f"Too many wrong codes. Wait {wait} second{'s' if wait != 1 else ''}, then try again.",
        )
    else:
        form.add_error("code", WRONG_CODE)


@never_cache
@login_required
def two_factor(request: HttpRequest) -> HttpResponse:
    """Set up, pass or switch off two-factor authentication, depending on where the user stands."""
    user: Any = request.user
    device = services.confirmed_device(user)
    if device is None:
        return set_up_two_factor(request, user)
    if not user.is_verified():
        return enter_code(request, device)
    return manage_two_factor(request, device)


def posted(request: HttpRequest, action: str) -> bool:
    # Each form names its action, so a form left open in another tab cannot be applied to a
    # different state (a set-up code must never switch two-factor authentication off).
    return request.method == "POST" and request.POST.get("action") == action


def set_up_two_factor(request: HttpRequest, user: Any) -> HttpResponse:
    device = services.pending_device(user)
    form = CodeForm(request.POST if posted(request, "confirm") else None)
    # The instructions come first on this page; jumping to the box would skip them.
    form.fields["code"].widget.attrs.pop("autofocus", None)
    if form.is_bound and form.is_valid():
        check = services.check_code(device, form.cleaned_data["code"])
        if check.ok:
            services.confirm_device(request, device)
            messages.success(
                request,
                "Two-factor authentication is on. Each time you sign in you will type a code from your app.",
            )
            return redirect(safe_next(request) or "users:two_factor")
        code_error(form, check)
    context = {
        "state": "set_up",
        "form": form,
        "secret": spaced_secret(device),
        "qr_code": qr_svg(device.config_url),
        "required": services.two_factor_required(user),
        "next": safe_next(request),
    }
    return render(request, "users/two_factor.html", context)


def enter_code(request: HttpRequest, device: TOTPDevice) -> HttpResponse:
    form = CodeForm(request.POST if posted(request, "verify") else None)
    if form.is_bound and form.is_valid():
        check = services.check_code(device, form.cleaned_data["code"])
        if check.ok:
            services.mark_verified(request, device)
            return redirect(safe_next(request) or settings.LOGIN_REDIRECT_URL)
        code_error(form, check)
    return render(request, "users/two_factor.html", {"state": "verify", "form": form, "next": safe_next(request)})


def manage_two_factor(request: HttpRequest, device: TOTPDevice) -> HttpResponse:
    required = services.two_factor_required(request.user)
    form = CodeForm(request.POST if posted(request, "turn_off") else None)
    if form.is_bound and required:
        form.add_error(None, "Two-factor authentication is required for hub staff, so it cannot be switched off.")
    elif form.is_bound and form.is_valid():
        check = services.check_code(device, form.cleaned_data["code"])
        if check.ok:
            services.turn_off_two_factor(request)
            messages.success(
                request,
                "Two-factor authentication is off. You can now remove this site from your authenticator app.",
            )
            return redirect("users:two_factor")
        code_error(form, check)
    context = {"state": "on", "form": form, "required": required, "device": device}
    return render(request, "users/two_factor.html", context)
