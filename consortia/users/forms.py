from __future__ import annotations

from django import forms
from django.contrib.auth.forms import AuthenticationForm

from consortia.core.forms import style_widgets


class LoginForm(AuthenticationForm):
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
