package projectipaccesslist

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/identityschema"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

var _ resource.ResourceWithIdentity = (*entryResource)(nil)

// identityModel is the resource identity of mongodbatlas_project_ip_access_list:
// the two parts of its import ID. entry is what the import ID names: the IP
// address, CIDR block or AWS security group id.
type identityModel struct {
	ProjectID types.String `tfsdk:"project_id"`
	Entry     types.String `tfsdk:"entry"`
}

func (r *entryResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = identityschema.Schema{Attributes: map[string]identityschema.Attribute{
		"project_id": identityschema.StringAttribute{RequiredForImport: true, Description: "The id of the project whose access list holds the entry."},
		"entry": identityschema.StringAttribute{RequiredForImport: true,
			Description: "The entry: an IP address, a CIDR block or an AWS security group id, as in the import ID."},
	}}
}

// identityOf names the entry as the import ID does: the security group, else
// the address, else the CIDR block, spelled as in the state, which keeps the
// configuration's spelling, so the identity never changes on refresh.
func identityOf(m *resourceModel) identityModel {
	return identityModel{ProjectID: m.ProjectID, Entry: types.StringValue(m.entryValue())}
}
