"""Routes of the workspace area (joined into the "orgdesign" namespace by orgdesign/urls.py).

Accounts use Django's own auth views with our templates; every other page belongs to a
consultant and reads its objects through the ownership-checking selectors.
"""

from django.contrib.auth import views as auth_views
from django.urls import URLPattern, path, reverse_lazy

from orgdesign.forms.workspace import LoginForm
from orgdesign.ratelimit import limit_failed_signins
from orgdesign.views import accounts, clients, scenarios, share

auth_patterns: list[URLPattern] = [
    path(
        "accounts/login/",
        limit_failed_signins(
            auth_views.LoginView.as_view(
                authentication_form=LoginForm, redirect_authenticated_user=True
            )
        ),
        name="login",
    ),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/signup/", accounts.signup, name="signup"),
    path("account/", accounts.account, name="account"),
    path("account/export/", accounts.account_export, name="account-export"),
    path(
        "accounts/password/change/",
        auth_views.PasswordChangeView.as_view(
            success_url=reverse_lazy("orgdesign:password_change_done")
        ),
        name="password_change",
    ),
    path(
        "accounts/password/change/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path(
        "accounts/password/reset/",
        auth_views.PasswordResetView.as_view(
            success_url=reverse_lazy("orgdesign:password_reset_done"),
            email_template_name="registration/password_reset_email.txt",
            subject_template_name="registration/password_reset_subject.txt",
        ),
        name="password_reset",
    ),
    path(
        "accounts/password/reset/sent/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "accounts/password/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            success_url=reverse_lazy("orgdesign:password_reset_complete")
        ),
        name="password_reset_confirm",
    ),
    path(
        "accounts/password/reset/done/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
]

client_patterns: list[URLPattern] = [
    path("clients/", clients.client_list, name="client-list"),
    path("clients/new/", clients.client_create, name="client-create"),
    path("clients/<id:client_id>/", clients.client_detail, name="client-detail"),
    path("clients/<id:client_id>/edit/", clients.client_update, name="client-update"),
    path("clients/<id:client_id>/delete/", clients.client_delete, name="client-delete"),
    path(
        "clients/<id:client_id>/scenarios/new/",
        scenarios.scenario_create,
        name="scenario-create",
    ),
    path("clients/<id:client_id>/compare/", scenarios.scenario_compare, name="scenario-compare"),
]

scenario_patterns: list[URLPattern] = [
    path("scenarios/<id:scenario_id>/", scenarios.scenario_detail, name="scenario-detail"),
    path("scenarios/<id:scenario_id>/edit/", scenarios.scenario_edit, name="scenario-edit"),
    path("scenarios/<id:scenario_id>/rename/", scenarios.scenario_rename, name="scenario-rename"),
    path(
        "scenarios/<id:scenario_id>/duplicate/",
        scenarios.scenario_duplicate,
        name="scenario-duplicate",
    ),
    path("scenarios/<id:scenario_id>/delete/", scenarios.scenario_delete, name="scenario-delete"),
    path(
        "scenarios/<id:scenario_id>/history/", scenarios.scenario_history, name="scenario-history"
    ),
    path(
        "scenarios/<id:scenario_id>/history/<id:number>/",
        scenarios.scenario_version,
        name="scenario-version",
    ),
    path(
        "scenarios/<id:scenario_id>/history/<id:number>/restore/",
        scenarios.scenario_restore,
        name="scenario-restore",
    ),
    path(
        "scenarios/<id:scenario_id>/accept-rules/",
        scenarios.scenario_accept_rules,
        name="scenario-accept-rules",
    ),
    path("wizard/save/", scenarios.wizard_save, name="wizard-save"),
]

share_patterns: list[URLPattern] = [
    path("scenarios/<id:scenario_id>/share/", share.scenario_share, name="scenario-share"),
    path("share-links/<id:link_id>/revoke/", share.share_revoke, name="share-revoke"),
    path("s/<str:token>/", share.shared_scenario, name="shared-scenario"),
]

urlpatterns: list[URLPattern] = [
    *auth_patterns,
    *client_patterns,
    *scenario_patterns,
    *share_patterns,
]
