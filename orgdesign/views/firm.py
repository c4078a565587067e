"""The firm: its members page (owner only: invite, change a role, transfer ownership,
remove), leaving it, and accepting an invitation."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from orgdesign import selectors, services
from orgdesign.forms.workspace import FirmNameForm, InvitationForm, MemberRoleForm
from orgdesign.models import Role
from orgdesign.views.common import confirm_page

GET_POST = ["GET", "POST"]


def _members_page(
    request: HttpRequest,
    membership,
    form: InvitationForm,
    status: int = 200,
    name_form: FirmNameForm | None = None,
):
    firm = membership.firm
    members = [
        {"member": m, "form": MemberRoleForm(initial={"role": m.role}, prefix=f"m{m.pk}")}
        for m in selectors.members_of_firm(firm=firm)
    ]
    return render(
        request,
        "orgdesign/firm/members.html",
        {
            "firm": firm,
            "me": membership,
            "members": members,
            "invitations": selectors.invitations_pending(firm=firm),
            "form": form,
            "name_form": name_form or FirmNameForm(initial={"name": firm.name}),
        },
        status=status,
    )


@require_http_methods(GET_POST)
@login_required
def members(request: HttpRequest) -> HttpResponse:
    """The firm's members and pending invitations; the form invites a colleague by email."""
    membership = selectors.membership_require(user=request.user, owner_only=True)
    form = InvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        invitation = services.invitation_create(
            firm=membership.firm,
            email=form.cleaned_data["email"],
            role=form.cleaned_data["role"],
            invited_by=request.user,
        )
        url = request.build_absolute_uri(
            reverse("orgdesign:invitation-accept", args=[services.invitation_token(invitation)])
        )
        services.invitation_send(invitation=invitation, url=url)
        messages.success(request, f"Invitation sent to {invitation.email}.")
        return redirect("orgdesign:firm-members")
    return _members_page(request, membership, form, status=400 if form.errors else 200)


@require_POST
@login_required
def member_role(request: HttpRequest, member_id: int) -> HttpResponse:
    """Change a member's role; "owner" for someone else with `transfer` hands the firm
    over (the current owner becomes a consultant)."""
    member = selectors.member_get_for_user(user=request.user, member_id=member_id)
    form = MemberRoleForm(request.POST, prefix=f"m{member.pk}")
    if not form.is_valid():
        messages.error(request, "Pick owner, consultant or viewer.")
        return redirect("orgdesign:firm-members")
    role = form.cleaned_data["role"]
    me = selectors.membership_for_user(user=request.user)
    try:
        if request.POST.get("transfer") and member.pk != me.pk:
            services.firm_transfer_ownership(owner=me, to=member)
            messages.success(
                request, f"{member.user.get_username()} now owns the firm; you are a consultant."
            )
            return redirect("orgdesign:client-list")
        services.member_change_role(member=member, role=role)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request, f"{member.user.get_username()} is now {Role(role).label.lower()}."
        )
    if member.pk == me.pk and role != Role.OWNER:
        return redirect("orgdesign:account")
    return redirect("orgdesign:firm-members")


@require_http_methods(GET_POST)
@login_required
def member_remove(request: HttpRequest, member_id: int) -> HttpResponse:
    """Ask first, then take the member out of the firm (their clients stay)."""
    member = selectors.member_get_for_user(user=request.user, member_id=member_id)
    name = member.user.get_username()
    if request.method == "POST":
        try:
            services.member_remove(member=member)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, f"{name} is no longer a member of {member.firm.name}.")
        return redirect("orgdesign:firm-members")
    return confirm_page(
        request,
        title=f"Remove {name} from {member.firm.name}?",
        text="They lose access to the firm's clients at once. The clients and scenarios "
        "they made stay with the firm.",
        button=f"Remove {name}",
        danger=True,
        cancel_url=reverse("orgdesign:firm-members"),
    )


@require_http_methods(GET_POST)
@login_required
def firm_leave(request: HttpRequest) -> HttpResponse:
    """Leave the firm (not as its last owner)."""
    membership = selectors.membership_require(user=request.user)
    if request.method == "POST":
        try:
            services.member_remove(member=membership)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect("orgdesign:account")
        messages.success(request, f"You left {membership.firm.name}.")
        return redirect("orgdesign:client-list")
    return confirm_page(
        request,
        title=f"Leave {membership.firm.name}?",
        text="You lose access to its clients and scenarios at once; what you made stays "
        "with the firm. Only an invitation brings you back.",
        button="Leave the firm",
        danger=True,
        cancel_url=reverse("orgdesign:account"),
    )


@require_http_methods(GET_POST)
def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    """The invitation link: a visitor is asked to sign up or sign in (and comes back
    here); a signed-in user joins the firm on POST, unless their own firm has data."""
    try:
        invitation = selectors.invitation_from_token(token=token)
    except Http404 as exc:
        return render(
            request, "orgdesign/firm/invitation_invalid.html", {"reason": str(exc)}, status=404
        )
    here = reverse("orgdesign:invitation-accept", args=[token])
    context = {
        "invitation": invitation,
        "signup_url": f"{reverse('orgdesign:signup')}?{urlencode({'next': here})}",
        "login_url": f"{reverse('orgdesign:login')}?{urlencode({'next': here})}",
    }
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect(context["login_url"])
        try:
            services.invitation_accept(invitation=invitation, user=request.user)
        except ValidationError as exc:
            context["refused"] = " ".join(exc.messages)
            return render(request, "orgdesign/firm/invitation.html", context, status=409)
        messages.success(request, f"Welcome to {invitation.firm.name}.")
        return redirect("orgdesign:client-list")
    return render(request, "orgdesign/firm/invitation.html", context)


@require_POST
@login_required
def firm_rename(request: HttpRequest) -> HttpResponse:
    """Rename the firm (the owner, from the members page, which shows a refused name)."""
    membership = selectors.membership_require(user=request.user, owner_only=True)
    form = FirmNameForm(request.POST)
    if form.is_valid():
        try:
            services.firm_rename(firm=membership.firm, name=form.cleaned_data["name"])
        except ValidationError as exc:
            form.add_error("name", exc.messages)
        else:
            messages.success(request, f"The firm is now called {membership.firm.name}.")
            return redirect("orgdesign:firm-members")
    # The form showed the old name: read it again, the refused one is in the form.
    membership.firm.refresh_from_db(fields=["name"])
    return _members_page(request, membership, InvitationForm(), status=400, name_form=form)


@require_http_methods(GET_POST)
@login_required
def invitation_withdraw(request: HttpRequest, invitation_id: int) -> HttpResponse:
    """Ask first, then withdraw a pending invitation: its link stops working."""
    invitation = selectors.invitation_get_for_user(user=request.user, invitation_id=invitation_id)
    if request.method == "POST":
        services.invitation_withdraw(invitation=invitation)
        messages.success(
            request, f"Invitation of {invitation.email} withdrawn: its link no longer works."
        )
        return redirect("orgdesign:firm-members")
    return confirm_page(
        request,
        title=f"Withdraw the invitation of {invitation.email}?",
        text="The link in their email will say the invitation cannot be used. You can "
        "invite them again later.",
        button="Withdraw the invitation",
        danger=True,
        cancel_url=reverse("orgdesign:firm-members"),
    )
