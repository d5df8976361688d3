package flexcluster

import (
	"context"
	"regexp"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	dsschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/boolplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/float64planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/objectplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/resources/planmod"
	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/resources/tags"
	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/resources/validate"
)

var (
	clusterName = regexp.MustCompile(`^[a-zA-Z0-9][a-zA-Z0-9-]*$`)
	regionName  = regexp.MustCompile(`^[A-Z0-9_]+$`)

	providerSettingsType = types.ObjectType{AttrTypes: map[string]attr.Type{
		"backing_provider_name": types.StringType,
		"region_name":           types.StringType,
		"provider_name":         types.StringType,
		"disk_size_gb":          types.Float64Type,
	}}
	backupSettingsType    = types.ObjectType{AttrTypes: map[string]attr.Type{"enabled": types.BoolType}}
	connectionStringsType = types.ObjectType{AttrTypes: map[string]attr.Type{
		"standard":     types.StringType,
		"standard_srv": types.StringType,
	}}
)

// Validators shared by the resource and, through the serverless resource, other packages.
func nameValidators() []validator.String {
	return []validator.String{stringvalidator.LengthAtMost(64), stringvalidator.RegexMatches(clusterName,
		"must start with a letter or digit and contain only ASCII letters, digits and hyphens")}
}

func resourceSchema(ctx context.Context) schema.Schema {
	return schema.Schema{
		MarkdownDescription: "Manages an Atlas flex cluster. Termination protection is enforced at plan time: a plan that would " +
			"destroy or replace a protected cluster fails before anything is sent.",
		Attributes: map[string]schema.Attribute{
			"project_id": schema.StringAttribute{Required: true,
				MarkdownDescription: "Id of the project that holds the cluster. Changing it replaces the cluster.",
				Validators:          []validator.String{validate.HexID()},
				PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()}},
			"name": schema.StringAttribute{Required: true,
				MarkdownDescription: "Name of the cluster. Changing it replaces the cluster.",
				Validators:          nameValidators(),
				PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()}},
			"provider_settings": schema.SingleNestedAttribute{Required: true,
				MarkdownDescription: "Where the cluster runs.",
				Attributes: map[string]schema.Attribute{
					"backing_provider_name": schema.StringAttribute{Required: true,
						MarkdownDescription: "Cloud provider: `AWS`, `AZURE` or `GCP`. Changing it replaces the cluster.",
						Validators:          []validator.String{stringvalidator.OneOf("AWS", "AZURE", "GCP")},
						PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()}},
					"region_name": schema.StringAttribute{Required: true,
						MarkdownDescription: "Atlas region name, for example `US_EAST_1`. Changing it replaces the cluster.",
						Validators: []validator.String{stringvalidator.RegexMatches(regionName,
							"must be an Atlas region name in upper case with underscores, for example US_EAST_1 or WESTERN_EUROPE")},
						PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()}},
					"provider_name": schema.StringAttribute{Computed: true,
						MarkdownDescription: "Always `FLEX`.",
						PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()}},
					"disk_size_gb": schema.Float64Attribute{Computed: true,
						MarkdownDescription: "Storage capacity in GB.",
						PlanModifiers:       []planmodifier.Float64{float64planmodifier.UseStateForUnknown()}},
				},
			},
			"tags": schema.MapAttribute{Optional: true, Computed: true, ElementType: types.StringType,
				MarkdownDescription: "Key-value tags. Changed in place; removing the attribute removes every tag. `tags = {}` and no attribute both mean no tags: switching between them sends nothing to Atlas.",
				Validators:          []validator.Map{validate.Tags()},
				PlanModifiers:       []planmodifier.Map{tags.NoneKeepsState()}},
			"termination_protection_enabled": schema.BoolAttribute{Optional: true, Computed: true,
				MarkdownDescription: "When `true`, Atlas refuses to delete the cluster, and this provider refuses at plan time to destroy or replace it. Changed in place. Default `false`.",
				PlanModifiers:       []planmodifier.Bool{boolplanmodifier.UseStateForUnknown()}},
			"delete_on_create_timeout": schema.BoolAttribute{Optional: true, Computed: true,
				MarkdownDescription: "Whether to delete the cluster when creation times out (default `true`). The cleanup never turns off termination protection, and its outcome is reported. Only used at creation.",
				PlanModifiers:       []planmodifier.Bool{planmod.CreateOnlyBool(true)}},
			"timeouts": timeouts.Attributes(ctx, timeouts.Opts{Create: true, Update: true, Delete: true}),
			"id": schema.StringAttribute{Computed: true, MarkdownDescription: "Atlas id of the cluster.",
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()}},
			"backup_settings": schema.SingleNestedAttribute{Computed: true, MarkdownDescription: "Backup settings.",
				PlanModifiers: []planmodifier.Object{objectplanmodifier.UseStateForUnknown()},
				Attributes: map[string]schema.Attribute{
					"enabled": schema.BoolAttribute{Computed: true, MarkdownDescription: "Whether Atlas backs the cluster up."},
				}},
			"cluster_type": schema.StringAttribute{Computed: true, MarkdownDescription: "Cluster topology, `REPLICASET`.",
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()}},
			"connection_strings": schema.SingleNestedAttribute{Computed: true, MarkdownDescription: "Connection strings.",
				PlanModifiers: []planmodifier.Object{objectplanmodifier.UseStateForUnknown()},
				Attributes: map[string]schema.Attribute{
					"standard":     schema.StringAttribute{Computed: true, MarkdownDescription: "`mongodb://` connection string."},
					"standard_srv": schema.StringAttribute{Computed: true, MarkdownDescription: "`mongodb+srv://` connection string."},
				}},
			"create_date": schema.StringAttribute{Computed: true, MarkdownDescription: "When the cluster was created (ISO 8601, UTC).",
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()}},
			"mongo_db_version": schema.StringAttribute{Computed: true, MarkdownDescription: "MongoDB version.",
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()}},
			"state_name": schema.StringAttribute{Computed: true, MarkdownDescription: "Atlas state: `IDLE`, `CREATING`, `UPDATING`, `DELETING` or `REPAIRING`.",
				PlanModifiers: []planmodifier.String{idleAfterUpdate{}}},
			"version_release_system": schema.StringAttribute{Computed: true, MarkdownDescription: "`LTS` or `CONTINUOUS`.",
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()}},
		},
	}
}

// clusterAttributes are the data sources' view of one cluster, all computed
// except what the caller makes required.
func clusterAttributes() map[string]dsschema.Attribute {
	return map[string]dsschema.Attribute{
		"project_id": dsschema.StringAttribute{Computed: true, MarkdownDescription: "Id of the project that holds the cluster."},
		"name":       dsschema.StringAttribute{Computed: true, MarkdownDescription: "Name of the cluster."},
		"provider_settings": dsschema.SingleNestedAttribute{Computed: true, MarkdownDescription: "Where the cluster runs.",
			Attributes: map[string]dsschema.Attribute{
				"backing_provider_name": dsschema.StringAttribute{Computed: true, MarkdownDescription: "`AWS`, `AZURE` or `GCP`."},
				"region_name":           dsschema.StringAttribute{Computed: true, MarkdownDescription: "Atlas region name."},
				"provider_name":         dsschema.StringAttribute{Computed: true, MarkdownDescription: "Always `FLEX`."},
				"disk_size_gb":          dsschema.Float64Attribute{Computed: true, MarkdownDescription: "Storage capacity in GB."},
			}},
		"tags":                           dsschema.MapAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: "Key-value tags."},
		"termination_protection_enabled": dsschema.BoolAttribute{Computed: true, MarkdownDescription: "Whether termination protection is on."},
		"id":                             dsschema.StringAttribute{Computed: true, MarkdownDescription: "Atlas id of the cluster."},
		"backup_settings": dsschema.SingleNestedAttribute{Computed: true, MarkdownDescription: "Backup settings.",
			Attributes: map[string]dsschema.Attribute{
				"enabled": dsschema.BoolAttribute{Computed: true, MarkdownDescription: "Whether Atlas backs the cluster up."},
			}},
		"cluster_type": dsschema.StringAttribute{Computed: true, MarkdownDescription: "Cluster topology."},
		"connection_strings": dsschema.SingleNestedAttribute{Computed: true, MarkdownDescription: "Connection strings.",
			Attributes: map[string]dsschema.Attribute{
				"standard":     dsschema.StringAttribute{Computed: true, MarkdownDescription: "`mongodb://` connection string."},
				"standard_srv": dsschema.StringAttribute{Computed: true, MarkdownDescription: "`mongodb+srv://` connection string."},
			}},
		"create_date":            dsschema.StringAttribute{Computed: true, MarkdownDescription: "When the cluster was created."},
		"mongo_db_version":       dsschema.StringAttribute{Computed: true, MarkdownDescription: "MongoDB version."},
		"state_name":             dsschema.StringAttribute{Computed: true, MarkdownDescription: "Atlas state."},
		"version_release_system": dsschema.StringAttribute{Computed: true, MarkdownDescription: "`LTS` or `CONTINUOUS`."},
	}
}
