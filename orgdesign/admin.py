"""The Django admin for superusers: every firm with its members and invitations, its
clients, scenarios, history, links, the clients' comments and sign-offs; clients and
scenarios in a firm's trash too (with `deleted_at` shown)."""

from django.contrib import admin

from orgdesign.models import (
    Branding,
    Client,
    Firm,
    Invitation,
    Membership,
    ReviewComment,
    ReviewReply,
    Scenario,
    ScenarioVersion,
    ShareLink,
    SignOff,
)


class MembershipInline(admin.TabularInline):
    model = Membership
    fields = ("user", "role", "joined_at")
    readonly_fields = ("joined_at",)
    raw_id_fields = ("user",)
    extra = 0


@admin.register(Firm)
class FirmAdmin(admin.ModelAdmin):
    list_display = ("name", "created_at")
    search_fields = ("name", "memberships__user__username")
    inlines = [MembershipInline]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ("email", "firm", "role", "invited_by", "created_at", "accepted_at")
    list_filter = ("role", ("accepted_at", admin.EmptyFieldListFilter))
    search_fields = ("email", "firm__name")
    list_select_related = ("firm", "invited_by")
    raw_id_fields = ("firm", "invited_by")
    readonly_fields = ("created_at", "accepted_at")


class WithTrashAdmin(admin.ModelAdmin):
    """Lists rows in the firms' trash too: the admin reads `all_objects`."""

    def get_queryset(self, request):
        qs = self.model.all_objects.get_queryset()
        ordering = self.get_ordering(request)
        return qs.order_by(*ordering) if ordering else qs


class ScenarioInline(admin.TabularInline):
    model = Scenario
    fields = ("name", "role_model", "version", "ruleset_version", "updated_at")
    readonly_fields = fields
    extra = 0
    show_change_link = True
    can_delete = False


@admin.register(Client)
class ClientAdmin(WithTrashAdmin):
    list_display = ("name", "firm", "owner", "industry", "created_at", "updated_at", "deleted_at")
    list_filter = ("industry", "firm")
    search_fields = ("name", "notes", "firm__name", "owner__username", "owner__email")
    list_select_related = ("firm", "owner")
    autocomplete_fields = ("owner",)
    raw_id_fields = ("firm",)
    date_hierarchy = "created_at"
    inlines = [ScenarioInline]


class ScenarioVersionInline(admin.TabularInline):
    model = ScenarioVersion
    fields = ("number", "name", "role_model", "changed_by", "changed_keys", "note", "created_at")
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True


@admin.register(Scenario)
class ScenarioAdmin(WithTrashAdmin):
    list_display = (
        "name",
        "client",
        "owner",
        "role_model",
        "version",
        "ruleset_version",
        "updated_at",
        "deleted_at",
    )
    list_filter = ("role_model", "ruleset_version", "client__owner")
    search_fields = ("name", "client__name", "client__owner__username")
    list_select_related = ("client__owner",)
    readonly_fields = ("recommendation", "role_model", "ruleset_version", "version", "created_at")
    raw_id_fields = ("client",)
    inlines = [ScenarioVersionInline]

    @admin.display(ordering="client__owner__username")
    def owner(self, obj: Scenario):
        return obj.client.owner


@admin.register(ScenarioVersion)
class ScenarioVersionAdmin(admin.ModelAdmin):
    list_display = ("scenario", "number", "role_model", "changed_by", "note", "created_at")
    list_filter = ("role_model", "ruleset_version")
    search_fields = ("scenario__name", "scenario__client__name", "name", "note")
    list_select_related = ("scenario", "changed_by")
    raw_id_fields = ("scenario", "changed_by")
    readonly_fields = ("answers", "recommendation", "changed_keys", "created_at")


@admin.register(ShareLink)
class ShareLinkAdmin(WithTrashAdmin):
    list_display = ("scenario", "label", "created_at", "expires_at", "revoked_at", "last_opened_at")
    list_filter = (("revoked_at", admin.EmptyFieldListFilter), "expires_at")
    search_fields = ("scenario__name", "scenario__client__name", "token")
    list_select_related = ("scenario",)
    raw_id_fields = ("scenario",)
    readonly_fields = ("token", "created_at", "last_opened_at")


@admin.register(Branding)
class BrandingAdmin(admin.ModelAdmin):
    list_display = ("firm", "firm_name", "accent_colour", "logo_content_type", "updated_at")
    search_fields = ("firm_name", "firm__name", "owner__username")
    list_filter = ("logo_content_type",)
    list_select_related = ("firm",)
    raw_id_fields = ("firm", "owner")


class ReviewReplyInline(admin.TabularInline):
    model = ReviewReply
    extra = 0
    raw_id_fields = ("author",)
    readonly_fields = ("created_at",)


@admin.register(ReviewComment)
class ReviewCommentAdmin(admin.ModelAdmin):
    list_display = ("scenario", "version", "target", "target_key", "author_name", "created_at")
    list_filter = ("target",)
    search_fields = ("scenario__name", "scenario__client__name", "author_name", "text")
    list_select_related = ("scenario",)
    raw_id_fields = ("scenario", "link")
    readonly_fields = ("created_at",)
    inlines = [ReviewReplyInline]


@admin.register(SignOff)
class SignOffAdmin(admin.ModelAdmin):
    list_display = ("scenario", "version", "name", "role", "created_at")
    search_fields = ("scenario__name", "scenario__client__name", "name", "role")
    list_select_related = ("scenario",)
    raw_id_fields = ("scenario", "link")
    readonly_fields = ("created_at",)
