package importid

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
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
