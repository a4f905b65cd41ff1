"""API tokens with a scope: a read-only token is refused, with a clear message, on anything that
would change a record (POST, PUT, PATCH, DELETE)."""

from __future__ import annotations

from typing import Any

from rest_framework import exceptions
from rest_framework.authentication import TokenAuthentication
from rest_framework.authtoken.models import Token
from rest_framework.permissions import SAFE_METHODS
from rest_framework.request import Request

from consortia.users.models import TokenAccess

READ_ONLY_REFUSED = (
    "This API token is read only, so it cannot add, change or delete records. "
    "Create a “read and write” token on your account page if this program needs to make changes."
)


class ScopedTokenAuthentication(TokenAuthentication):
    """DRF's token authentication, which also reads the token's scope (in the same query)."""

    def authenticate(self, request: Request) -> tuple[Any, Token] | None:
        result = super().authenticate(request)
        if result is not None and request.method not in SAFE_METHODS and read_only(result[1]):
            # 403, not 401: the token is good, it is only not allowed to do this.
            raise exceptions.PermissionDenied(READ_ONLY_REFUSED)
        return result

    def authenticate_credentials(self, key: str) -> tuple[Any, Token]:
        try:
            token = Token.objects.select_related("user", "scope").get(key=key)
        except Token.DoesNotExist:
            raise exceptions.AuthenticationFailed("Invalid token.") from None
        if not token.user.is_active:
            raise exceptions.AuthenticationFailed("User inactive or deleted.")
        return token.user, token


def read_only(token: Token) -> bool:
    scope = getattr(token, "scope", None)  # None: made before scopes, read and write as it was then
    return scope is not None and scope.access == TokenAccess.READ
