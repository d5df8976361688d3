// Package clusteridentity holds the resource identity of a deployment named
// within a project, {project_id, name}, which mongodbatlas_flex_cluster and
// mongodbatlas_serverless_instance share: its schema, writing it, reading it
// from an import, and adding it to a moved resource; and the configuration of
// their list blocks, which name the project.
package clusteridentity

import (
	"context"
	"fmt"
	"regexp"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	listschema "github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/identityschema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/resources/importid"
	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/resources/validate"
)

// Model is the identity as Terraform values.
type Model struct {
	ProjectID types.String `tfsdk:"project_id"`
	Name      types.String `tfsdk:"name"`
}

// clusterName is what Atlas accepts as a flex cluster or serverless instance name.
var clusterName = regexp.MustCompile(`^[a-zA-Z0-9][a-zA-Z0-9-]*$`)

// Schema is the identity schema; kind ("flex cluster") goes into the descriptions.
func Schema(kind string) identityschema.Schema {
	return identityschema.Schema{
		Attributes: map[string]identityschema.Attribute{
			"project_id": identityschema.StringAttribute{RequiredForImport: true,
				Description: fmt.Sprintf("Id of the project that holds the %s (24 hexadecimal characters).", kind)},
			"name": identityschema.StringAttribute{RequiredForImport: true,
				Description: fmt.Sprintf("Name of the %s.", kind)},
		},
	}
}

// Set writes the identity. identity is nil when Terraform does not support
// identities (before 1.12, and OpenTofu); then there is nothing to write.
func Set(ctx context.Context, identity *tfsdk.ResourceIdentity, projectID, name string) diag.Diagnostics {
	return importid.SetIdentity(ctx, identity, Model{ProjectID: types.StringValue(projectID), Name: types.StringValue(name)})
}

// FromImport returns what an import names: the import ID
// "{project_id}-{name}" (terraform import, or an import block with id), or the
// identity of an import block with identity. typeName goes into the errors.
func FromImport(ctx context.Context, req resource.ImportStateRequest, typeName string) (projectID, name string, diags diag.Diagnostics) {
	if req.ID != "" || req.Identity == nil {
		projectID, name, err := importid.ProjectAndName(req.ID, typeName)
		if err != nil {
			diags.AddError("Invalid import ID", err.Error())
		}
		return projectID, name, diags
	}
	var m Model
	if diags.Append(req.Identity.Get(ctx, &m)...); diags.HasError() {
		return "", "", diags
	}
	projectID, name = m.ProjectID.ValueString(), m.Name.ValueString()
	if !validate.IsHexID(projectID) {
		diags.AddAttributeError(path.Root("project_id"), "Invalid import identity",
			fmt.Sprintf("The identity's project_id of %s must be the 24-hex project id, for example 5f1e2d3c4b5a697887766554. Got %q.", typeName, projectID))
	}
	if !clusterName.MatchString(name) {
		diags.AddAttributeError(path.Root("name"), "Invalid import identity",
			fmt.Sprintf("The identity's name of %s must start with a letter or digit and contain only ASCII letters, digits and hyphens. Got %q.", typeName, name))
	}
	return projectID, name, diags
}

// ImportState stores what an import names before the Read that follows it:
// project_id, name, the identity and the importing mark. ok is false, with
// the diagnostics in resp, when the import names nothing valid.
func ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse, typeName string) (projectID, name string, ok bool) {
	projectID, name, diags := FromImport(ctx, req, typeName)
	if resp.Diagnostics.Append(diags...); resp.Diagnostics.HasError() {
		return "", "", false
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("project_id"), projectID)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("name"), name)...)
	resp.Diagnostics.Append(Set(ctx, resp.Identity, projectID, name)...)
	resp.Diagnostics.Append(importid.MarkImporting(ctx, resp.Private)...)
	return projectID, name, !resp.Diagnostics.HasError()
}

// WithIdentity adds the identity to what mover moves, from the project_id and
// name of the moved state. A state without them (the serverless resource's
// state can carry them in its id only) gets its identity from the refresh that
// follows every move.
func WithIdentity(mover resource.StateMover) resource.StateMover {
	return resource.StateMover{SourceSchema: mover.SourceSchema, StateMover: func(ctx context.Context, req resource.MoveStateRequest, resp *resource.MoveStateResponse) {
		mover.StateMover(ctx, req, resp)
		if resp.Diagnostics.HasError() || resp.TargetState.Raw.IsNull() || resp.TargetIdentity == nil {
			return
		}
		var projectID, name types.String
		resp.Diagnostics.Append(resp.TargetState.GetAttribute(ctx, path.Root("project_id"), &projectID)...)
		resp.Diagnostics.Append(resp.TargetState.GetAttribute(ctx, path.Root("name"), &name)...)
		if resp.Diagnostics.HasError() || projectID.ValueString() == "" || name.ValueString() == "" {
			return
		}
		resp.Diagnostics.Append(Set(ctx, resp.TargetIdentity, projectID.ValueString(), name.ValueString())...)
	}}
}

// ListConfigSchema is the configuration of a list block over the deployments
// of one project: its project_id. kind ("flex clusters") goes into the
// attribute's description.
func ListConfigSchema(description, kind string) listschema.Schema {
	return listschema.Schema{
		MarkdownDescription: description,
		Attributes: map[string]listschema.Attribute{
			"project_id": listschema.StringAttribute{Required: true, MarkdownDescription: "Id of the project whose " + kind + " are listed.",
				Validators: []validator.String{validate.HexID()}},
		},
	}
}

// ListProjectID reads the project_id of a list block (ListConfigSchema).
func ListProjectID(ctx context.Context, req list.ListRequest) (string, diag.Diagnostics) {
	var cfg struct {
		ProjectID types.String `tfsdk:"project_id"`
	}
	diags := req.Config.Get(ctx, &cfg)
	return cfg.ProjectID.ValueString(), diags
}
