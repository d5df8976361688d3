package serverlessinstance

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/atlas"
)

// settleComputed fills in the computed attributes the framework leaves unknown in any
// update plan (state_name, mongo_db_version, the private endpoint strings), so a plan
// shows only what really changes:
//
//   - When taking their state values makes the plan equal to the state, nothing was going
//     to change, and the plan becomes a no-op. This happens when the configuration says
//     SERVERLESS for an instance whose state says FLEX: the framework sees a difference
//     before serverlessEqualsFlex plans FLEX, and would otherwise plan an update that
//     never goes away.
//   - A tag or termination protection change is sent to Atlas and Update waits until the
//     instance is IDLE; the change touches neither the version nor the private endpoints.
//     So state_name is planned IDLE and the other two keep their state values (Update
//     stores the planned values; see keepPlanned).
//
// Other updates (only timeouts, or continuous backup, which the flex API ignores) do not
// always send anything or wait, so their plans stay as the framework made them.
func settleComputed(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.State.Raw.IsNull() || resp.Plan.Raw.IsNull() || resp.Plan.Raw.Equal(req.State.Raw) || len(resp.RequiresReplace) > 0 {
		return
	}
	var plan, state resourceModel
	if diags := resp.Plan.Get(ctx, &plan); diags.HasError() {
		return
	}
	if diags := req.State.Get(ctx, &state); diags.HasError() {
		return
	}
	settled := plan
	if settled.StateName.IsUnknown() {
		settled.StateName = state.StateName
	}
	if settled.MongoDBVersion.IsUnknown() {
		settled.MongoDBVersion = state.MongoDBVersion
	}
	if settled.ConnectionStringsPrivateEndpointSrv.IsUnknown() {
		settled.ConnectionStringsPrivateEndpointSrv = state.ConnectionStringsPrivateEndpointSrv
	}
	candidate := resp.Plan
	if diags := candidate.Set(ctx, &settled); diags.HasError() {
		return
	}
	if candidate.Raw.Equal(req.State.Raw) {
		resp.Plan = candidate
		return
	}
	if plan.Tags.Equal(state.Tags) && plan.TerminationProtectionEnabled.Equal(state.TerminationProtectionEnabled) {
		return
	}
	if plan.StateName.IsUnknown() {
		settled.StateName = types.StringValue(atlas.StateIdle)
	}
	resp.Diagnostics.Append(resp.Plan.Set(ctx, &settled)...)
}

// keepPlanned stores, after an update, the planned values of the attributes
// settleComputed filled in. Atlas changing one of them between plan and apply would
// otherwise make Terraform reject the apply after Atlas had made the change; the next
// refresh records the new value instead.
func keepPlanned(next *resourceModel, plan resourceModel) {
	if !plan.MongoDBVersion.IsUnknown() && !plan.MongoDBVersion.IsNull() {
		next.MongoDBVersion = plan.MongoDBVersion
	}
	if !plan.ConnectionStringsPrivateEndpointSrv.IsUnknown() && !plan.ConnectionStringsPrivateEndpointSrv.IsNull() {
		next.ConnectionStringsPrivateEndpointSrv = plan.ConnectionStringsPrivateEndpointSrv
	}
}
