package databaseuser

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/identityschema"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

var _ resource.ResourceWithIdentity = (*userResource)(nil)

// identityModel is the resource identity of mongodbatlas_database_user: the
// three parts of its import ID.
type identityModel struct {
	ProjectID        types.String `tfsdk:"project_id"`
	Username         types.String `tfsdk:"username"`
	AuthDatabaseName types.String `tfsdk:"auth_database_name"`
}

func (r *userResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = identityschema.Schema{Attributes: map[string]identityschema.Attribute{
		"project_id":         identityschema.StringAttribute{RequiredForImport: true, Description: "The id of the project that holds the user."},
		"username":           identityschema.StringAttribute{RequiredForImport: true, Description: "The user name."},
		"auth_database_name": identityschema.StringAttribute{RequiredForImport: true, Description: "The authentication database: admin or $external."},
	}}
}

func identityOf(m *resourceModel) identityModel {
	return identityModel{ProjectID: m.ProjectID, Username: m.Username, AuthDatabaseName: m.AuthDatabaseName}
}
