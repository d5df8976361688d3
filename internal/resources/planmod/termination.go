package planmod

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// GuardTerminationProtection fails a plan that would destroy or replace a
// resource whose state has termination_protection_enabled = true, before any
// request is sent. replaceAttrs are the attributes whose change replaces the
// resource. Call it from ModifyPlan.
func GuardTerminationProtection(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse, kind string, replaceAttrs ...path.Path) {
	if req.State.Raw.IsNull() {
		return // nothing exists yet
	}
	var protected types.Bool
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("termination_protection_enabled"), &protected)...)
	if !protected.ValueBool() {
		return
	}
	var name, project types.String
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("name"), &name)...)
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("project_id"), &project)...)
	what := fmt.Sprintf("%s %q in project %s", kind, name.ValueString(), project.ValueString())

	if req.Plan.Raw.IsNull() {
		resp.Diagnostics.AddError(fmt.Sprintf("Termination protection forbids destroying %s", what),
			fmt.Sprintf("The %s has termination_protection_enabled = true, so Terraform will not destroy it and nothing was sent to Atlas. "+
				"If you really mean to delete it, first set termination_protection_enabled = false and apply, then destroy.", what))
		return
	}
	for _, p := range replaceAttrs {
		var before, after types.String
		resp.Diagnostics.Append(req.State.GetAttribute(ctx, p, &before)...)
		resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, p, &after)...)
		if after.IsUnknown() || before.Equal(after) {
			continue
		}
		resp.Diagnostics.AddAttributeError(p, fmt.Sprintf("Termination protection forbids replacing %s", what),
			fmt.Sprintf("Changing %s from %s to %s replaces the %s, which would delete it, but it has termination_protection_enabled = true. "+
				"Nothing was sent to Atlas. Either keep %s as it is, or first set termination_protection_enabled = false and apply, then make this change.",
				p, before, after, what, p))
	}
}
