// Package planmod holds plan modifiers shared by several resources.
package planmod

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// CreateOnlyString makes a change to an attribute that Atlas only accepts at
// creation a plan-time error, instead of a surprise replacement or an update
// that silently does nothing. A value that was never stored (null in state,
// for example after import) may be set without error.
func CreateOnlyString() planmodifier.String { return createOnlyString{} }

type createOnlyString struct{}

func (createOnlyString) Description(context.Context) string {
	return "Can only be set when the resource is created."
}
func (m createOnlyString) MarkdownDescription(ctx context.Context) string { return m.Description(ctx) }

func (createOnlyString) PlanModifyString(ctx context.Context, req planmodifier.StringRequest, resp *planmodifier.StringResponse) {
	if req.State.Raw.IsNull() || req.Plan.Raw.IsNull() {
		return // create or destroy
	}
	if req.StateValue.IsNull() {
		return
	}
	// Removing the value from the configuration only forgets it: nothing is sent to Atlas.
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() || req.ConfigValue.Equal(req.StateValue) {
		return
	}
	addCreateOnlyError(&resp.Diagnostics, req.Path, req.StateValue.String(), req.ConfigValue.String())
}

// CreateOnlyBool is CreateOnlyString for a bool that also has a default applied
// at creation when the configuration leaves it out. After creation a missing
// configuration value keeps the stored value instead of reverting to the default.
func CreateOnlyBool(defaultValue bool) planmodifier.Bool { return createOnlyBool{def: defaultValue} }

type createOnlyBool struct{ def bool }

func (m createOnlyBool) Description(context.Context) string {
	return fmt.Sprintf("Can only be set when the resource is created; defaults to %t.", m.def)
}
func (m createOnlyBool) MarkdownDescription(ctx context.Context) string { return m.Description(ctx) }

func (m createOnlyBool) PlanModifyBool(ctx context.Context, req planmodifier.BoolRequest, resp *planmodifier.BoolResponse) {
	if req.Plan.Raw.IsNull() {
		return // destroy
	}
	if req.State.Raw.IsNull() {
		if req.ConfigValue.IsNull() {
			resp.PlanValue = types.BoolValue(m.def)
		}
		return
	}
	if req.ConfigValue.IsNull() {
		resp.PlanValue = req.StateValue
		return
	}
	if req.StateValue.IsNull() || req.ConfigValue.IsUnknown() || req.ConfigValue.Equal(req.StateValue) {
		return
	}
	addCreateOnlyError(&resp.Diagnostics, req.Path, req.StateValue.String(), req.ConfigValue.String())
}

type diagAdder interface {
	AddAttributeError(path.Path, string, string)
}

func addCreateOnlyError(diags diagAdder, p path.Path, stateValue, configValue string) {
	diags.AddAttributeError(p, fmt.Sprintf("%s cannot be changed", p),
		fmt.Sprintf("%s can only be set when the resource is created. The resource has %s, the configuration now says %s. "+
			"Change the configuration back to %s (or remove the attribute), or replace the resource with "+
			"terraform apply -replace=<address> if you really want a new one.", p, stateValue, configValue, stateValue))
}
