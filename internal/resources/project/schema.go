package project

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/boolplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/objectplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/resources/planmod"
	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/resources/tags"
	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/resources/validate"
)

const deprecatedTeams = "Deprecated by Atlas. Manage project team assignments with a team resource instead; this block keeps working for existing configurations."

// settingAttributes describes the project settings (GET/PATCH /groups/{id}/settings)
// by their Terraform names; the same list drives the schema and the conversions.
var settingAttributes = []struct {
	name, description string
}{
	{"is_cluster_ai_assistant_enabled", "Whether the cluster AI assistant is enabled in the Atlas UI."},
	{"is_collect_database_specifics_statistics_enabled", "Whether Atlas collects database-specific statistics."},
	{"is_data_explorer_enabled", "Whether the Data Explorer is enabled."},
	{"is_data_explorer_gen_ai_features_enabled", "Whether the Data Explorer's generative AI features are enabled."},
	{"is_data_explorer_gen_ai_sample_document_passing_enabled", "Whether sample documents may be passed to the Data Explorer's generative AI features."},
	{"is_extended_storage_sizes_enabled", "Whether extended storage sizes are enabled."},
	{"is_native_reranking_enabled", "Whether native reranking is enabled."},
	{"is_performance_advisor_enabled", "Whether the Performance Advisor and Profiler are enabled."},
	{"is_realtime_performance_panel_enabled", "Whether the Real Time Performance Panel is enabled."},
	{"is_schema_advisor_enabled", "Whether the Schema Advisor is enabled."},
}

var (
	clusterIPAddressesType = types.ObjectType{AttrTypes: map[string]attr.Type{
		"cluster_name": types.StringType,
		"inbound":      types.ListType{ElemType: types.StringType},
		"outbound":     types.ListType{ElemType: types.StringType},
	}}
	ipServicesType = types.ObjectType{AttrTypes: map[string]attr.Type{
		"clusters": types.ListType{ElemType: clusterIPAddressesType},
	}}
	ipAddressesType = types.ObjectType{AttrTypes: map[string]attr.Type{
		"services": ipServicesType,
	}}
	limitType = types.ObjectType{AttrTypes: map[string]attr.Type{
		"name":          types.StringType,
		"value":         types.Int64Type,
		"current_usage": types.Int64Type,
		"default_limit": types.Int64Type,
		"maximum_limit": types.Int64Type,
	}}
	teamType = types.ObjectType{AttrTypes: map[string]attr.Type{
		"team_id":    types.StringType,
		"role_names": types.SetType{ElemType: types.StringType},
	}}
)

func resourceSchema(ctx context.Context) schema.Schema {
	attrs := map[string]schema.Attribute{
		"id": schema.StringAttribute{Computed: true,
			MarkdownDescription: "The project id (24 hexadecimal characters).",
			PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()}},
		"name": schema.StringAttribute{Required: true,
			MarkdownDescription: "Name of the project. Changed in place.",
			Validators:          []validator.String{validate.ProjectName()}},
		"org_id": schema.StringAttribute{Required: true,
			MarkdownDescription: "Id of the organization that owns the project. Changing it replaces the project.",
			Validators:          []validator.String{validate.HexID()},
			PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()}},
		"cluster_count": schema.Int64Attribute{Computed: true,
			MarkdownDescription: "Number of clusters in the project.",
			PlanModifiers:       []planmodifier.Int64{int64planmodifier.UseStateForUnknown()}},
		"created": schema.StringAttribute{Computed: true,
			MarkdownDescription: "When the project was created (ISO 8601, UTC).",
			PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()}},
		"project_owner_id": schema.StringAttribute{Optional: true,
			MarkdownDescription: "Id of the Atlas user who becomes the Project Owner at creation. Only used when the project is created: changing it later is a plan-time error.",
			Validators:          []validator.String{validate.HexID()},
			PlanModifiers:       []planmodifier.String{planmod.CreateOnlyString()}},
		"with_default_alerts_settings": schema.BoolAttribute{Optional: true, Computed: true,
			MarkdownDescription: "Whether the project is created with Atlas's default alert settings (default `true`). Only used when the project is created: changing it later is a plan-time error.",
			PlanModifiers:       []planmodifier.Bool{planmod.CreateOnlyBool(true)}},
		"is_slow_operation_thresholding_enabled": schema.BoolAttribute{Optional: true, Computed: true,
			DeprecationMessage:  "Deprecated by Atlas (managed slow operation threshold).",
			MarkdownDescription: "Whether Atlas manages the slow operation threshold. Deprecated. Read from Atlas at import and when set in the configuration.",
			PlanModifiers:       []planmodifier.Bool{boolplanmodifier.UseStateForUnknown()}},
		"region_usage_restrictions": schema.StringAttribute{Optional: true, Computed: true,
			MarkdownDescription: "Atlas for Government only: `GOV_REGIONS_ONLY` or `COMMERCIAL_FEDRAMP_REGIONS_ONLY`. Only used when the project is created: changing it later is a plan-time error.",
			Validators:          []validator.String{stringvalidator.OneOf("GOV_REGIONS_ONLY", "COMMERCIAL_FEDRAMP_REGIONS_ONLY")},
			PlanModifiers:       []planmodifier.String{planmod.CreateOnlyString(), stringplanmodifier.UseStateForUnknown()}},
		"tags": schema.MapAttribute{Optional: true, Computed: true, ElementType: types.StringType,
			MarkdownDescription: "Key-value tags. Changed in place; removing the attribute removes every tag. `tags = {}` and no attribute both mean no tags: switching between them sends nothing to Atlas.",
			Validators:          []validator.Map{validate.Tags()},
			PlanModifiers:       []planmodifier.Map{tags.NoneKeepsState()}},
		"ip_addresses": schema.SingleNestedAttribute{Computed: true,
			DeprecationMessage:  "Deprecated by Atlas. Use the project's IP addresses data source instead.",
			MarkdownDescription: "IP addresses that the project's clusters use. Deprecated.",
			PlanModifiers:       []planmodifier.Object{objectplanmodifier.UseStateForUnknown()},
			Attributes: map[string]schema.Attribute{
				"services": schema.SingleNestedAttribute{Computed: true,
					MarkdownDescription: "IP addresses by service.",
					Attributes: map[string]schema.Attribute{
						"clusters": schema.ListNestedAttribute{Computed: true,
							MarkdownDescription: "IP addresses of each cluster.",
							NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
								"cluster_name": schema.StringAttribute{Computed: true, MarkdownDescription: "Cluster name."},
								"inbound":      schema.ListAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: "Inbound IP addresses."},
								"outbound":     schema.ListAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: "Outbound IP addresses."},
							}},
						},
					},
				},
			},
		},
		"timeouts": timeouts.Attributes(ctx, timeouts.Opts{Create: true, Update: true, Delete: true}),
	}
	for _, s := range settingAttributes {
		attrs[s.name] = schema.BoolAttribute{Optional: true, Computed: true,
			MarkdownDescription: s.description + " Project setting; Atlas's value is kept when not configured.",
			PlanModifiers:       []planmodifier.Bool{boolplanmodifier.UseStateForUnknown()}}
	}
	return schema.Schema{
		MarkdownDescription: "Manages an Atlas project (group): its name, tags, settings, limits and, deprecated, team assignments.",
		Attributes:          attrs,
		Blocks: map[string]schema.Block{
			"limits": schema.SetNestedBlock{
				MarkdownDescription: "Project limits to set. Only the limits named here are managed and shown.",
				PlanModifiers:       []planmodifier.Set{keepLimitValues{}},
				NestedObject: schema.NestedBlockObject{Attributes: map[string]schema.Attribute{
					"name":          schema.StringAttribute{Required: true, MarkdownDescription: "Limit name, for example `atlas.project.deployment.clusters`."},
					"value":         schema.Int64Attribute{Required: true, MarkdownDescription: "Value to set."},
					"current_usage": schema.Int64Attribute{Computed: true, MarkdownDescription: "Current usage."},
					"default_limit": schema.Int64Attribute{Computed: true, MarkdownDescription: "Atlas's default for this limit."},
					"maximum_limit": schema.Int64Attribute{Computed: true, MarkdownDescription: "Highest value Atlas accepts."},
				}},
			},
			"teams": schema.SetNestedBlock{
				DeprecationMessage:  deprecatedTeams,
				MarkdownDescription: "Teams assigned to the project and their roles. " + deprecatedTeams,
				NestedObject: schema.NestedBlockObject{Attributes: map[string]schema.Attribute{
					"team_id":    schema.StringAttribute{Required: true, MarkdownDescription: "Team id.", Validators: []validator.String{validate.HexID()}},
					"role_names": schema.SetAttribute{Required: true, ElementType: types.StringType, MarkdownDescription: "Project roles granted to the team, for example `GROUP_READ_ONLY`."},
				}},
			},
		},
	}
}
