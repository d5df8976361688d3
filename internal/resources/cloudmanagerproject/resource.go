// Package cloudmanagerproject implements mongodbatlas_cloud_manager_project,
// a Cloud Manager or Ops Manager project managed through the Public API v1.0,
// and its data source.
package cloudmanagerproject

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/atlas"
	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/resources/converge"
	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/resources/importid"
	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/resources/providerdata"
)

const typeName = "mongodbatlas_cloud_manager_project"

var (
	_ resource.Resource                = (*cloudManagerProjectResource)(nil)
	_ resource.ResourceWithConfigure   = (*cloudManagerProjectResource)(nil)
	_ resource.ResourceWithImportState = (*cloudManagerProjectResource)(nil)
)

type cloudManagerProjectResource struct {
	providerdata.ResourceBase
}

// NewResource is the mongodbatlas_cloud_manager_project constructor.
func NewResource() resource.Resource { return &cloudManagerProjectResource{} }

func (r *cloudManagerProjectResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_cloud_manager_project"
}

func (r *cloudManagerProjectResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = resourceSchema()
}

func (r *cloudManagerProjectResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	ctx, ok := r.Begin(ctx, req.ProviderMeta, "mongodbatlas_cloud_manager_project", providerdata.OpCreate, &resp.Diagnostics)
	if !ok {
		return
	}
	var plan resourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	name, orgID := plan.Name.ValueString(), plan.OrgID.ValueString()
	created, adopted, ok := converge.Create(ctx, r.Client, converge.Object{Kind: "Cloud Manager project", Name: name,
		Service: "Cloud Manager or Ops Manager", Import: fmt.Sprintf("terraform import %s.<name> <project id>", typeName)},
		atlas.CreateSteps[*atlas.CloudManagerProject]{
			Post: func(ctx context.Context) (*atlas.CloudManagerProject, error) {
				return r.Client.CreateCloudManagerProject(ctx, name, orgID, plan.ProjectOwnerID.ValueString())
			},
			Find: func(ctx context.Context) (*atlas.CloudManagerProject, bool, error) {
				return r.findByName(ctx, name, orgID)
			},
			DuplicateCodes: []string{"GROUP_ALREADY_EXISTS"},
		},
		func(summary string, err error, diags *diag.Diagnostics) { addCreateError(diags, summary, orgID, err) },
		&resp.Diagnostics)
	if !ok {
		return
	}
	if adopted && created.AgentAPIKey == "" {
		resp.Diagnostics.AddWarning(fmt.Sprintf("agent_api_key of Cloud Manager project %q is unknown", name),
			"The project was adopted after a lost answer, and the read did not include the agent API key, so agent_api_key stays empty: "+
				"copy it from the project's Agents page in the UI if you need it.")
	}
	state := plan
	state.applyProject(created)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
	resp.Diagnostics.Append(importid.SetIdentity(ctx, resp.Identity, importid.NewHexID(created.ID))...)
}

// findByName looks a project up by name after a create whose outcome is
// unknown. A project of that name in another organization is not adopted.
func (r *cloudManagerProjectResource) findByName(ctx context.Context, name, orgID string) (*atlas.CloudManagerProject, bool, error) {
	found, err := r.Client.GetCloudManagerProjectByName(ctx, name)
	switch {
	case atlas.IsNotFound(err) && !atlas.HasErrorCode(err, "ATLAS_GROUP"):
		return nil, false, nil
	case err != nil:
		return nil, false, err
	case orgID != "" && found.OrgID != orgID:
		return nil, false, &converge.Conflict{Reason: fmt.Sprintf("A project named %q exists, but in organization %s, not %s, so it was not adopted. "+
			"Choose another name, or import that project with: terraform import %s.<name> %s", name, found.OrgID, orgID, typeName, found.ID)}
	}
	return found, true, nil
}

// addCreateError explains the refusal of a create.
func addCreateError(diags *diag.Diagnostics, summary, orgID string, err error) {
	if addOrgCreateError(diags, summary, orgID != "", err) {
		return
	}
	switch {
	case atlas.HasErrorCode(err, "GROUP_ALREADY_EXISTS"):
		diags.AddAttributeError(path.Root("name"), summary,
			fmt.Sprintf("%s\n\nA project with this name already exists (project names are unique, Atlas projects included). Choose another name, "+
				"or bring the existing project under Terraform with: terraform import %s.<name> <project id>", err, typeName))
	case atlas.HasErrorCode(err, "INVALID_GROUP_NAME", "INVALID_GROUP_NAME_10GEN"):
		diags.AddAttributeError(path.Root("name"), summary, err.Error())
	case atlas.HasErrorCode(err, "ORG_NOT_FOUND", "INVALID_ORG_ID"):
		diags.AddAttributeError(path.Root("org_id"), summary,
			fmt.Sprintf("%s\n\nCheck org_id, and that cloud_manager_base_url points at the Cloud Manager or Ops Manager host that holds this organization.", err))
	case atlas.HasErrorCode(err, "USER_NOT_FOUND"):
		diags.AddAttributeError(path.Root("project_owner_id"), summary,
			fmt.Sprintf("%s\n\nproject_owner_id must be the id of an existing user of the organization.", err))
	default:
		diags.AddError(summary, fmt.Sprintf("%s\n\n%s", err, hint(err)))
	}
}

func (r *cloudManagerProjectResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	ctx, ok := r.Begin(ctx, req.ProviderMeta, "mongodbatlas_cloud_manager_project", providerdata.OpRead, &resp.Diagnostics)
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
	p, err := r.Client.GetCloudManagerProject(ctx, id)
	switch {
	case atlas.HasErrorCode(err, "ATLAS_GROUP"):
		resp.Diagnostics.AddError(fmt.Sprintf("Project %s is an Atlas project", id), atlasMixUp("Project "+id))
		return
	case notTheAPI(err):
		resp.Diagnostics.AddError(fmt.Sprintf("Reading Cloud Manager project %s failed", id), fmt.Sprintf("%s\n\n%s", err, hint(err)))
		return
	case atlas.IsNotFound(err):
		resp.Diagnostics.AddWarning(fmt.Sprintf("Cloud Manager project %s no longer exists", id),
			fmt.Sprintf("Cloud Manager reports that project %q (id %s) does not exist any more, so it was removed from the Terraform state. "+
				"The next plan shows it being created again.", state.Name.ValueString(), id))
		resp.State.RemoveResource(ctx)
		return
	case err != nil:
		resp.Diagnostics.AddError(fmt.Sprintf("Reading Cloud Manager project %s failed", id), fmt.Sprintf("%s\n\n%s", err, hint(err)))
		return
	}
	state.applyProject(p)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

func (r *cloudManagerProjectResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	ctx, ok := r.Begin(ctx, req.ProviderMeta, "mongodbatlas_cloud_manager_project", providerdata.OpUpdate, &resp.Diagnostics)
	if !ok {
		return
	}
	var plan, state resourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	// Only the name can change in place (org_id replaces, project_owner_id is
	// create-only); anything else, such as forgetting project_owner_id, needs
	// no request.
	next := plan
	next.ID, next.computedModel = state.ID, state.computedModel
	if !plan.Name.Equal(state.Name) {
		id, name := state.ID.ValueString(), plan.Name.ValueString()
		p, err := r.Client.RenameCloudManagerProject(ctx, id, name)
		if err != nil {
			summary := fmt.Sprintf("Renaming Cloud Manager project %s from %q to %q failed", id, state.Name.ValueString(), name)
			if atlas.HasErrorCode(err, "GROUP_ALREADY_EXISTS", "INVALID_GROUP_NAME", "INVALID_GROUP_NAME_10GEN") {
				resp.Diagnostics.AddAttributeError(path.Root("name"), summary, fmt.Sprintf("%s\n\nChoose another name.", err))
				return
			}
			resp.Diagnostics.AddError(summary, fmt.Sprintf("%s\n\n%s", err, hint(err)))
			return
		}
		next.applyProject(p)
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &next)...)
	resp.Diagnostics.Append(importid.SetIdentity(ctx, resp.Identity, importid.NewHexID(next.ID.ValueString()))...)
}

func (r *cloudManagerProjectResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	ctx, ok := r.Begin(ctx, req.ProviderMeta, "mongodbatlas_cloud_manager_project", providerdata.OpDelete, &resp.Diagnostics)
	if !ok {
		return
	}
	var state resourceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	id := state.ID.ValueString()
	err := r.Client.DeleteCloudManagerProject(ctx, id)
	if err == nil || (atlas.IsNotFound(err) && !atlas.HasErrorCode(err, "ATLAS_GROUP") && !notTheAPI(err)) {
		return // gone, whoever deleted it
	}
	resp.Diagnostics.AddError(fmt.Sprintf("Deleting Cloud Manager project %q (%s) failed", state.Name.ValueString(), id),
		fmt.Sprintf("%s\n\n%s", err, hint(err)))
}

func (r *cloudManagerProjectResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	importid.SetHexID(ctx, req, resp, typeName, "Cloud Manager project id")
}

// atlasMixUp explains that an Atlas project was given where a Cloud Manager
// one was expected; what names it ("Project <id>" or "The project named ...").
func atlasMixUp(what string) string {
	return fmt.Sprintf("%s is an Atlas project, not a Cloud Manager or Ops Manager project. Manage it with the mongodbatlas_project resource "+
		"(or read it with the mongodbatlas_project data source) instead of %s.", what, typeName)
}

// hint tells the user what to do about common API failures.
func hint(err error) string {
	apiErr, ok := atlas.AsError(err)
	switch {
	case atlas.IsBaseURLError(err):
		return "The error names the setting to fix; then run the same command again."
	case !ok:
		return "The connection to Cloud Manager or Ops Manager failed and retrying did not help: check the network and cloud_manager_base_url, then run the same command again."
	case apiErr.ErrorCode == atlas.CodeIPNotOnAccessList:
		return atlas.AccessListHint(apiErr)
	case atlas.IsTokenRefused(err):
		// The token endpoint, not Cloud Manager, refused: the API key advice below would mislead.
		return "The token endpoint at base_url refused to issue an access token for the service account: check client_id and client_secret " +
			"(MONGODB_ATLAS_CLIENT_ID, MONGODB_ATLAS_CLIENT_SECRET) and that the service account still exists, then run the same command again."
	case apiErr.Status == 401:
		return "Cloud Manager rejected the credentials: check the API key (service accounts are only a preview in Cloud Manager) and its IP access list."
	case apiErr.Status == 403:
		return "The credentials lack permission: managing a project needs the Project Owner role (Organization Project Creator to create projects)."
	case apiErr.Status == 404 && (apiErr.ErrorCode == "" || apiErr.ErrorCode == "RESOURCE_NOT_FOUND"):
		return "The server has no Cloud Manager Public API at this address: check that cloud_manager_base_url points at Cloud Manager " +
			"(https://cloud.mongodb.com/) or at your Ops Manager host (for example https://opsmanager.example.com:8080/)."
	case apiErr.Status == 429:
		return "Cloud Manager kept rate-limiting the requests after several retries: run the same command again later, or with a lower -parallelism."
	case apiErr.Status >= 500:
		return "Cloud Manager had a problem on its side: run the same command again in a few minutes."
	}
	return "Fix the value Cloud Manager rejected and apply again."
}
