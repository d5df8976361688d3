package importid

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/identityschema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/resources/validate"
)

// SetIdentity stores a resource's identity. identity is nil when the CLI
// predates resource identity (before Terraform 1.12), which has nowhere to keep it.
func SetIdentity(ctx context.Context, identity *tfsdk.ResourceIdentity, value any) diag.Diagnostics {
	if identity == nil {
		return nil
	}
	return identity.Set(ctx, value)
}

// ByIdentity reports whether an import came from an import block's identity
// attribute rather than from an import ID.
func ByIdentity(id string, identity *tfsdk.ResourceIdentity) bool {
	return id == "" && identity != nil && !identity.Raw.IsNull()
}

// HexID is the identity of a resource named by one 24-hex id, the same value
// as its import ID (a project, a Cloud Manager project): { id }.
type HexID struct {
	ID types.String `tfsdk:"id"`
}

// NewHexID is the identity of the object with that id.
func NewHexID(id string) HexID { return HexID{ID: types.StringValue(id)} }

// HexIDSchema is HexID's schema; description says what the id names.
func HexIDSchema(description string) identityschema.Schema {
	return identityschema.Schema{Attributes: map[string]identityschema.Attribute{
		"id": identityschema.StringAttribute{RequiredForImport: true, Description: description},
	}}
}

// SetHexID is the ImportState of a resource whose import ID is one 24-hex id
// and whose identity is that id in the attribute "id" (a project): it checks
// the id, from the import ID or from an import block's identity, and sets the
// id attribute. kind is the resource type and what names the id in the errors,
// e.g. "project id". It reports whether the id was set.
func SetHexID(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse, kind, what string) bool {
	id := req.ID
	if ByIdentity(req.ID, req.Identity) {
		var identity HexID
		resp.Diagnostics.Append(req.Identity.Get(ctx, &identity)...)
		if resp.Diagnostics.HasError() {
			return false
		}
		id = identity.ID.ValueString()
		if !validate.IsHexID(id) {
			resp.Diagnostics.AddAttributeError(path.Root("id"), "Invalid identity for "+kind,
				fmt.Sprintf("identity.id must be the %s: 24 hexadecimal characters, for example "+
					"identity = { id = \"5f1e2d3c4b5a697887766554\" }. Got %q.", what, id))
			return false
		}
	} else if !validate.IsHexID(id) {
		resp.Diagnostics.AddError("Invalid import ID for "+kind,
			fmt.Sprintf("The import ID must be the %s: 24 hexadecimal characters, for example "+
				"terraform import %s.example 5f1e2d3c4b5a697887766554. Got %q.", what, kind, id))
		return false
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), id)...)
	return !resp.Diagnostics.HasError()
}
