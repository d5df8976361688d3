package databaseuser

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/atlas"
	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/resources/importid"
	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/resources/tfvalue"
)

// userModel is what Atlas reports about a user, as Terraform values. The
// collections are Terraform sets in the resource and the plural data source,
// lists in the single data source; the caller picks (see newUserModel).
type userModel struct {
	ProjectID        types.String `tfsdk:"project_id"`
	Username         types.String `tfsdk:"username"`
	AuthDatabaseName types.String `tfsdk:"auth_database_name"`
	X509Type         types.String `tfsdk:"x509_type"`
	AWSIAMType       types.String `tfsdk:"aws_iam_type"`
	LDAPAuthType     types.String `tfsdk:"ldap_auth_type"`
	OIDCAuthType     types.String `tfsdk:"oidc_auth_type"`
	Description      types.String `tfsdk:"description"`
	ID               types.String `tfsdk:"id"`
}

type resourceModel struct {
	userModel
	Password          types.String `tfsdk:"password"`
	PasswordWO        types.String `tfsdk:"password_wo"`
	PasswordWOVersion types.Int64  `tfsdk:"password_wo_version"`
	Roles             types.Set    `tfsdk:"roles"`
	Scopes            types.Set    `tfsdk:"scopes"`
	Labels            types.Set    `tfsdk:"labels"`
}

// listUserModel is the single data source's shape.
type listUserModel struct {
	userModel
	Roles  types.List `tfsdk:"roles"`
	Scopes types.List `tfsdk:"scopes"`
	Labels types.List `tfsdk:"labels"`
}

// setUserModel is one result of the plural data source.
type setUserModel struct {
	userModel
	Roles  types.Set `tfsdk:"roles"`
	Scopes types.Set `tfsdk:"scopes"`
	Labels types.Set `tfsdk:"labels"`
}

type roleModel struct {
	RoleName       types.String `tfsdk:"role_name"`
	DatabaseName   types.String `tfsdk:"database_name"`
	CollectionName types.String `tfsdk:"collection_name"`
}

type scopeModel struct {
	Name types.String `tfsdk:"name"`
	Type types.String `tfsdk:"type"`
}

type labelModel struct {
	Key   types.String `tfsdk:"key"`
	Value types.String `tfsdk:"value"`
}

// stateID is the official provider's id for a database user.
func stateID(projectID, username, authDatabase string) string {
	return importid.EncodeStateID(map[string]string{"project_id": projectID, "username": username, "auth_database_name": authDatabase})
}

func newUserModel(projectID string, u *atlas.DatabaseUser) userModel {
	none := func(s string) types.String {
		if s == "" {
			s = "NONE"
		}
		return types.StringValue(s)
	}
	return userModel{
		ProjectID:        types.StringValue(projectID),
		Username:         types.StringValue(u.Username),
		AuthDatabaseName: types.StringValue(u.DatabaseName),
		X509Type:         none(u.X509Type),
		AWSIAMType:       none(u.AWSIAMType),
		LDAPAuthType:     none(u.LDAPAuthType),
		OIDCAuthType:     none(u.OIDCAuthType),
		Description:      tfvalue.OptionalString(u.Description),
		ID:               types.StringValue(stateID(projectID, u.Username, u.DatabaseName)),
	}
}

// collections converts roles, scopes and labels to Terraform objects.
func collections(u *atlas.DatabaseUser) (roles, scopes, labels []attr.Value) {
	roles, scopes, labels = []attr.Value{}, []attr.Value{}, []attr.Value{}
	for _, r := range u.Roles {
		roles = append(roles, types.ObjectValueMust(roleAttrTypes, map[string]attr.Value{
			"role_name": types.StringValue(r.RoleName), "database_name": types.StringValue(r.DatabaseName),
			"collection_name": tfvalue.OptionalString(r.CollectionName),
		}))
	}
	for _, s := range u.Scopes {
		scopes = append(scopes, types.ObjectValueMust(scopeAttrTypes, map[string]attr.Value{
			"name": types.StringValue(s.Name), "type": types.StringValue(s.Type),
		}))
	}
	for _, l := range u.Labels {
		labels = append(labels, types.ObjectValueMust(labelAttrTypes, map[string]attr.Value{
			"key": types.StringValue(l.Key), "value": types.StringValue(l.Value),
		}))
	}
	return roles, scopes, labels
}

func newSetUserModel(projectID string, u *atlas.DatabaseUser) setUserModel {
	roles, scopes, labels := collections(u)
	return setUserModel{
		userModel: newUserModel(projectID, u),
		Roles:     types.SetValueMust(roleType, roles),
		Scopes:    types.SetValueMust(scopeType, scopes),
		Labels:    types.SetValueMust(labelType, labels),
	}
}

func newListUserModel(projectID string, u *atlas.DatabaseUser) listUserModel {
	roles, scopes, labels := collections(u)
	return listUserModel{
		userModel: newUserModel(projectID, u),
		Roles:     types.ListValueMust(roleType, roles),
		Scopes:    types.ListValueMust(scopeType, scopes),
		Labels:    types.ListValueMust(labelType, labels),
	}
}

// applyUser refreshes state from Atlas. The passwords are kept: Atlas never
// returns them. An empty scopes or labels set stays null when it was null, so
// a configuration without those blocks plans no change.
func (m *resourceModel) applyUser(projectID string, u *atlas.DatabaseUser) {
	s := newSetUserModel(projectID, u)
	m.userModel = s.userModel
	m.Roles = s.Roles
	m.Scopes = keepNullIfEmpty(m.Scopes, s.Scopes)
	m.Labels = keepNullIfEmpty(m.Labels, s.Labels)
	m.PasswordWO = types.StringNull() // write-only: never in state
}

func keepNullIfEmpty(prior, next types.Set) types.Set {
	if prior.IsNull() && len(next.Elements()) == 0 {
		return prior
	}
	return next
}

// newWrite builds the create or update input from the plan. password is the
// password to send, "" for none.
func newWrite(ctx context.Context, plan *resourceModel, password string) (atlas.DatabaseUserWrite, diag.Diagnostics) {
	var diags diag.Diagnostics
	in := atlas.DatabaseUserWrite{
		Username:     plan.Username.ValueString(),
		DatabaseName: plan.AuthDatabaseName.ValueString(),
		Password:     password,
		X509Type:     plan.X509Type.ValueString(), // unknown reads as "": Atlas's default NONE
		AWSIAMType:   plan.AWSIAMType.ValueString(),
		LDAPAuthType: plan.LDAPAuthType.ValueString(),
		OIDCAuthType: plan.OIDCAuthType.ValueString(),
		Description:  plan.Description.ValueString(),
		Roles:        []atlas.DatabaseUserRole{},
		Scopes:       []atlas.DatabaseUserScope{},
		Labels:       []atlas.Tag{},
	}
	var roles []roleModel
	var scopes []scopeModel
	var labels []labelModel
	if !plan.Roles.IsNull() && !plan.Roles.IsUnknown() {
		diags.Append(plan.Roles.ElementsAs(ctx, &roles, false)...)
	}
	if !plan.Scopes.IsNull() && !plan.Scopes.IsUnknown() {
		diags.Append(plan.Scopes.ElementsAs(ctx, &scopes, false)...)
	}
	if !plan.Labels.IsNull() && !plan.Labels.IsUnknown() {
		diags.Append(plan.Labels.ElementsAs(ctx, &labels, false)...)
	}
	for _, r := range roles {
		in.Roles = append(in.Roles, atlas.DatabaseUserRole{RoleName: r.RoleName.ValueString(), DatabaseName: r.DatabaseName.ValueString(),
			CollectionName: r.CollectionName.ValueString()})
	}
	for _, s := range scopes {
		in.Scopes = append(in.Scopes, atlas.DatabaseUserScope{Name: s.Name.ValueString(), Type: s.Type.ValueString()})
	}
	for _, l := range labels {
		in.Labels = append(in.Labels, atlas.Tag{Key: l.Key.ValueString(), Value: l.Value.ValueString()})
	}
	return in, diags
}
