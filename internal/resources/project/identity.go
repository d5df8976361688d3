package project

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/resources/importid"
)

var _ resource.ResourceWithIdentity = (*projectResource)(nil)

// IdentitySchema: the project id, the same value as its import ID.
func (r *projectResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = importid.HexIDSchema("The project id: 24 hexadecimal characters.")
}
