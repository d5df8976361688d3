package serverlessinstance

import (
	"context"
	"regexp"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/boolplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/resources/validate"
)

// Deprecation points users at the guide that carries them to flex clusters.
const Deprecation = "Atlas no longer offers serverless instances: it turned them into flex, free or dedicated clusters and is removing the serverless API. " +
	"This resource keeps existing configurations working. Move to mongodbatlas_flex_cluster with a moved block; see the serverless-to-flex guide."

var (
	instanceName = regexp.MustCompile(`^[a-zA-Z0-9][a-zA-Z0-9-]*$`)
	regionName   = regexp.MustCompile(`^[A-Z0-9_]+$`)

	tagType  = types.ObjectType{AttrTypes: map[string]attr.Type{"key": types.StringType, "value": types.StringType}}
	linkType = types.ObjectType{AttrTypes: map[string]attr.Type{"href": types.StringType, "rel": types.StringType}}
)

func resourceSchema(ctx context.Context) schema.Schema {
	replace := []planmodifier.String{stringplanmodifier.RequiresReplace()}
	return schema.Schema{
		DeprecationMessage: Deprecation,
		MarkdownDescription: "Manages a serverless instance, whatever Atlas now runs it as. Create, read, update and delete use the " +
			"serverless API where it still answers and the flex API where it does not. **Deprecated**: " + Deprecation,
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{Optional: true, Computed: true,
				MarkdownDescription: "Terraform id, `{project_id}` and `{name}` encoded as the official provider does.",
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()}},
			"project_id": schema.StringAttribute{Required: true, MarkdownDescription: "Id of the project. Changing it replaces the instance.",
				Validators: []validator.String{validate.HexID()}, PlanModifiers: replace},
			"name": schema.StringAttribute{Required: true, MarkdownDescription: "Name of the instance. Changing it replaces the instance.",
				Validators: []validator.String{stringvalidator.LengthAtMost(64), stringvalidator.RegexMatches(instanceName,
					"must start with a letter or digit and contain only ASCII letters, digits and hyphens")},
				PlanModifiers: replace},
			"provider_settings_backing_provider_name": schema.StringAttribute{Required: true,
				MarkdownDescription: "Cloud provider: `AWS`, `AZURE` or `GCP`. Changing it replaces the instance.",
				Validators:          []validator.String{stringvalidator.OneOf("AWS", "AZURE", "GCP")}, PlanModifiers: replace},
			"provider_settings_provider_name": schema.StringAttribute{Required: true,
				MarkdownDescription: "`SERVERLESS`. Atlas reports `FLEX` for instances it now runs as flex clusters; the two are treated as the same value, so no change is planned.",
				Validators:          []validator.String{stringvalidator.OneOf("SERVERLESS", "FLEX")},
				PlanModifiers:       []planmodifier.String{serverlessEqualsFlex{}}},
			"provider_settings_region_name": schema.StringAttribute{Required: true,
				MarkdownDescription: "Atlas region name, for example `US_EAST_1`. Changing it replaces the instance.",
				Validators: []validator.String{stringvalidator.RegexMatches(regionName,
					"must be an Atlas region name in upper case with underscores, for example US_EAST_1")},
				PlanModifiers: replace},
			"connection_strings_standard_srv": schema.StringAttribute{Computed: true, MarkdownDescription: "`mongodb+srv://` connection string.",
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()}},
			"connection_strings_private_endpoint_srv": schema.ListAttribute{Computed: true, ElementType: types.StringType,
				MarkdownDescription: "Private endpoint connection strings (none since Atlas stopped serverless private endpoints)."},
			"create_date": schema.StringAttribute{Computed: true, MarkdownDescription: "When the instance was created.",
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()}},
			"mongo_db_version": schema.StringAttribute{Computed: true, MarkdownDescription: "MongoDB version."},
			"state_name": schema.StringAttribute{Optional: true, Computed: true,
				MarkdownDescription: "Atlas state, for example `IDLE`. Setting it has no effect (accepted for compatibility)."},
			"termination_protection_enabled": schema.BoolAttribute{Optional: true, Computed: true,
				MarkdownDescription: "When `true`, a plan that would destroy or replace the instance fails at plan time. Changed in place.",
				PlanModifiers:       []planmodifier.Bool{boolplanmodifier.UseStateForUnknown()}},
			"continuous_backup_enabled": schema.BoolAttribute{Optional: true, Computed: true,
				DeprecationMessage:  "Atlas ignores continuous backup for instances it runs as flex clusters.",
				MarkdownDescription: "Continuous backup. Only real serverless instances have it; for flex-backed instances the configured value is kept in state and a warning says it has no effect.",
				PlanModifiers:       []planmodifier.Bool{boolplanmodifier.UseStateForUnknown()}},
			"auto_indexing": schema.BoolAttribute{Optional: true, Computed: true,
				DeprecationMessage:  "Atlas no longer manages auto-indexing for these instances.",
				MarkdownDescription: "Accepted for compatibility; the value is kept in state only and a warning says it has no effect.",
				PlanModifiers:       []planmodifier.Bool{boolplanmodifier.UseStateForUnknown()}},
			"timeouts": timeouts.Attributes(ctx, timeouts.Opts{Create: true, Update: true, Delete: true}),
		},
		Blocks: map[string]schema.Block{
			"links": schema.SetNestedBlock{
				MarkdownDescription: "Accepted for compatibility; always empty (Atlas's hypermedia links are not kept).",
				NestedObject: schema.NestedBlockObject{Attributes: map[string]schema.Attribute{
					"href": schema.StringAttribute{Optional: true, Computed: true, MarkdownDescription: "Link target."},
					"rel":  schema.StringAttribute{Optional: true, Computed: true, MarkdownDescription: "Link relation."},
				}},
			},
			"tags": schema.SetNestedBlock{
				MarkdownDescription: "Key-value tags. Changed in place.",
				NestedObject: schema.NestedBlockObject{Attributes: map[string]schema.Attribute{
					"key":   schema.StringAttribute{Required: true, MarkdownDescription: "Tag key.", Validators: []validator.String{stringvalidator.LengthBetween(1, 255)}},
					"value": schema.StringAttribute{Required: true, MarkdownDescription: "Tag value.", Validators: []validator.String{stringvalidator.LengthBetween(1, 255)}},
				}},
			},
		},
	}
}

// serverlessEqualsFlex plans no change between SERVERLESS and FLEX: Atlas
// reports FLEX for instances it moved to flex while configurations still say
// SERVERLESS, and neither value can be changed anyway.
type serverlessEqualsFlex struct{}

func (serverlessEqualsFlex) Description(context.Context) string {
	return "SERVERLESS and FLEX are treated as the same value."
}
func (m serverlessEqualsFlex) MarkdownDescription(ctx context.Context) string {
	return m.Description(ctx)
}

func (serverlessEqualsFlex) PlanModifyString(_ context.Context, req planmodifier.StringRequest, resp *planmodifier.StringResponse) {
	if req.StateValue.IsNull() || req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if isServerlessOrFlex(req.StateValue.ValueString()) && isServerlessOrFlex(req.ConfigValue.ValueString()) {
		resp.PlanValue = req.StateValue
	}
}

func isServerlessOrFlex(s string) bool { return s == "SERVERLESS" || s == "FLEX" }
