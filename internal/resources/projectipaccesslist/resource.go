// Package projectipaccesslist implements mongodbatlas_project_ip_access_list and its data sources.
package projectipaccesslist

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/resourcevalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/atlas"
	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/resources/converge"
	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/resources/importid"
	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/resources/providerdata"
)

const (
	typeName = "mongodbatlas_project_ip_access_list"
	// Defaults of the official provider's timeouts (delete, read); create
	// waits for ACTIVE as long as a delete may take.
	defaultCreateTimeout = 45 * time.Minute
	defaultReadTimeout   = 2 * time.Minute
	defaultDeleteTimeout = 45 * time.Minute
)

var (
	_ resource.ResourceWithConfigure        = (*entryResource)(nil)
	_ resource.ResourceWithImportState      = (*entryResource)(nil)
	_ resource.ResourceWithModifyPlan       = (*entryResource)(nil)
	_ resource.ResourceWithConfigValidators = (*entryResource)(nil)
)

type entryResource struct {
	providerdata.ResourceBase
}

// NewResource is the mongodbatlas_project_ip_access_list constructor.
func NewResource() resource.Resource { return &entryResource{} }

func (r *entryResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_project_ip_access_list"
}

func (r *entryResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = resourceSchema(ctx)
}

func (r *entryResource) ConfigValidators(context.Context) []resource.ConfigValidator {
	return []resource.ConfigValidator{resourcevalidator.ExactlyOneOf(
		path.MatchRoot("ip_address"), path.MatchRoot("cidr_block"), path.MatchRoot("aws_security_group"))}
}

// ModifyPlan plans what Atlas will report: an address entry also gets its /32
// (or /128) block, the other two kinds are null. A different entry replaces
// the resource; a new comment is changed in place.
func (r *entryResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() {
		return
	}
	var cfg, plan resourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	known := func(v types.String) bool { return !v.IsNull() && !v.IsUnknown() }
	switch {
	case known(cfg.IPAddress):
		if cfg.CIDRBlock.IsNull() {
			if block, ok := derivedCIDR(cfg.IPAddress.ValueString()); ok {
				plan.CIDRBlock = types.StringValue(block)
			}
		}
		plan.AWSSecurityGroup = types.StringNull()
	case known(cfg.CIDRBlock):
		plan.IPAddress, plan.AWSSecurityGroup = types.StringNull(), types.StringNull()
	case known(cfg.AWSSecurityGroup):
		plan.IPAddress, plan.CIDRBlock = types.StringNull(), types.StringNull()
	}
	if !req.State.Raw.IsNull() {
		var state resourceModel
		resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
		if changed := changedIdentity(&cfg, &state); changed != "" {
			resp.RequiresReplace = append(resp.RequiresReplace, path.Root(changed))
			plan.ID = types.StringUnknown()
		}
	}
	resp.Diagnostics.Append(resp.Plan.Set(ctx, &plan)...)
}

// changedIdentity names the configured attribute that makes the entry a
// different one than the state's, "" when it is the same entry.
func changedIdentity(cfg, state *resourceModel) string {
	checks := []struct {
		attr      string
		cfg, prev types.String
		same      func(a, b string) bool
	}{
		{"ip_address", cfg.IPAddress, state.IPAddress, sameAddress},
		{"aws_security_group", cfg.AWSSecurityGroup, state.AWSSecurityGroup, func(a, b string) bool { return a == b }},
		{"cidr_block", cfg.CIDRBlock, state.CIDRBlock, samePrefix},
	}
	for _, c := range checks {
		if c.cfg.IsNull() {
			continue
		}
		if c.cfg.IsUnknown() || c.prev.IsNull() || !c.same(c.cfg.ValueString(), c.prev.ValueString()) {
			return c.attr
		}
	}
	return ""
}

func (r *entryResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	ctx, ok := r.Begin(ctx, req.ProviderMeta, "mongodbatlas_project_ip_access_list", providerdata.OpCreate, &resp.Diagnostics)
	if !ok {
		return
	}
	var plan resourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	timeout, diags := plan.Timeouts.Create(ctx, defaultCreateTimeout)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	projectID := plan.ProjectID.ValueString()
	in := newWrite(&plan)
	entry := in.Value()

	if !r.add(ctx, projectID, in, &resp.Diagnostics) {
		return
	}
	// Save the entry before waiting: if the wait fails it stays in state
	// (tainted) instead of being forgotten while it exists in Atlas.
	state := plan
	state.ID = types.StringValue(stateID(projectID, entry))
	if state.Comment.IsUnknown() {
		state.Comment = types.StringNull()
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
	resp.Diagnostics.Append(importid.SetIdentity(ctx, resp.Identity, identityOf(&state))...)

	if !r.waitActive(ctx, projectID, entry, timeout, "create", &resp.Diagnostics) {
		return
	}
	got, err := r.Client.GetAccessListEntry(ctx, projectID, entry)
	if err != nil {
		resp.Diagnostics.AddError(fmt.Sprintf("Reading access list entry %s in project %s failed", entry, projectID), atlas.WithHint(err))
		return
	}
	state.refresh(projectID, got)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
	resp.Diagnostics.Append(importid.SetIdentity(ctx, resp.Identity, identityOf(&state))...)
}

// add POSTs one entry. Adding an entry that exists only rewrites its comment,
// so no duplicate can arise; the entry is looked up after a POST whose outcome
// is unknown so that an answer lost after Atlas applied it costs one GET
// instead of a second write.
func (r *entryResource) add(ctx context.Context, projectID string, in atlas.AccessListEntryWrite, diags *diag.Diagnostics) bool {
	entry := in.Value()
	_, _, ok := converge.Create(ctx, r.Client, converge.Object{Kind: "IP access list entry", Name: entry, Where: "in project " + projectID,
		Summary: fmt.Sprintf("Adding %s to the IP access list of project %s failed", entry, projectID),
		Import:  fmt.Sprintf("terraform import %s.<name> %s", typeName, stateID(projectID, entry))},
		atlas.CreateSteps[struct{}]{
			Post: func(ctx context.Context) (struct{}, error) {
				return struct{}{}, r.Client.AddAccessListEntries(ctx, projectID, []atlas.AccessListEntryWrite{in})
			},
			Find: func(ctx context.Context) (struct{}, bool, error) {
				got, found, err := atlas.Found(r.Client.GetAccessListEntry(ctx, projectID, entry))
				return struct{}{}, found && got.Comment == in.Comment, err
			},
		},
		func(summary string, err error, diags *diag.Diagnostics) { diags.AddError(summary, atlas.WithHint(err)) },
		diags)
	return ok
}

// waitActive waits for ACTIVE and explains a FAILED entry or a timeout.
func (r *entryResource) waitActive(ctx context.Context, projectID, entry string, timeout time.Duration, op string, diags *diag.Diagnostics) bool {
	err := r.Client.WaitForAccessListEntry(ctx, projectID, entry)
	if err == nil {
		return true
	}
	summary := fmt.Sprintf("Access list entry %s in project %s did not become active", entry, projectID)
	var unexpected *atlas.UnexpectedStateError
	var timedOut *atlas.WaitTimeoutError
	switch {
	case errors.As(err, &unexpected) && unexpected.State == atlas.AccessListFailed:
		diags.AddError(summary, fmt.Sprintf("Atlas reports the entry FAILED: it could not apply it to every cloud provider serving the project's clusters. "+
			"The entry is kept in the Terraform state and marked tainted; the next apply deletes it and adds it again. "+
			"If it keeps failing, check the address and, for a security group, the project's VPC peering."))
	case errors.As(err, &timedOut):
		diags.AddError(summary, fmt.Sprintf("Atlas still reported %s when timeouts.%s (%s) ran out. The entry is kept in the Terraform state and marked tainted; "+
			"apply again, with a longer timeout if Atlas is slow.", timedOut.LastState, op, timeout))
	default:
		diags.AddError(summary, atlas.WithHint(err))
	}
	return false
}

func (r *entryResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	ctx, ok := r.Begin(ctx, req.ProviderMeta, "mongodbatlas_project_ip_access_list", providerdata.OpRead, &resp.Diagnostics)
	if !ok {
		return
	}
	var state resourceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	timeout, diags := state.Timeouts.Read(ctx, defaultReadTimeout)
	resp.Diagnostics.Append(diags...)
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	projectID, entry := state.ProjectID.ValueString(), state.entryValue()
	// The framework wants an identity from every Read that does not fail, even one
	// that removes the resource from state; state written before resources had an
	// identity gets one here, on its first refresh.
	resp.Diagnostics.Append(importid.SetIdentity(ctx, resp.Identity, identityOf(&state))...)
	got, err := r.Client.GetAccessListEntry(ctx, projectID, entry)
	switch {
	case atlas.IsNotFound(err):
		resp.Diagnostics.AddWarning(fmt.Sprintf("Access list entry %s no longer exists", entry),
			fmt.Sprintf("Atlas reports that %s is not on the IP access list of project %s any more, so it was removed from the Terraform state. "+
				"The next plan shows it being added again.", entry, projectID))
		resp.State.RemoveResource(ctx)
		return
	case err != nil:
		resp.Diagnostics.AddError(fmt.Sprintf("Reading access list entry %s in project %s failed", entry, projectID), atlas.WithHint(err))
		return
	}
	state.refresh(projectID, got)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

// Update changes the comment: Atlas rewrites an entry that is added again.
func (r *entryResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	ctx, ok := r.Begin(ctx, req.ProviderMeta, "mongodbatlas_project_ip_access_list", providerdata.OpUpdate, &resp.Diagnostics)
	if !ok {
		return
	}
	var plan resourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	timeout, diags := plan.Timeouts.Create(ctx, defaultCreateTimeout)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	projectID := plan.ProjectID.ValueString()
	in := newWrite(&plan)
	if !r.add(ctx, projectID, in, &resp.Diagnostics) {
		return
	}
	if !r.waitActive(ctx, projectID, in.Value(), timeout, "create", &resp.Diagnostics) {
		return
	}
	got, err := r.Client.GetAccessListEntry(ctx, projectID, in.Value())
	if err != nil {
		resp.Diagnostics.AddError(fmt.Sprintf("Reading access list entry %s in project %s failed", in.Value(), projectID), atlas.WithHint(err))
		return
	}
	plan.refresh(projectID, got)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
	resp.Diagnostics.Append(importid.SetIdentity(ctx, resp.Identity, identityOf(&plan))...)
}

func (r *entryResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	ctx, ok := r.Begin(ctx, req.ProviderMeta, "mongodbatlas_project_ip_access_list", providerdata.OpDelete, &resp.Diagnostics)
	if !ok {
		return
	}
	var state resourceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	timeout, diags := state.Timeouts.Delete(ctx, defaultDeleteTimeout)
	resp.Diagnostics.Append(diags...)
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	projectID, entry := state.ProjectID.ValueString(), state.entryValue()
	err := r.Client.DeleteAccessListEntry(ctx, projectID, entry)
	if err != nil && !atlas.IsNotFound(err) {
		resp.Diagnostics.AddError(fmt.Sprintf("Removing %s from the IP access list of project %s failed", entry, projectID), atlas.WithHint(err))
	}
}

func (r *entryResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	var projectID, entry string
	if importid.ByIdentity(req.ID, req.Identity) {
		var identity identityModel
		resp.Diagnostics.Append(req.Identity.Get(ctx, &identity)...)
		if resp.Diagnostics.HasError() {
			return
		}
		projectID, entry = identity.ProjectID.ValueString(), identity.Entry.ValueString()
		if err := importid.CheckProjectAndEntry(projectID, entry); err != nil {
			resp.Diagnostics.AddError("Invalid identity for "+typeName, err.Error())
			return
		}
	} else {
		var err error
		projectID, entry, err = importid.ProjectAndEntry(req.ID, typeName)
		if err != nil {
			resp.Diagnostics.AddError("Invalid import ID", err.Error())
			return
		}
	}
	attr := "ip_address"
	switch {
	case securityGroup.MatchString(entry):
		attr = "aws_security_group"
	case isPrefix(entry):
		attr = "cidr_block"
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("project_id"), projectID)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root(attr), entry)...)
}
