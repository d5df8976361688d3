package cloudmanagerproject

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/atlas"
)

var _ resource.ResourceWithModifyPlan = (*cloudManagerProjectResource)(nil)

// ModifyPlan refuses, at plan time, a new project without org_id when the provider talks
// to MongoDB's hosted Cloud Manager, which requires it. Only an Ops Manager creates an
// organization for a project made without one; for other hosts the server's answer decides.
func (r *cloudManagerProjectResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if !req.State.Raw.IsNull() || req.Plan.Raw.IsNull() || r.Client == nil {
		return
	}
	var orgID types.String
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("org_id"), &orgID)...)
	if resp.Diagnostics.HasError() || !orgID.IsNull() || !r.Client.CloudManagerIsMongoDBCloud() {
		return
	}
	resp.Diagnostics.AddAttributeError(path.Root("org_id"), "org_id is required by Cloud Manager",
		fmt.Sprintf("cloud_manager_base_url is %s, MongoDB's hosted Cloud Manager, which only creates a project inside an existing organization. "+
			"Set org_id to the id of the organization (24 hexadecimal characters; Cloud Manager shows it under Organization Settings). "+
			"Leaving org_id out is only possible with an Ops Manager, which then creates a new organization for the project.", r.Client.CloudManagerBaseURL()))
}

// addOrgCreateError explains the answers to a create that concern the organization, and
// reports whether it did.
func addOrgCreateError(diags *diag.Diagnostics, summary string, orgIDSet bool, err error) bool {
	apiErr, ok := atlas.AsError(err)
	switch {
	case !ok:
		return false
	case apiErr.ErrorCode == "MISSING_ATTRIBUTE" && !orgIDSet:
		diags.AddAttributeError(path.Root("org_id"), summary,
			fmt.Sprintf("%s\n\nThis server requires org_id: Cloud Manager (and an Ops Manager that does not create organizations) only creates a project "+
				"inside an existing organization. Set org_id to the organization's id (24 hexadecimal characters).", err))
		return true
	case apiErr.Status == 403 && !orgIDSet:
		diags.AddAttributeError(path.Root("org_id"), summary,
			fmt.Sprintf("%s\n\nWithout org_id, Ops Manager creates a new organization for the project, which needs the Global Owner role: "+
				"use a global API key (created under Admin, then API Keys), or set org_id to an organization the API key belongs to.", err))
		return true
	}
	return false
}

// notTheAPI reports a 404 that is not about the project: the path itself is unknown
// (RESOURCE_NOT_FOUND, or no error code at all), as when cloud_manager_base_url has a path
// the server does not serve. Taking it for "the project is gone" would make Terraform
// forget the project and plan to create it again.
func notTheAPI(err error) bool {
	apiErr, ok := atlas.AsError(err)
	return ok && apiErr.Status == 404 && (apiErr.ErrorCode == "" || apiErr.ErrorCode == "RESOURCE_NOT_FOUND")
}
