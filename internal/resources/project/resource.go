// Package project implements mongodbatlas_project and its data sources.
package project

import (
	"context"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/atlas"
	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/resources/converge"
	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/resources/importid"
	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/resources/providerdata"
	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/resources/tags"
)

const defaultTimeout = 30 * time.Minute

var (
	_ resource.Resource                = (*projectResource)(nil)
	_ resource.ResourceWithConfigure   = (*projectResource)(nil)
	_ resource.ResourceWithImportState = (*projectResource)(nil)
)

type projectResource struct {
	providerdata.ResourceBase
}

// NewResource is the mongodbatlas_project constructor.
func NewResource() resource.Resource { return &projectResource{} }

func (r *projectResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_project"
}

func (r *projectResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = resourceSchema(ctx)
}

func (r *projectResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	ctx, ok := r.Begin(ctx, req.ProviderMeta, "mongodbatlas_project", providerdata.OpCreate, &resp.Diagnostics)
	if !ok {
		return
	}
	var plan, config resourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	if resp.Diagnostics.HasError() {
		return
	}
	timeout, diags := plan.Timeouts.Create(ctx, defaultTimeout)
	resp.Diagnostics.Append(diags...)
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()

	in, diags := newCreateRequest(ctx, &plan)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	created, _, ok := converge.Create(ctx, r.Client, converge.Object{Kind: "project", Name: in.Name, Where: "in organization " + in.OrgID,
		Import: "terraform import <address> <project id>"},
		atlas.CreateSteps[*atlas.Project]{
			Post: func(ctx context.Context) (*atlas.Project, error) { return r.Client.CreateProject(ctx, in) },
			Find: func(ctx context.Context) (*atlas.Project, bool, error) {
				found, err := r.findByName(ctx, in.OrgID, in.Name)
				return found, found != nil, err
			},
			DuplicateCodes: []string{"GROUP_ALREADY_EXISTS"},
		},
		func(summary string, err error, diags *diag.Diagnostics) { addCreateError(diags, summary, err) },
		&resp.Diagnostics)
	if !ok {
		return
	}

	// Save the identity first: if a later step fails, the project stays in state
	// (tainted) instead of being orphaned in Atlas.
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), created.ID)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("name"), created.Name)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("org_id"), created.OrgID)...)
	resp.Diagnostics.Append(importid.SetIdentity(ctx, resp.Identity, importid.NewHexID(created.ID))...)

	state := plan
	state.applyProject(created)
	state.IPAddresses = ipAddressesValue(nil) // a new project has no clusters
	if created.WithDefaultAlertsSettings == nil {
		state.WithDefaultAlertsSettings = plan.WithDefaultAlertsSettings
	}

	failed := func(step string, err error) {
		resp.Diagnostics.AddError(fmt.Sprintf("Project %q was created but %s failed", created.Name, step),
			fmt.Sprintf("%s\n\nThe project (id %s) is kept in the Terraform state and marked tainted; the next apply replaces it. "+
				"Fix the cause above, or run terraform untaint if the project is fine as it is.", err, created.ID))
	}

	settings, err := r.applySettings(ctx, created.ID, state.settingsModel, nil)
	if err != nil {
		failed("updating its settings", err)
		return
	}
	state.settingsModel = settingsFromAPI(settings)

	if limits, err := r.applyLimits(ctx, created.ID, plan.Limits, types.SetNull(limitType)); err != nil {
		failed("setting its limits", err)
		return
	} else {
		state.Limits = limits
	}
	if err := r.applyTeams(ctx, created.ID, plan.Teams, types.SetNull(teamType)); err != nil {
		failed("assigning its teams", err)
		return
	}

	if !config.IsSlowOperationThresholdingEnabled.IsNull() {
		if err := r.Client.SetManagedSlowMs(ctx, created.ID, plan.IsSlowOperationThresholdingEnabled.ValueBool()); err != nil {
			failed("setting is_slow_operation_thresholding_enabled", err)
			return
		}
		resp.Diagnostics.Append(resp.Private.SetKey(ctx, privateSlowMs, []byte("true"))...)
	} else {
		state.IsSlowOperationThresholdingEnabled = types.BoolNull()
	}
	if state.RegionUsageRestrictions.IsUnknown() {
		state.RegionUsageRestrictions = types.StringNull()
	}
	resp.Diagnostics.Append(rememberSettingsManaged(ctx, resp.Private, config.settingsModel)...)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

func (r *projectResource) findByName(ctx context.Context, orgID, name string) (*atlas.Project, error) {
	candidates, err := r.Client.ListOrgProjects(ctx, orgID, name)
	if err != nil {
		return nil, err
	}
	for i := range candidates {
		if candidates[i].Name == name {
			return &candidates[i], nil
		}
	}
	return nil, nil
}

// addCreateError explains Atlas's refusal of a create.
func addCreateError(diags *diag.Diagnostics, summary string, err error) {
	switch {
	case atlas.HasErrorCode(err, "GROUP_ALREADY_EXISTS"):
		diags.AddAttributeError(path.Root("name"), summary,
			fmt.Sprintf("%s\n\nA project with this name already exists. Choose another name, or bring the existing project under Terraform "+
				"with: terraform import <address> <project id>", err))
	case atlas.HasErrorCode(err, "INVALID_GROUP_NAME", "INVALID_GROUP_NAME_10GEN"):
		diags.AddAttributeError(path.Root("name"), summary, err.Error())
	default:
		diags.AddError(summary, fmt.Sprintf("%s\n\n%s", err, hint(err)))
	}
}

func (r *projectResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	ctx, ok := r.Begin(ctx, req.ProviderMeta, "mongodbatlas_project", providerdata.OpRead, &resp.Diagnostics)
	if !ok {
		return
	}
	var state resourceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	id := state.ID.ValueString()
	// The framework wants an identity from every Read that does not fail, even one
	// that removes the resource from state; state written before resources had an
	// identity gets one here, on its first refresh.
	resp.Diagnostics.Append(importid.SetIdentity(ctx, resp.Identity, importid.NewHexID(id))...)
	// The first Read after an import reads what only an import needs (the limits
	// Atlas does not have at their default, the managed slow operation threshold)
	// and stores "no tags" as {}.
	imported := importid.Importing(ctx, req.Private)
	p, err := r.Client.GetProject(ctx, id)
	switch {
	case atlas.HasErrorCode(err, "NOT_ATLAS_GROUP"):
		resp.Diagnostics.AddError(fmt.Sprintf("Project %s is not an Atlas project", id), cloudManagerMixUp(id))
		return
	case atlas.IsNotFound(err) && imported:
		resp.Diagnostics.AddError(fmt.Sprintf("Cannot import project %s: it does not exist", id),
			fmt.Sprintf("Atlas has no project with id %s. The import ID of mongodbatlas_project is the project id.\n\n%s", id, atlas.WithHint(err)))
		return
	case atlas.IsNotFound(err):
		resp.Diagnostics.AddWarning(fmt.Sprintf("Project %s no longer exists", id),
			fmt.Sprintf("Atlas reports that project %q (id %s) does not exist any more, so it was removed from the Terraform state. "+
				"The next plan shows it being created again.", state.Name.ValueString(), id))
		resp.State.RemoveResource(ctx)
		return
	case err != nil:
		resp.Diagnostics.AddError(fmt.Sprintf("Reading project %s failed", id), fmt.Sprintf("%s\n\n%s", err, hint(err)))
		return
	}
	managed, _ := req.Private.GetKey(ctx, privateSlowMs)
	noSettings, _ := req.Private.GetKey(ctx, privateNoSettings)
	keepSlowMs, diags := r.refresh(ctx, p, &state, imported, noSettings == nil, managed != nil)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	if keepSlowMs {
		resp.Diagnostics.Append(resp.Private.SetKey(ctx, privateSlowMs, []byte("true"))...)
	}
	if imported {
		resp.Diagnostics.Append(importid.ImportDone(ctx, resp.Private)...)
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

func (r *projectResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	ctx, ok := r.Begin(ctx, req.ProviderMeta, "mongodbatlas_project", providerdata.OpUpdate, &resp.Diagnostics)
	if !ok {
		return
	}
	var plan, state, config resourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	if resp.Diagnostics.HasError() {
		return
	}
	timeout, diags := plan.Timeouts.Update(ctx, defaultTimeout)
	resp.Diagnostics.Append(diags...)
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()

	id := state.ID.ValueString()
	name := plan.Name.ValueString()
	failed := func(step string, err error) {
		resp.Diagnostics.AddError(fmt.Sprintf("Updating project %q (%s) failed while %s", name, id, step), fmt.Sprintf("%s\n\n%s", err, hint(err)))
	}

	next := plan
	// Values Atlas owns keep their prior value unless a response says otherwise.
	next.ID, next.ClusterCount, next.Created = state.ID, state.ClusterCount, state.Created
	next.RegionUsageRestrictions = state.RegionUsageRestrictions
	next.IPAddresses = state.IPAddresses

	update, err := projectUpdate(ctx, &plan, &state)
	if err != nil {
		failed("reading tags", err)
		return
	}
	if update.Name != nil || update.Tags != nil {
		p, err := r.Client.UpdateProject(ctx, id, update)
		if err != nil {
			failed("changing its name or tags", err)
			return
		}
		withDefault := next.WithDefaultAlertsSettings
		next.applyProject(p)
		if p.WithDefaultAlertsSettings == nil {
			next.WithDefaultAlertsSettings = withDefault
		}
	}

	settings, err := r.applySettings(ctx, id, plan.settingsModel, &state.settingsModel)
	if err != nil {
		failed("changing its settings", err)
		return
	}
	if settings == nil && plan.settingsModel.hasUnknown() {
		// A setting Atlas did not report before has no prior value to keep.
		settings, err = r.Client.GetProjectSettings(ctx, id)
		if err != nil {
			failed("reading its settings", err)
			return
		}
	}
	if settings != nil {
		next.settingsModel = settingsFromAPI(settings)
	}

	limits, err := r.applyLimits(ctx, id, plan.Limits, state.Limits)
	if err != nil {
		failed("changing its limits", err)
		return
	}
	next.Limits = limits

	if err := r.applyTeams(ctx, id, plan.Teams, state.Teams); err != nil {
		failed("changing its teams", err)
		return
	}

	if !config.IsSlowOperationThresholdingEnabled.IsNull() {
		if !plan.IsSlowOperationThresholdingEnabled.Equal(state.IsSlowOperationThresholdingEnabled) {
			if err := r.Client.SetManagedSlowMs(ctx, id, plan.IsSlowOperationThresholdingEnabled.ValueBool()); err != nil {
				failed("setting is_slow_operation_thresholding_enabled", err)
				return
			}
		}
		resp.Diagnostics.Append(resp.Private.SetKey(ctx, privateSlowMs, []byte("true"))...)
	} else {
		next.IsSlowOperationThresholdingEnabled = state.IsSlowOperationThresholdingEnabled
		resp.Diagnostics.Append(resp.Private.SetKey(ctx, privateSlowMs, nil)...)
	}
	resp.Diagnostics.Append(rememberSettingsManaged(ctx, resp.Private, config.settingsModel)...)
	resp.Diagnostics.Append(resp.State.Set(ctx, &next)...)
	resp.Diagnostics.Append(importid.SetIdentity(ctx, resp.Identity, importid.NewHexID(id))...)
}

// projectUpdate builds the PATCH /groups/{id} body: only what changed.
func projectUpdate(ctx context.Context, plan, state *resourceModel) (atlas.ProjectUpdate, error) {
	var update atlas.ProjectUpdate
	if !plan.Name.Equal(state.Name) {
		name := plan.Name.ValueString()
		update.Name = &name
	}
	if !tags.Equal(plan.Tags, state.Tags) {
		list, diags := tags.FromMap(ctx, plan.Tags)
		if diags.HasError() {
			return update, fmt.Errorf("converting tags: %v", diags)
		}
		update.Tags = &list
	}
	return update, nil
}

func (r *projectResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	ctx, ok := r.Begin(ctx, req.ProviderMeta, "mongodbatlas_project", providerdata.OpDelete, &resp.Diagnostics)
	if !ok {
		return
	}
	var state resourceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	timeout, diags := state.Timeouts.Delete(ctx, defaultTimeout)
	resp.Diagnostics.Append(diags...)
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()

	resp.Diagnostics.Append(r.deleteUntilGone(ctx, state.ID.ValueString(), state.Name.ValueString(), timeout)...)
}

func (r *projectResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	if importid.SetHexID(ctx, req, resp, "mongodbatlas_project", "project id") {
		resp.Diagnostics.Append(importid.MarkImporting(ctx, resp.Private)...)
	}
}

// hint tells the user what to do about common API failures.
func hint(err error) string {
	apiErr, ok := atlas.AsError(err)
	switch {
	case ok && apiErr.ErrorCode == atlas.CodeIPNotOnAccessList:
		return atlas.AccessListHint(apiErr)
	case ok && apiErr.Status == 403:
		return "The credentials lack permission for this project: it needs the Project Owner role (Organization Project Creator to create projects)."
	case !ok, apiErr.Status == 401, apiErr.Status == 429, apiErr.Status >= 500:
		return atlas.Hint(err) // shared with the other resources: network, credentials, token renewal, rate limits, Atlas-side failures
	}
	return "Fix the value Atlas rejected and apply again."
}

func cloudManagerMixUp(id string) string {
	what := "Project " + id
	if id == "" { // the data source read by name
		what = "The project"
	}
	return fmt.Sprintf("%s belongs to Cloud Manager or Ops Manager, not Atlas. Manage it with the mongodbatlas_cloud_manager_project resource "+
		"(or read it with the mongodbatlas_cloud_manager_project data source) instead of mongodbatlas_project.", what)
}
