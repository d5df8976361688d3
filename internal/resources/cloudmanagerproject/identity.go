package cloudmanagerproject

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/resources/importid"
)

var _ resource.ResourceWithIdentity = (*cloudManagerProjectResource)(nil)

// IdentitySchema: the project id, the same value as its import ID.
func (r *cloudManagerProjectResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = importid.HexIDSchema("The Cloud Manager or Ops Manager project id: 24 hexadecimal characters.")
}
