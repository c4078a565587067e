"""Every route of the app, mounted at the site root by advisor/urls.py ("orgdesign" namespace).

Routes are grouped by area, one group per view module, each group saying which module
serves it. Within a group, specific routes come before the ones that take any slug or
token. `/healthz` and `/admin/` live in advisor/urls.py, outside this namespace.

Ids use the `<id:...>` converter (`orgdesign.http.IdConverter`): ASCII digits within the
database's range; anything else is a 404 before a view runs.
"""

from django.contrib.auth import views as auth_views
from django.urls import URLPattern, path, register_converter, reverse_lazy
from django.views.generic import RedirectView

from orgdesign import api
from orgdesign.forms.workspace import LoginForm
from orgdesign.http import IdConverter
from orgdesign.ratelimit import limit_failed_signins
from orgdesign.views import (
    accounts,
    clients,
    firm,
    reports,
    result,
    review,
    scenarios,
    share,
    trash,
    wizard,
)

register_converter(IdConverter, "id")

app_name = "orgdesign"

# The JSON API (orgdesign/api.py): no login, nothing stored.
api_patterns: list[URLPattern] = [
    path("api/v1/recommendation", api.recommendation, name="api-recommendation"),
]

# The founder's questionnaire (views/wizard.py): landing page, one URL per step, review,
# restart, cancel (a questionnaire for a client) and resume links. The step route takes any
# slug, so it comes last.
wizard_patterns: list[URLPattern] = [
    path("", wizard.home, name="home"),
    path("wizard/", wizard.wizard_start, name="wizard"),
    path("wizard/review/", wizard.wizard_review, name="wizard-review"),
    path("wizard/restart/", wizard.wizard_restart, name="wizard-restart"),
    path("wizard/cancel/", wizard.wizard_cancel, name="wizard-cancel"),
    path("wizard/resume/<str:token>/", wizard.wizard_resume, name="wizard-resume"),
    path("wizard/<slug:step>/", wizard.wizard_step, name="wizard-step"),
]

# The advice for the questionnaire's answers, with what-if links (views/result.py).
result_patterns: list[URLPattern] = [
    path("result/", result.result, name="result"),
]

# Accounts (views/accounts.py): Django's auth views with our templates, sign-up, the account
# page with the workspace download, and the consultant's report branding. Every account
# page is under `accounts/`.
account_patterns: list[URLPattern] = [
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
        "accounts/password/reset/done/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path(
        "accounts/password/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            success_url=reverse_lazy("orgdesign:password_reset_complete")
        ),
        name="password_reset_confirm",
    ),
    path("accounts/", accounts.account, name="account"),
    path("accounts/export/", accounts.account_export, name="account-export"),
    path("accounts/branding/", accounts.branding, name="branding"),
    path("accounts/branding/logo/", accounts.branding_logo, name="branding-logo"),
    # The account pages' addresses until they joined the other account pages.
    path("account/", RedirectView.as_view(pattern_name="orgdesign:account")),
    path("account/branding/", RedirectView.as_view(pattern_name="orgdesign:branding")),
]

# The firm (views/firm.py): members (owner only), leaving, and the invitation link.
firm_patterns: list[URLPattern] = [
    path("accounts/firm/members/", firm.members, name="firm-members"),
    path("accounts/firm/members/<id:member_id>/role/", firm.member_role, name="member-role"),
    path("accounts/firm/members/<id:member_id>/remove/", firm.member_remove, name="member-remove"),
    path("accounts/firm/leave/", firm.firm_leave, name="firm-leave"),
    path("invitations/<str:token>/", firm.invitation_accept, name="invitation-accept"),
    path("accounts/firm/name/", firm.firm_rename, name="firm-rename"),
    path(
        "accounts/firm/invitations/<id:invitation_id>/withdraw/",
        firm.invitation_withdraw,
        name="invitation-withdraw",
    ),
]

# A firm's clients (views/clients.py).
client_patterns: list[URLPattern] = [
    path("clients/", clients.client_list, name="client-list"),
    path("clients/new/", clients.client_create, name="client-create"),
    path("clients/<id:client_id>/", clients.client_detail, name="client-detail"),
    path("clients/<id:client_id>/edit/", clients.client_update, name="client-update"),
    path("clients/<id:client_id>/delete/", clients.client_delete, name="client-delete"),
]

# Scenarios (views/scenarios.py): made through the questionnaire, saved from the result
# page, changed, compared, with their history.
scenario_patterns: list[URLPattern] = [
    path(
        "clients/<id:client_id>/scenarios/new/",
        scenarios.scenario_create,
        name="scenario-create",
    ),
    path("clients/<id:client_id>/compare/", scenarios.scenario_compare, name="scenario-compare"),
    path("scenarios/save/", scenarios.wizard_save, name="wizard-save"),
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
    # The consultant's voice: our view, own seat titles, adjusted lines.
    path("scenarios/<id:scenario_id>/voice/", scenarios.scenario_voice, name="scenario-voice"),
]

# Read-only share links (views/share.py): made and revoked by the owner, opened by anyone
# with the token. The token route takes any text, so it comes last.
share_patterns: list[URLPattern] = [
    path("scenarios/<id:scenario_id>/share/", share.scenario_share, name="scenario-share"),
    path("share-links/<id:link_id>/revoke/", share.share_revoke, name="share-revoke"),
    path("share-links/<id:link_id>/label/", share.share_label, name="share-label"),
    path("s/<str:token>/comment/", share.shared_comment, name="shared-comment"),
    path("s/<str:token>/sign-off/", share.shared_signoff, name="shared-signoff"),
    path("s/<str:token>/", share.shared_scenario, name="shared-scenario"),
]

# The firm's side of the client's review (views/review.py): a member answers a comment.
review_patterns: list[URLPattern] = [
    path("comments/<id:comment_id>/reply/", review.comment_reply, name="comment-reply"),
]


# The firm's trash (views/trash.py): deleted clients and scenarios, restored or deleted for
# good.
trash_patterns: list[URLPattern] = [
    path("trash/", trash.trash, name="trash"),
    path(
        "trash/clients/<id:trashed_client_id>/restore/",
        trash.client_restore,
        name="trash-client-restore",
    ),
    path(
        "trash/clients/<id:trashed_client_id>/delete/",
        trash.client_purge,
        name="trash-client-purge",
    ),
    path(
        "trash/scenarios/<id:trashed_scenario_id>/restore/",
        trash.scenario_restore,
        name="trash-scenario-restore",
    ),
    path(
        "trash/scenarios/<id:trashed_scenario_id>/delete/",
        trash.scenario_purge,
        name="trash-scenario-purge",
    ),
]


# Reports (views/reports.py): each report's PDF at `.../report.pdf`, and beside it the
# same report as PowerPoint and Word and the org chart alone as SVG and PNG, named after
# the PDF's route (`report-scenario-pptx`...); the client pack is one PDF.
def formats(route: str, view, name: str, *, charts: bool = True) -> list[URLPattern]:
    """The PDF at `<route>report.pdf`, and beside it PowerPoint, Word and the chart alone."""
    patterns = [
        path(f"{route}report.pdf", view, name=name),
        path(f"{route}report.pptx", view, {"fmt": "pptx"}, name=f"{name}-pptx"),
        path(f"{route}report.docx", view, {"fmt": "docx"}, name=f"{name}-docx"),
    ]
    if charts:
        patterns += [
            path(f"{route}chart.svg", view, {"fmt": "svg"}, name=f"{name}-svg"),
            path(f"{route}chart.png", view, {"fmt": "png"}, name=f"{name}-png"),
        ]
    return patterns


report_patterns: list[URLPattern] = [
    *formats("result/", reports.report_result, "report-result"),
    *formats("scenarios/<id:scenario_id>/", reports.report_scenario, "report-scenario"),
    # A comparison shows several charts: each has its own scenario's chart routes.
    *formats(
        "clients/<id:client_id>/compare/", reports.report_compare, "report-compare", charts=False
    ),
    path("clients/<id:client_id>/pack.pdf", reports.report_client_pack, name="report-pack"),
    *formats("s/<str:token>/", reports.report_shared, "report-shared"),
]

urlpatterns: list[URLPattern] = [
    *api_patterns,
    *wizard_patterns,
    *result_patterns,
    *account_patterns,
    *firm_patterns,
    *client_patterns,
    *scenario_patterns,
    *share_patterns,
    *review_patterns,
    *report_patterns,
    *trash_patterns,
]
