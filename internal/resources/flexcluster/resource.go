// Package flexcluster implements mongodbatlas_flex_cluster and its data sources.
package flexcluster

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/atlas"
	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/resources/clusteridentity"
	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/resources/converge"
	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/resources/importid"
	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/resources/planmod"
	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/resources/providerdata"
	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/resources/tags"
)

const (
	typeName = "mongodbatlas_flex_cluster"
	// defaultTimeout matches the official provider's.
	defaultTimeout = 3 * time.Hour
	// cleanupTimeout bounds the delete sent after a create timed out.
	cleanupTimeout = 2 * time.Minute
)

var (
	_ resource.ResourceWithConfigure   = (*flexResource)(nil)
	_ resource.ResourceWithImportState = (*flexResource)(nil)
	_ resource.ResourceWithModifyPlan  = (*flexResource)(nil)
	_ resource.ResourceWithIdentity    = (*flexResource)(nil)
)

type flexResource struct {
	providerdata.ResourceBase
}

// NewResource is the mongodbatlas_flex_cluster constructor.
func NewResource() resource.Resource { return &flexResource{} }

func (r *flexResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_flex_cluster"
}

func (r *flexResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = resourceSchema(ctx)
}

// IdentitySchema: {project_id, name}, the two parts of the import ID.
func (r *flexResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = clusteridentity.Schema("flex cluster")
}

// ModifyPlan refuses, before anything is sent, to destroy or replace a cluster
// under termination protection.
func (r *flexResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	planmod.GuardTerminationProtection(ctx, req, resp, "flex cluster",
		path.Root("project_id"), path.Root("name"),
		path.Root("provider_settings").AtName("backing_provider_name"),
		path.Root("provider_settings").AtName("region_name"))
}

func (r *flexResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	ctx, ok := r.Begin(ctx, req.ProviderMeta, "mongodbatlas_flex_cluster", providerdata.OpCreate, &resp.Diagnostics)
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
	in, diags := newCreateRequest(ctx, &plan)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	projectID := plan.ProjectID.ValueString()
	waitCtx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()

	created, _, ok := converge.Create(waitCtx, r.Client, converge.Object{Kind: "flex cluster", Name: in.Name, Where: "in project " + projectID,
		Import: fmt.Sprintf("terraform import %s.<name> %s-%s", typeName, projectID, in.Name)},
		atlas.CreateSteps[*atlas.FlexCluster]{
			Post: func(ctx context.Context) (*atlas.FlexCluster, error) {
				return r.Client.CreateFlexCluster(ctx, projectID, in)
			},
			Find: func(ctx context.Context) (*atlas.FlexCluster, bool, error) {
				return atlas.Found(r.Client.GetFlexCluster(ctx, projectID, in.Name))
			},
			DuplicateCodes: []string{"DUPLICATE_CLUSTER_NAME"},
		},
		func(summary string, err error, diags *diag.Diagnostics) {
			addCreateError(diags, summary, projectID, in.Name, err)
		},
		&resp.Diagnostics)
	if !ok {
		return
	}

	// Save the cluster before waiting: if the wait fails it stays in state
	// (tainted) instead of being forgotten while it exists in Atlas.
	state := resourceModel{clusterModel: newStateModel(projectID, created, plan.Tags), DeleteOnCreateTimeout: plan.DeleteOnCreateTimeout, Timeouts: plan.Timeouts}
	resp.Diagnostics.Append(clusteridentity.Set(ctx, resp.Identity, projectID, in.Name)...)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)

	final, err := r.Client.WaitForFlexClusterIdle(waitCtx, projectID, in.Name, "created")
	if err != nil {
		r.handleCreateWaitFailure(ctx, &state, timeout, err, resp)
		return
	}
	state.clusterModel = newStateModel(projectID, final, plan.Tags)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

// addCreateError explains Atlas's refusal of a create.
func addCreateError(diags *diag.Diagnostics, summary, projectID, name string, err error) {
	switch {
	case atlas.HasErrorCode(err, "DUPLICATE_CLUSTER_NAME"):
		diags.AddAttributeError(path.Root("name"), summary, fmt.Sprintf("%s\n\nA cluster with this name already exists in the project. "+
			"Choose another name, or bring it under Terraform with: terraform import %s.<name> %s-%s", err, typeName, projectID, name))
	case atlas.HasErrorCode(err, "INVALID_REGION", "INVALID_PROVIDER"):
		diags.AddAttributeError(path.Root("provider_settings"), summary, err.Error())
	default:
		diags.AddError(summary, atlas.WithHint(err))
	}
}

// handleCreateWaitFailure applies delete_on_create_timeout after a failed wait.
func (r *flexResource) handleCreateWaitFailure(ctx context.Context, state *resourceModel, timeout time.Duration, waitErr error, resp *resource.CreateResponse) {
	name, projectID := state.Name.ValueString(), state.ProjectID.ValueString()
	summary := fmt.Sprintf("Flex cluster %q in project %s did not become ready", name, projectID)
	var timedOut *atlas.WaitTimeoutError
	if !errors.As(waitErr, &timedOut) {
		resp.Diagnostics.AddError(summary, fmt.Sprintf("%s\n\nThe cluster is kept in the Terraform state and marked tainted; the next apply replaces it.", waitErr))
		return
	}
	base := fmt.Sprintf("Atlas did not finish creating the cluster within timeouts.create (%s); it was last %s.", timeout, timedOut.LastState)
	if !state.DeleteOnCreateTimeout.ValueBool() {
		resp.Diagnostics.AddError(summary, base+"\n\ndelete_on_create_timeout is false, so the cluster is kept in the Terraform state and marked tainted. "+
			"If it becomes IDLE, run terraform untaint "+typeName+".<name> to keep it; otherwise the next apply replaces it.")
		return
	}
	if state.TerminationProtectionEnabled.ValueBool() {
		resp.Diagnostics.AddError(summary, base+"\n\ndelete_on_create_timeout is true, but the cluster has termination protection, which cleanup never turns off, "+
			"so it was not deleted. It is kept in the Terraform state and marked tainted.")
		return
	}
	cleanupCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), cleanupTimeout)
	defer cancel()
	err := r.Client.DeleteFlexCluster(cleanupCtx, projectID, name)
	if err != nil && !atlas.IsNotFound(err) {
		resp.Diagnostics.AddError(summary, fmt.Sprintf("%s\n\ndelete_on_create_timeout is true, but the cleanup failed: %s. "+
			"The cluster is kept in the Terraform state and marked tainted; the next apply or destroy deletes it.", base, err))
		return
	}
	resp.State.RemoveResource(ctx)
	resp.Diagnostics.AddError(summary, base+"\n\ndelete_on_create_timeout is true, so the cluster was deleted (Atlas accepted the deletion) "+
		"and is not in the Terraform state. Apply again to retry, with a longer timeouts.create if Atlas is slow.")
}

func (r *flexResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	ctx, ok := r.Begin(ctx, req.ProviderMeta, "mongodbatlas_flex_cluster", providerdata.OpRead, &resp.Diagnostics)
	if !ok {
		return
	}
	var state resourceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	importing := importid.Importing(ctx, req.Private)
	projectID, name := state.ProjectID.ValueString(), state.Name.ValueString()
	// Set first, whatever the outcome: state written before identities existed
	// gets one on its first refresh, even one that removes the resource.
	resp.Diagnostics.Append(clusteridentity.Set(ctx, resp.Identity, projectID, name)...)
	c, err := r.Client.GetFlexCluster(ctx, projectID, name)
	switch {
	case atlas.HasErrorCode(err, "CANNOT_USE_NON_FLEX_CLUSTER_IN_FLEX_API"):
		resp.Diagnostics.AddError(fmt.Sprintf("Cluster %q in project %s is no longer a flex cluster", name, projectID),
			fmt.Sprintf("Atlas now runs %q as a dedicated cluster, which this resource cannot manage. It is kept in the Terraform state so that "+
				"nothing plans a second cluster with the same name. Manage it with mongodbatlas_advanced_cluster (import ID %s-%s), "+
				"then drop this resource from the state with a removed block or terraform state rm.", name, projectID, name))
		return
	case atlas.IsNotFound(err) && importing:
		resp.Diagnostics.AddError(fmt.Sprintf("Cannot import flex cluster %q: it does not exist", name),
			fmt.Sprintf("Atlas has no flex cluster named %q in project %s (import ID %s-%s). Check both parts of the import ID, "+
				"{project_id}-{name}.\n\n%s", name, projectID, projectID, name, atlas.WithHint(err)))
		return
	case atlas.IsNotFound(err):
		resp.Diagnostics.AddWarning(fmt.Sprintf("Flex cluster %q no longer exists", name),
			fmt.Sprintf("Atlas reports that flex cluster %q in project %s does not exist any more, so it was removed from the Terraform state. "+
				"The next plan shows it being created again.", name, projectID))
		resp.State.RemoveResource(ctx)
		return
	case err != nil:
		resp.Diagnostics.AddError(fmt.Sprintf("Reading flex cluster %q in project %s failed", name, projectID), atlas.WithHint(err))
		return
	}
	if importing {
		state = importedModel(projectID, c)
		resp.Diagnostics.Append(importid.ImportDone(ctx, resp.Private)...)
	} else {
		state.clusterModel = newStateModel(projectID, c, state.Tags)
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

func (r *flexResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	ctx, ok := r.Begin(ctx, req.ProviderMeta, "mongodbatlas_flex_cluster", providerdata.OpUpdate, &resp.Diagnostics)
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
	in, diags := newUpdateRequest(ctx, &plan)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	projectID, name := state.ProjectID.ValueString(), state.Name.ValueString()
	resp.Diagnostics.Append(clusteridentity.Set(ctx, resp.Identity, projectID, name)...)

	next := plan
	if !tags.Equal(plan.Tags, state.Tags) || !plan.TerminationProtectionEnabled.Equal(state.TerminationProtectionEnabled) {
		updated, err := r.Client.UpdateFlexCluster(ctx, projectID, name, in)
		if err != nil {
			resp.Diagnostics.AddError(fmt.Sprintf("Updating flex cluster %q in project %s failed", name, projectID), atlas.WithHint(err))
			return
		}
		next.clusterModel = newStateModel(projectID, updated, plan.Tags)
		resp.Diagnostics.Append(resp.State.Set(ctx, &next)...)
	}
	final, err := r.Client.WaitForFlexClusterIdle(ctx, projectID, name, "updated")
	if err != nil {
		resp.Diagnostics.AddError(fmt.Sprintf("Flex cluster %q in project %s did not finish updating", name, projectID),
			fmt.Sprintf("%s\n\nThe change was accepted by Atlas; run terraform apply again once the cluster is IDLE, or raise timeouts.update.", err))
		return
	}
	next.clusterModel = newStateModel(projectID, final, plan.Tags)
	next.MongoDBVersion = keepPlannedVersion(plan.MongoDBVersion, next.MongoDBVersion)
	resp.Diagnostics.Append(resp.State.Set(ctx, &next)...)
}

func (r *flexResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	ctx, ok := r.Begin(ctx, req.ProviderMeta, "mongodbatlas_flex_cluster", providerdata.OpDelete, &resp.Diagnostics)
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
	summary := fmt.Sprintf("Deleting flex cluster %q in project %s failed", name, projectID)

	if !converge.DeleteAnswer(r.Client.DeleteFlexCluster(ctx, projectID, name), "cluster", summary, &resp.Diagnostics) {
		return
	}
	if err := r.Client.WaitForFlexClusterDeletion(ctx, projectID, name); err != nil {
		resp.Diagnostics.AddError(summary, fmt.Sprintf("Atlas accepted the deletion but the cluster was still there when timeouts.delete (%s) ran out: %s", timeout, err))
	}
}

func (r *flexResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	clusteridentity.ImportState(ctx, req, resp, typeName)
}
