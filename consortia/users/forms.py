from __future__ import annotations

import re
import unicodedata
from typing import Any

from django import forms
from django.contrib.auth import forms as auth_forms
from django.contrib.auth.models import Group
from django.core.mail import EmailMultiAlternatives
from django.db.models import Case, IntegerField, Q, QuerySet, Value, When
from django.template import loader
from django.utils.html import format_html
from django.utils.safestring import SafeString

from consortia.core.forms import BaseModelForm, style_widgets
from consortia.directory.choices import OrganisationRoleCode
from consortia.directory.models import Organisation
from consortia.users import roles
from consortia.users.models import User, is_last_active_manager


class LoginForm(auth_forms.AuthenticationForm):
    username = forms.EmailField(
        label="E-mail address", widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True})
    )

    error_messages = {
        "invalid_login": "The e-mail address or password is not right. Check them and try again.",
        "inactive": "This account has been switched off. Ask your hub manager.",
    }

    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        style_widgets(self)

    def clean_username(self) -> str:
        return self.cleaned_data["username"].strip().lower()


class PasswordResetForm(auth_forms.PasswordResetForm):
    """Django's reset form, which also reaches people who were invited and never chose a password.

    Django leaves out users with an unusable password (they may sign in some other way); here
    everyone signs in with a password, so an invited user whose link has expired can get a new one.
    """

    email = forms.EmailField(label="E-mail address", widget=forms.EmailInput(attrs={"autocomplete": "email"}))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        style_widgets(self)

    def get_users(self, email: str) -> Any:
        users = User.objects.filter(email__iexact=email.strip(), is_active=True)
        # As Django does: the database's case-insensitive match is not Unicode's, so check again.
        return (user for user in users if _same_address(email, user.email))


def _same_address(first: str, second: str) -> bool:
    def fold(value: str) -> str:
        return unicodedata.normalize("NFKC", value.strip()).casefold()

    return fold(first) == fold(second)


class InvitationForm(PasswordResetForm):
    """Sends the "set your password" invitation; unlike a reset, a failure to send is reported."""

    def send_mail(
        self,
        subject_template_name: str,
        email_template_name: str,
        context: dict[str, Any],
        from_email: str | None,
        to_email: str,
        html_email_template_name: str | None = None,
    ) -> None:
        subject = "".join(loader.render_to_string(subject_template_name, context).splitlines())
        body = loader.render_to_string(email_template_name, context)
        EmailMultiAlternatives(subject, body, from_email, [to_email]).send()


class SetPasswordForm(auth_forms.SetPasswordForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].label = "New password"
        self.fields["new_password2"].label = "The new password again"
        style_widgets(self)


class PasswordChangeForm(auth_forms.PasswordChangeForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["old_password"].label = "Your current password"
        self.fields["new_password1"].label = "New password"
        self.fields["new_password2"].label = "The new password again"
        style_widgets(self)


class CodeForm(forms.Form):
    """The six-digit code from an authenticator app."""

    code = forms.CharField(
        label="Six-digit code",
        max_length=12,
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "autofocus": True, "size": 8}
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        style_widgets(self)

    def clean_code(self) -> str:
        # Apps show the code as "123 456"; people copy it with the space.
        code = re.sub(r"\s", "", self.cleaned_data["code"])
        if not re.fullmatch(r"\d{6}", code):
            raise forms.ValidationError("Type the six digits your app shows, for example 123456.")
        return code


def role_choices() -> QuerySet[Group]:
    """The roles the code knows, in the order roles.py lists them (most powerful first)."""
    order = Case(
        *[When(name=name, then=Value(index)) for index, name in enumerate(roles.ROLES)], output_field=IntegerField()
    )
    return Group.objects.filter(name__in=roles.ROLES).order_by(order)


class RoleField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Group) -> SafeString:
        # The description sits inside the label so that a screen reader reads it with the box.
        return format_html(
            '{} <span class="d-block small text-body-secondary">{}</span>',
            obj.name,
            roles.DESCRIPTIONS.get(obj.name, ""),
        )


class UserForm(BaseModelForm):
    """A hub manager adds or changes someone's account. Nobody types a password for someone else:
    a new user is e-mailed a link to choose their own (see services.invite_user)."""

    groups = RoleField(
        queryset=role_choices(),
        required=False,
        label="Roles",
        widget=forms.CheckboxSelectMultiple,
        help_text="What this person can see and do. Hub staff and board members can hold several roles.",
    )
    organisation = forms.ModelChoiceField(
        # Member organisations, and any organisation that already has users (one may have
        # stopped being a member since, and its users must stay editable).
        # Commissioners too: a commissioner's user reads the contracts they commission.
        queryset=Organisation.objects.filter(
            Q(roles__code__in=[OrganisationRoleCode.MEMBER, OrganisationRoleCode.COMMISSIONER]) | Q(users__isnull=False)
        )
        .distinct()
        .order_by("name"),
        required=False,
        label="Member organisation",
        empty_label="None: hub staff or board member",
        help_text="Only for a member organisation's user (or a commissioner's): they will see that organisation's "
        "records and nothing else.",
    )

    class Meta:
        model = User
        fields = ["full_name", "email", "organisation", "groups", "is_active"]
        help_texts = {
            "email": "They sign in with this address. A new user is e-mailed a link to choose their own password."
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance._state.adding:
            # Until they follow the invitation link, nobody can sign in as the new user.
            self.instance.set_unusable_password()

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip().lower()
        if User.objects.filter(email__iexact=email).exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(
                "Someone already has an account with this e-mail address. Each person needs their own address."
            )
        return email

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        organisation = cleaned.get("organisation")
        chosen = {group.name for group in cleaned.get("groups") or []}
        if "groups" not in cleaned:
            return cleaned
        # An organisation that failed its own check has its message already; judge roles without it.
        if "organisation" in cleaned:
            # An organisation's user is either its member user or, for a commissioner, its
            # commissioner's user (read-only, the contracts they commission): exactly one of the two.
            organisation_roles = {roles.MEMBER, roles.COMMISSIONER}
            if organisation is not None and not (len(chosen) == 1 and chosen <= organisation_roles):
                self.add_error(
                    "groups",
                    f"An organisation's user has either the “{roles.MEMBER}” role or, at a commissioner, the "
                    f"“{roles.COMMISSIONER}” role, and no other. Tick only one of those, or clear the "
                    "organisation for hub staff and board members.",
                )
            elif organisation is None and chosen & organisation_roles:
                role = roles.MEMBER if roles.MEMBER in chosen else roles.COMMISSIONER
                self.add_error(
                    "organisation",
                    f"Choose the organisation this person belongs to: the “{role}” role "
                    "only shows that organisation's records.",
                )
        if self.removes_last_hub_manager(chosen, cleaned.get("is_active", True)):
            self.add_error(
                None,
                f"{self.instance} is the only active hub manager. Give someone else the "
                f"“{roles.HUB_MANAGER}” role first, so that someone can still manage users.",
            )
        return cleaned

    def removes_last_hub_manager(self, chosen: set[str], active: bool) -> bool:
        if self.instance.pk is None or (roles.HUB_MANAGER in chosen and active):
            return False
        return is_last_active_manager(self.instance)
