from django.conf import settings
from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from consortia.core.ratelimit import posted_field, rate_limit
from consortia.users import views
from consortia.users.forms import LoginForm, PasswordChangeForm, PasswordResetForm, SetPasswordForm

app_name = "users"
urlpatterns = [
    path(
        "login/",
        auth_views.LoginView.as_view(
            template_name="users/login.html", authentication_form=LoginForm, redirect_authenticated_user=True
        ),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "password-reset/",
        # Each request sends an e-mail: limited per address asking and per e-mail address typed.
        rate_limit("password_reset", "RATE_LIMIT_PASSWORD_RESET", identity=posted_field("email"))(
            auth_views.PasswordResetView.as_view(
                template_name="users/password_reset.html",
                form_class=PasswordResetForm,
                email_template_name="users/password_reset_email.txt",
                subject_template_name="users/password_reset_subject.txt",
                # Without django.contrib.sites the "site name" would be the host name.
                extra_email_context={"site_name": settings.SITE_NAME},
                success_url=reverse_lazy("users:password_reset_done"),
            )
        ),
        name="password_reset",
    ),
    path(
        "password-reset/sent/",
        auth_views.PasswordResetDoneView.as_view(template_name="users/password_reset_done.html"),
        name="password_reset_done",
    ),
    path(
        "reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            template_name="users/password_reset_confirm.html",
            form_class=SetPasswordForm,
            success_url=reverse_lazy("users:password_reset_complete"),
        ),
        name="password_reset_confirm",
    ),
    path(
        "reset/done/",
        auth_views.PasswordResetCompleteView.as_view(template_name="users/password_reset_complete.html"),
        name="password_reset_complete",
    ),
    path(
        "password/",
        auth_views.PasswordChangeView.as_view(
            template_name="users/password_change.html",
            form_class=PasswordChangeForm,
            success_url=reverse_lazy("users:password_change_done"),
        ),
        name="password_change",
    ),
    path(
        "password/done/",
        auth_views.PasswordChangeDoneView.as_view(template_name="users/password_change_done.html"),
        name="password_change_done",
    ),
    path("account/", views.account, name="account"),
    path("account/api-token/", views.api_token, name="api_token"),
    path("two-factor/", views.two_factor, name="two_factor"),
    *views.UserViews.urls(),
    path("users/<int:pk>/reset-two-factor/", views.reset_user_two_factor, name="user_reset_two_factor"),
]
