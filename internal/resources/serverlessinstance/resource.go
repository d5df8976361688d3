// Package serverlessinstance implements the deprecated
// mongodbatlas_serverless_instance resource and data sources, carrying
// configurations across Atlas's move from serverless instances to flex clusters.
package serverlessinstance

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/atlas"
	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/resources/clusteridentity"
	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/resources/converge"
	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/resources/importid"
	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/resources/planmod"
	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/resources/providerdata"
)

const (
	typeName       = "mongodbatlas_serverless_instance"
	defaultTimeout = 3 * time.Hour
	privateBackend = "backend"
)

var (
	_ resource.ResourceWithConfigure   = (*serverlessResource)(nil)
	_ resource.ResourceWithImportState = (*serverlessResource)(nil)
	_ resource.ResourceWithModifyPlan  = (*serverlessResource)(nil)
	_ resource.ResourceWithIdentity    = (*serverlessResource)(nil)
)

type serverlessResource struct {
	providerdata.ResourceBase
}

// NewResource is the mongodbatlas_serverless_instance constructor.
func NewResource() resource.Resource { return &serverlessResource{} }

func (r *serverlessResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_serverless_instance"
}

func (r *serverlessResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = resourceSchema(ctx)
}

// IdentitySchema: {project_id, name}, the two parts of the import ID, as for
// mongodbatlas_flex_cluster, so a moved block keeps the identity.
func (r *serverlessResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = clusteridentity.Schema("serverless instance")
}

// privateState is the part of private state this resource reads.
type privateState interface {
	GetKey(ctx context.Context, key string) ([]byte, diag.Diagnostics)
}

type privateWriter interface {
	SetKey(ctx context.Context, key string, value []byte) diag.Diagnostics
}

func lastBackend(ctx context.Context, p privateState) string {
	raw, _ := p.GetKey(ctx, privateBackend)
	var backend string
	_ = json.Unmarshal(raw, &backend)
	return backend
}

func rememberBackend(ctx context.Context, p privateWriter, backend string) diag.Diagnostics {
	raw, _ := json.Marshal(backend)
	return p.SetKey(ctx, privateBackend, raw)
}

// ModifyPlan guards termination protection, refuses what a migrated instance
// can no longer do, and warns about options Atlas ignores. Read keeps their
// configured values in state (see instanceModel.apply), so they never cause a
// perpetual diff; changing one plans a one-off update that sends nothing.
func (r *serverlessResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	planmod.GuardTerminationProtection(ctx, req, resp, "serverless instance",
		path.Root("project_id"), path.Root("name"),
		path.Root("provider_settings_backing_provider_name"), path.Root("provider_settings_region_name"))
	if resp.Diagnostics.HasError() || req.State.Raw.IsNull() {
		return
	}
	settleComputed(ctx, req, resp)
	var state resourceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	backend := lastBackend(ctx, req.Private)
	name, projectID := state.Name.ValueString(), state.ProjectID.ValueString()

	if backend == backendCluster {
		if req.Plan.Raw.IsNull() {
			resp.Diagnostics.AddError(fmt.Sprintf("Serverless instance %q was migrated to a free or dedicated cluster", name),
				migratedToClusterAdvice(projectID, name)+" Destroying it through this resource is refused so that the cluster is not deleted by accident; "+
					"if you do want it gone, import it as mongodbatlas_advanced_cluster and destroy it there.")
			return
		}
		if !req.Plan.Raw.Equal(req.State.Raw) {
			resp.Diagnostics.AddError(fmt.Sprintf("Serverless instance %q can no longer be changed", name),
				migratedToClusterAdvice(projectID, name))
		}
		return
	}
	if req.Plan.Raw.IsNull() || backend != backendFlex {
		return
	}
	var config resourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	for _, opt := range []struct {
		name   string
		config types.Bool
	}{{"continuous_backup_enabled", config.ContinuousBackupEnabled}, {"auto_indexing", config.AutoIndexing}} {
		if opt.config.IsNull() {
			continue
		}
		resp.Diagnostics.AddAttributeWarning(path.Root(opt.name), fmt.Sprintf("%s has no effect on %q", opt.name, name),
			fmt.Sprintf("Atlas now runs serverless instance %q as a flex cluster, which ignores %s. The value is kept in the Terraform state only; "+
				"remove it from the configuration to silence this warning.", name, opt.name))
	}
}

func migratedToClusterAdvice(projectID, name string) string {
	return fmt.Sprintf("Atlas migrated serverless instance %q in project %s to a free or dedicated cluster, which the serverless and flex APIs cannot manage. "+
		"It is kept in the Terraform state so that no plan creates a second deployment with the same name. To manage it: "+
		"import it with an import block (to = mongodbatlas_advanced_cluster.<name>, id = %q), "+
		"then remove this resource with a removed block (lifecycle { destroy = false }) or terraform state rm.", name, projectID, projectID+"-"+name)
}

func (r *serverlessResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	ctx, ok := r.Begin(ctx, req.ProviderMeta, "mongodbatlas_serverless_instance", providerdata.OpCreate, &resp.Diagnostics)
	if !ok {
		return
	}
	var plan resourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	timeout, diags := plan.Timeouts.Create(ctx, defaultTimeout)
	resp.Diagnostics.Append(diags...)
	tags, diags := tagsFromSet(ctx, plan.Tags)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	projectID, name := plan.ProjectID.ValueString(), plan.Name.ValueString()
	in := atlas.ServerlessCreate{
		Name:                         name,
		BackingProviderName:          plan.ProviderSettingsBackingProviderName.ValueString(),
		RegionName:                   plan.ProviderSettingsRegionName.ValueString(),
		Tags:                         tags,
		TerminationProtectionEnabled: plan.TerminationProtectionEnabled.ValueBool(),
	}
	if !plan.ContinuousBackupEnabled.IsUnknown() && !plan.ContinuousBackupEnabled.IsNull() {
		v := plan.ContinuousBackupEnabled.ValueBool()
		in.ContinuousBackupEnabled = &v
	}

	inst, _, ok := converge.Create(ctx, r.Client, converge.Object{Kind: "serverless instance", Name: name, Where: "in project " + projectID,
		Import: fmt.Sprintf("terraform import %s.<name> %s-%s", typeName, projectID, name)},
		atlas.CreateSteps[*instance]{
			Post: func(ctx context.Context) (*instance, error) { return r.create(ctx, projectID, in) },
			Find: func(ctx context.Context) (*instance, bool, error) {
				inst, err := find(ctx, r.Client, projectID, name, "")
				if errors.Is(err, errNotFound) {
					return nil, false, nil
				}
				return inst, err == nil, err
			},
			DuplicateCodes: []string{"DUPLICATE_CLUSTER_NAME"},
		},
		func(summary string, err error, diags *diag.Diagnostics) {
			detail := atlas.WithHint(err)
			if atlas.HasErrorCode(err, "DUPLICATE_CLUSTER_NAME") {
				detail += fmt.Sprintf("\n\nA deployment with this name already exists in the project. Choose another name, or import it: terraform import %s.<name> %s-%s", typeName, projectID, name)
			}
			diags.AddError(summary, detail)
		},
		&resp.Diagnostics)
	if !ok {
		return
	}

	state := resourceModel{Timeouts: plan.Timeouts}
	prior := plan.instanceModel
	state.apply(projectID, inst, &prior)
	if state.ContinuousBackupEnabled.IsUnknown() {
		state.ContinuousBackupEnabled = types.BoolValue(false)
	}
	resp.Diagnostics.Append(rememberBackend(ctx, resp.Private, inst.backend())...)
	resp.Diagnostics.Append(clusteridentity.Set(ctx, resp.Identity, projectID, name)...)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...) // saved before waiting: a failed wait leaves it tainted, not forgotten

	final, err := waitForIdle(ctx, r.Client, projectID, name, inst.backend())
	if err != nil {
		resp.Diagnostics.AddError(fmt.Sprintf("Serverless instance %q in project %s did not become ready", name, projectID),
			fmt.Sprintf("%s\n\nThe instance is kept in the Terraform state and marked tainted; the next apply replaces it. "+
				"Run terraform untaint if it becomes IDLE and you want to keep it.", err))
		return
	}
	state.apply(projectID, final, &prior)
	if final.flexBacked() && (!plan.ContinuousBackupEnabled.IsUnknown() || !plan.AutoIndexing.IsUnknown()) {
		resp.Diagnostics.AddWarning(fmt.Sprintf("Atlas created %q as a flex cluster", name),
			"Atlas no longer creates serverless instances: it made a flex cluster, which ignores continuous_backup_enabled and auto_indexing. "+
				"Consider moving the block to mongodbatlas_flex_cluster with a moved block (see the serverless-to-flex guide).")
	}
	resp.Diagnostics.Append(rememberBackend(ctx, resp.Private, final.backend())...)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

// create uses the serverless API while it answers, and the equivalent flex
// call once the serverless create endpoint is gone.
func (r *serverlessResource) create(ctx context.Context, projectID string, in atlas.ServerlessCreate) (*instance, error) {
	s, err := r.Client.CreateServerlessInstance(ctx, projectID, in)
	if err == nil {
		return &instance{serverless: s}, nil
	}
	if !atlas.IsEndpointGone(err) {
		return nil, err
	}
	tflog.Info(ctx, "serverless create endpoint is gone; creating a flex cluster instead", map[string]any{"name": in.Name})
	f, err := r.Client.CreateFlexCluster(ctx, projectID, atlas.FlexClusterCreate{
		Name: in.Name, BackingProviderName: in.BackingProviderName, RegionName: in.RegionName,
		Tags: in.Tags, TerminationProtectionEnabled: in.TerminationProtectionEnabled,
	})
	if err != nil {
		return nil, err
	}
	return &instance{flex: f}, nil
}

func (r *serverlessResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	ctx, ok := r.Begin(ctx, req.ProviderMeta, "mongodbatlas_serverless_instance", providerdata.OpRead, &resp.Diagnostics)
	if !ok {
		return
	}
	var state resourceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	projectID, name := state.ProjectID.ValueString(), state.Name.ValueString()
	if projectID == "" || name == "" {
		// State written by the official provider always has both, but its id carries them too.
		var err error
		if projectID, name, err = DecodeID(state.ID.ValueString()); err != nil {
			resp.Diagnostics.AddError("Cannot identify the serverless instance", err.Error())
			return
		}
	}
	// Set first, whatever the outcome: state written before identities existed
	// gets one on its first refresh, even one that removes the resource or
	// keeps it unchanged (an instance migrated to a dedicated cluster).
	resp.Diagnostics.Append(clusteridentity.Set(ctx, resp.Identity, projectID, name)...)
	importing := importid.Importing(ctx, req.Private)
	inst, err := find(ctx, r.Client, projectID, name, lastBackend(ctx, req.Private))
	switch {
	case errors.Is(err, errNotFound) && importing:
		answer := ""
		if apiErr, ok := atlas.AsError(err); ok {
			answer = "\n\n" + atlas.WithHint(apiErr)
		}
		resp.Diagnostics.AddError(fmt.Sprintf("Cannot import serverless instance %q: it does not exist", name),
			fmt.Sprintf("Neither the serverless nor the flex API knows an instance named %q in project %s (import ID %s-%s). "+
				"Check both parts of the import ID, {project_id}-{name}.%s", name, projectID, projectID, name, answer))
		return
	case errors.Is(err, errNotFound):
		resp.Diagnostics.AddWarning(fmt.Sprintf("Serverless instance %q no longer exists", name),
			fmt.Sprintf("Neither the serverless nor the flex API knows instance %q in project %s any more, so it was removed from the Terraform state. "+
				"The next plan shows it being created again.", name, projectID))
		resp.State.RemoveResource(ctx)
		return
	case err != nil:
		resp.Diagnostics.AddError(fmt.Sprintf("Reading serverless instance %q in project %s failed", name, projectID), atlas.WithHint(err))
		return
	}
	resp.Diagnostics.Append(rememberBackend(ctx, resp.Private, inst.backend())...)
	if importing {
		resp.Diagnostics.Append(importid.ImportDone(ctx, resp.Private)...)
	}
	if inst.backend() == backendCluster {
		// Keep the state as it is: a second deployment with this name must never be planned.
		resp.Diagnostics.AddWarning(fmt.Sprintf("Serverless instance %q is now a free or dedicated cluster", name), migratedToClusterAdvice(projectID, name))
		return
	}
	if importing {
		state = importedModel(projectID, inst)
	} else {
		prior := state.instanceModel
		state.apply(projectID, inst, &prior)
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

func (r *serverlessResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	ctx, ok := r.Begin(ctx, req.ProviderMeta, "mongodbatlas_serverless_instance", providerdata.OpUpdate, &resp.Diagnostics)
	if !ok {
		return
	}
	var plan, state resourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	timeout, diags := plan.Timeouts.Update(ctx, defaultTimeout)
	resp.Diagnostics.Append(diags...)
	tags, diags := tagsFromSet(ctx, plan.Tags)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	projectID, name := state.ProjectID.ValueString(), state.Name.ValueString()
	summary := fmt.Sprintf("Updating serverless instance %q in project %s failed", name, projectID)
	resp.Diagnostics.Append(clusteridentity.Set(ctx, resp.Identity, projectID, name)...)

	inst, err := find(ctx, r.Client, projectID, name, lastBackend(ctx, req.Private))
	if err != nil {
		resp.Diagnostics.AddError(summary, atlas.WithHint(err))
		return
	}
	changed := !plan.Tags.Equal(state.Tags) || !plan.TerminationProtectionEnabled.Equal(state.TerminationProtectionEnabled) ||
		(inst.backend() == backendServerless && !plan.ContinuousBackupEnabled.Equal(state.ContinuousBackupEnabled))
	if changed {
		if err := r.update(ctx, projectID, name, inst, &plan, tags); err != nil {
			resp.Diagnostics.AddError(summary, atlas.WithHint(err))
			return
		}
		if inst, err = waitForIdle(ctx, r.Client, projectID, name, inst.backend()); err != nil {
			resp.Diagnostics.AddError(fmt.Sprintf("Serverless instance %q did not finish updating", name),
				fmt.Sprintf("%s\n\nAtlas accepted the change; apply again once the instance is IDLE, or raise timeouts.update.", err))
			return
		}
	}
	next := plan
	prior := plan.instanceModel
	next.apply(projectID, inst, &prior)
	if changed {
		keepPlanned(&next, plan)
	}
	resp.Diagnostics.Append(rememberBackend(ctx, resp.Private, inst.backend())...)
	resp.Diagnostics.Append(resp.State.Set(ctx, &next)...)
}

// update sends the change to the API that answered for the instance, falling
// back to the flex API when the serverless write endpoints are gone.
func (r *serverlessResource) update(ctx context.Context, projectID, name string, inst *instance, plan *resourceModel, tags []atlas.Tag) error {
	protect := plan.TerminationProtectionEnabled.ValueBool()
	if inst.serverless != nil {
		in := atlas.ServerlessUpdate{Tags: &tags, TerminationProtectionEnabled: &protect}
		if inst.backend() == backendServerless && !plan.ContinuousBackupEnabled.IsUnknown() {
			v := plan.ContinuousBackupEnabled.ValueBool()
			in.ContinuousBackupEnabled = &v
		}
		_, err := r.Client.UpdateServerlessInstance(ctx, projectID, name, in)
		if !serverlessGone(err) {
			return err
		}
	}
	_, err := r.Client.UpdateFlexCluster(ctx, projectID, name, atlas.FlexClusterUpdate{Tags: tags, TerminationProtectionEnabled: protect})
	return err
}

func (r *serverlessResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	ctx, ok := r.Begin(ctx, req.ProviderMeta, "mongodbatlas_serverless_instance", providerdata.OpDelete, &resp.Diagnostics)
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
	projectID, name := state.ProjectID.ValueString(), state.Name.ValueString()
	summary := fmt.Sprintf("Deleting serverless instance %q in project %s failed", name, projectID)

	inst, err := find(ctx, r.Client, projectID, name, lastBackend(ctx, req.Private))
	switch {
	case errors.Is(err, errNotFound):
		return
	case err != nil:
		resp.Diagnostics.AddError(summary, atlas.WithHint(err))
		return
	case inst.backend() == backendCluster:
		resp.Diagnostics.AddError(summary, migratedToClusterAdvice(projectID, name))
		return
	}
	if !converge.DeleteAnswer(r.delete(ctx, projectID, name, inst), "instance", summary, &resp.Diagnostics) {
		return
	}
	if err := waitForDeletion(ctx, r.Client, projectID, name, inst.backend()); err != nil {
		resp.Diagnostics.AddError(summary, fmt.Sprintf("Atlas accepted the deletion but the instance was still there when timeouts.delete (%s) ran out: %s", timeout, err))
	}
}

func (r *serverlessResource) delete(ctx context.Context, projectID, name string, inst *instance) error {
	if inst.serverless != nil {
		err := r.Client.DeleteServerlessInstance(ctx, projectID, name)
		if !serverlessGone(err) {
			return err
		}
	}
	return r.Client.DeleteFlexCluster(ctx, projectID, name)
}

func (r *serverlessResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	if projectID, name, ok := clusteridentity.ImportState(ctx, req, resp, typeName); ok {
		resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), EncodeID(projectID, name))...)
	}
}
