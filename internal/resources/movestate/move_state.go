// Package movestate holds what the resources' MoveState methods share: which
// providers' states they accept, and the move of a resource from the
// official provider into the same type of this provider.
package movestate

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// FromAtlasProvider reports whether a moved block's source provider is a
// provider named mongodbatlas: the official mongodb/mongodbatlas (under
// registry.terraform.io or registry.opentofu.org), this provider, or a copy of
// either in a private registry. They all write the same state for the types
// they share, which is what the moves below rely on. OpenTofu releases before
// 1.11.12 and 1.12.4 send only the provider's type name ("mongodbatlas").
func FromAtlasProvider(address string) bool {
	parts := strings.Split(address, "/")
	return len(parts) <= 3 && parts[len(parts)-1] == "mongodbatlas"
}

// SameType moves a typeName resource from another mongodbatlas provider (in
// practice the official one) into this provider's typeName, for a
// configuration that adopts resources one at a time while the rest stays with
// the official provider. The official state of these types is this
// provider's state (same attributes, same id formats, its serverless id
// encoding included), so the state is taken as it is, exactly as `terraform
// state replace-provider` would take it; attributes this provider does not
// know are dropped. Nothing is sent to Atlas: the refresh that follows the
// move reads the resource.
func SameType(typeName string) resource.StateMover {
	return resource.StateMover{StateMover: func(ctx context.Context, req resource.MoveStateRequest, resp *resource.MoveStateResponse) {
		if req.SourceTypeName != typeName || !FromAtlasProvider(req.SourceProviderAddress) {
			return // not ours to move; the framework tries the other movers, then reports it
		}
		summary := "Cannot move " + typeName + " from " + req.SourceProviderAddress
		if req.SourceRawState == nil {
			resp.Diagnostics.AddError(summary, "The source state is empty.")
			return
		}
		// Every schema of these types, the official provider's and this one's,
		// is version 0. A state of another version has a format this provider
		// does not know, and a version above 0 here would need a conversion.
		if req.SourceSchemaVersion != 0 || resp.TargetState.Schema.GetVersion() != 0 {
			resp.Diagnostics.AddError(summary, fmt.Sprintf(
				"The source state has schema version %d; this provider reads version 0 (the official provider's). "+
					"Use `terraform state replace-provider`, or remove the resource from the state and import it.", req.SourceSchemaVersion))
			return
		}
		target := resp.TargetState.Schema.Type().TerraformType(ctx)
		raw, err := req.SourceRawState.UnmarshalWithOpts(target, tfprotov6.UnmarshalOpts{
			ValueFromJSONOpts: tftypes.ValueFromJSONOpts{IgnoreUndefinedAttributes: true},
		})
		if err != nil {
			resp.Diagnostics.AddError(summary, fmt.Sprintf("Its state does not fit %s: %s", typeName, err))
			return
		}
		resp.TargetState.Raw = raw
	}}
}
