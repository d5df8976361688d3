// Package databaseuser implements mongodbatlas_database_user and its data sources.
package databaseuser

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/atlas"
	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/resources/converge"
	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/resources/importid"
	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/resources/providerdata"
)

const typeName = "mongodbatlas_database_user"

var (
	_ resource.ResourceWithConfigure   = (*userResource)(nil)
	_ resource.ResourceWithImportState = (*userResource)(nil)
	_ resource.ResourceWithModifyPlan  = (*userResource)(nil)
)

type userResource struct {
	providerdata.ResourceBase
}

// NewResource is the mongodbatlas_database_user constructor.
func NewResource() resource.Resource { return &userResource{} }

func (r *userResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_database_user"
}

func (r *userResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = resourceSchema()
}

// ModifyPlan catches at plan time the combinations Atlas refuses: two
// authentication kinds, the wrong authentication database, a SCRAM user
// without a password, a password for another kind, and a new
// password_wo_version without password_wo.
func (r *userResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() {
		return
	}
	var cfg resourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if !cfg.Roles.IsUnknown() && len(cfg.Roles.Elements()) == 0 {
		resp.Diagnostics.AddAttributeError(path.Root("roles"), "At least one role",
			"Atlas refuses a database user without roles. Add a roles block, for example roles { role_name = \"readWrite\" database_name = \"mydb\" }.")
	}
	creating := req.State.Raw.IsNull()
	if !creating {
		var state resourceModel
		resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
		if !cfg.PasswordWOVersion.Equal(state.PasswordWOVersion) && !cfg.PasswordWOVersion.IsNull() && cfg.PasswordWO.IsNull() {
			resp.Diagnostics.AddAttributeError(path.Root("password_wo"), "password_wo is needed to change the password",
				"password_wo_version changed, which sends password_wo as the new password, but password_wo is not set. Set password_wo to the new password.")
		}
	}
	checkAuthentication(&cfg, creating, &resp.Diagnostics)
}

// checkAuthentication validates the configured authentication. Unknown values
// (from other resources) are left to Atlas.
func checkAuthentication(cfg *resourceModel, creating bool, diags *diag.Diagnostics) {
	kinds := map[string]types.String{"x509_type": cfg.X509Type, "aws_iam_type": cfg.AWSIAMType,
		"ldap_auth_type": cfg.LDAPAuthType, "oidc_auth_type": cfg.OIDCAuthType}
	var set []string
	for _, k := range authKinds {
		v := kinds[k.attr]
		if v.IsUnknown() {
			return
		}
		if !v.IsNull() && v.ValueString() != "NONE" {
			set = append(set, k.attr)
		}
	}
	if len(set) > 1 {
		diags.AddAttributeError(path.Root(set[1]), "Only one authentication kind per database user",
			fmt.Sprintf("%s are both set. A database user authenticates in one way: keep one of them and leave the others unset or NONE.", strings.Join(set, " and ")))
		return
	}
	db := cfg.AuthDatabaseName
	if db.IsUnknown() || db.IsNull() {
		return
	}
	want, kind := "admin", "a SCRAM password"
	if len(set) == 1 {
		kind = set[0] + " = " + kinds[set[0]].ValueString()
		if set[0] != "oidc_auth_type" || kinds[set[0]].ValueString() == "USER" {
			want = "$external"
		}
	}
	if db.ValueString() != want {
		diags.AddAttributeError(path.Root("auth_database_name"), "Wrong authentication database",
			fmt.Sprintf("A user that authenticates with %s must have auth_database_name = %q, not %q.", kind, want, db.ValueString()))
		return
	}
	hasPassword := !cfg.Password.IsNull() || !cfg.PasswordWO.IsNull()
	switch {
	case len(set) == 1 && hasPassword:
		diags.AddAttributeError(path.Root("password"), "Password not allowed",
			fmt.Sprintf("A user that authenticates with %s has no password; remove password and password_wo.", kind))
	case len(set) == 0 && creating && !hasPassword && !cfg.Password.IsUnknown() && !cfg.PasswordWO.IsUnknown():
		diags.AddAttributeError(path.Root("password_wo"), "Password required",
			"A user that authenticates with a SCRAM password (no x509_type, aws_iam_type, ldap_auth_type or oidc_auth_type) needs one: "+
				"set password_wo (kept out of the state, Terraform 1.11+) or password.")
	}
}

func (r *userResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	ctx, ok := r.Begin(ctx, req.ProviderMeta, "mongodbatlas_database_user", providerdata.OpCreate, &resp.Diagnostics)
	if !ok {
		return
	}
	var plan, cfg resourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	password := plan.Password.ValueString()
	if !cfg.PasswordWO.IsNull() {
		password = cfg.PasswordWO.ValueString()
	}
	in, diags := newWrite(ctx, &plan, password)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	projectID := plan.ProjectID.ValueString()
	created := r.create(ctx, projectID, in, &resp.Diagnostics)
	if created == nil {
		return
	}
	state := plan
	state.applyUser(projectID, created)
	state.Description = keepEmptyDescription(plan.Description, state.Description)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
	resp.Diagnostics.Append(importid.SetIdentity(ctx, resp.Identity, identityOf(&state))...)
}

// create sends the POST; a transient fault converges (converge.Create).
func (r *userResource) create(ctx context.Context, projectID string, in atlas.DatabaseUserWrite, diags *diag.Diagnostics) *atlas.DatabaseUser {
	created, _, _ := converge.Create(ctx, r.Client, converge.Object{Kind: "database user", Name: in.Username,
		Where:  fmt.Sprintf("(%s) in project %s", in.DatabaseName, projectID),
		Import: fmt.Sprintf("terraform import %s.<name> %s-%s-%s", typeName, projectID, in.Username, in.DatabaseName)},
		atlas.CreateSteps[*atlas.DatabaseUser]{
			Post: func(ctx context.Context) (*atlas.DatabaseUser, error) {
				return r.Client.CreateDatabaseUser(ctx, projectID, in)
			},
			Find: func(ctx context.Context) (*atlas.DatabaseUser, bool, error) {
				return atlas.Found(r.Client.GetDatabaseUser(ctx, projectID, in.DatabaseName, in.Username))
			},
			DuplicateCodes: []string{"USER_ALREADY_EXISTS"},
		},
		func(summary string, err error, diags *diag.Diagnostics) {
			if atlas.HasErrorCode(err, "USER_ALREADY_EXISTS") {
				diags.AddAttributeError(path.Root("username"), summary, fmt.Sprintf("%s\n\nThis user already exists in the project. "+
					"Choose another name, or bring it under Terraform with: terraform import %s.<name> %s-%s-%s", err, typeName, projectID, in.Username, in.DatabaseName))
				return
			}
			diags.AddError(summary, atlas.WithHint(err))
		},
		diags)
	return created
}

func keepEmptyDescription(planned, got types.String) types.String {
	if got.IsNull() && !planned.IsNull() && !planned.IsUnknown() && planned.ValueString() == "" {
		return planned
	}
	return got
}

func (r *userResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	ctx, ok := r.Begin(ctx, req.ProviderMeta, "mongodbatlas_database_user", providerdata.OpRead, &resp.Diagnostics)
	if !ok {
		return
	}
	var state resourceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	projectID, username, db := state.ProjectID.ValueString(), state.Username.ValueString(), state.AuthDatabaseName.ValueString()
	// The framework wants an identity from every Read that does not fail, even one
	// that removes the resource from state; state written before resources had an
	// identity gets one here, on its first refresh.
	resp.Diagnostics.Append(importid.SetIdentity(ctx, resp.Identity, identityOf(&state))...)
	u, err := r.Client.GetDatabaseUser(ctx, projectID, db, username)
	switch {
	case atlas.IsNotFound(err):
		resp.Diagnostics.AddWarning(fmt.Sprintf("Database user %q no longer exists", username),
			fmt.Sprintf("Atlas reports that database user %q (%s) in project %s does not exist any more, so it was removed from the Terraform state. "+
				"The next plan shows it being created again.", username, db, projectID))
		resp.State.RemoveResource(ctx)
		return
	case err != nil:
		resp.Diagnostics.AddError(fmt.Sprintf("Reading database user %q in project %s failed", username, projectID), atlas.WithHint(err))
		return
	}
	description := state.Description
	state.applyUser(projectID, u)
	state.Description = keepEmptyDescription(description, state.Description)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

func (r *userResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	ctx, ok := r.Begin(ctx, req.ProviderMeta, "mongodbatlas_database_user", providerdata.OpUpdate, &resp.Diagnostics)
	if !ok {
		return
	}
	var plan, state, cfg resourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	// Atlas never returns the password, so one is sent only when it changes:
	// a new password, or a new password_wo_version with password_wo.
	password := ""
	if !plan.Password.IsNull() && !plan.Password.Equal(state.Password) {
		password = plan.Password.ValueString()
	}
	if !plan.PasswordWOVersion.Equal(state.PasswordWOVersion) && !cfg.PasswordWO.IsNull() {
		password = cfg.PasswordWO.ValueString()
	}
	in, diags := newWrite(ctx, &plan, password)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	projectID := state.ProjectID.ValueString()
	updated, err := r.Client.UpdateDatabaseUser(ctx, projectID, in)
	if err != nil {
		resp.Diagnostics.AddError(fmt.Sprintf("Updating database user %q in project %s failed", in.Username, projectID), atlas.WithHint(err))
		return
	}
	next := plan
	next.applyUser(projectID, updated)
	next.Description = keepEmptyDescription(plan.Description, next.Description)
	resp.Diagnostics.Append(resp.State.Set(ctx, &next)...)
	resp.Diagnostics.Append(importid.SetIdentity(ctx, resp.Identity, identityOf(&next))...)
}

func (r *userResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	ctx, ok := r.Begin(ctx, req.ProviderMeta, "mongodbatlas_database_user", providerdata.OpDelete, &resp.Diagnostics)
	if !ok {
		return
	}
	var state resourceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	projectID, username, db := state.ProjectID.ValueString(), state.Username.ValueString(), state.AuthDatabaseName.ValueString()
	err := r.Client.DeleteDatabaseUser(ctx, projectID, db, username)
	if err != nil && !atlas.IsNotFound(err) {
		resp.Diagnostics.AddError(fmt.Sprintf("Deleting database user %q in project %s failed", username, projectID), atlas.WithHint(err))
	}
}

func (r *userResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	if importid.ByIdentity(req.ID, req.Identity) {
		var identity identityModel
		resp.Diagnostics.Append(req.Identity.Get(ctx, &identity)...)
		if resp.Diagnostics.HasError() {
			return
		}
		projectID, username, db := identity.ProjectID.ValueString(), identity.Username.ValueString(), identity.AuthDatabaseName.ValueString()
		if err := importid.CheckDatabaseUser(projectID, username, db); err != nil {
			resp.Diagnostics.AddError("Invalid identity for "+typeName, err.Error())
			return
		}
		resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("project_id"), projectID)...)
		resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("username"), username)...)
		resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("auth_database_name"), db)...)
		return
	}
	projectID, username, db, err := importid.DatabaseUser(req.ID, typeName)
	if err != nil {
		resp.Diagnostics.AddError("Invalid import ID", err.Error())
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("project_id"), projectID)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("username"), username)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("auth_database_name"), db)...)
}
