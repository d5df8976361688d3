package project

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/identityschema"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

var _ resource.ResourceWithIdentity = (*projectResource)(nil)

// identityModel is the resource identity of mongodbatlas_project: the project id,
// the same value as its import ID.
type identityModel struct {
	ID types.String `tfsdk:"id"`
}

func identitySchema() identityschema.Schema {
	return identityschema.Schema{Attributes: map[string]identityschema.Attribute{
		"id": identityschema.StringAttribute{RequiredForImport: true, Description: "The project id: 24 hexadecimal characters."},
	}}
}

func (r *projectResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = identitySchema()
}

func newIdentity(id string) identityModel { return identityModel{ID: types.StringValue(id)} }
