package cloudmanagerproject

import (
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	dsschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/boolplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/listplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/objectplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/resources/planmod"
	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/resources/validate"
)

// hostCountNames are the roles in host_counts; one list drives the schema,
// the object type and the conversion.
var hostCountNames = []string{"arbiter", "config", "master", "mongos", "primary", "secondary", "slave"}

var hostCountsType = func() types.ObjectType {
	attrTypes := map[string]attr.Type{}
	for _, name := range hostCountNames {
		attrTypes[name] = types.Int64Type
	}
	return types.ObjectType{AttrTypes: attrTypes}
}()

// Descriptions shared by the resource and the data source.
const (
	descID               = "The project id (24 hexadecimal characters)."
	descOrgID            = "Id of the organization that owns the project."
	descAgentAPIKey      = "The project's agent API key, which MongoDB Agents use to connect to Cloud Manager or Ops Manager. Sensitive: never shown in plans or logs. Cloud Manager returns it when the project is created; if a later read leaves it out (as some Ops Manager releases do) the value from creation is kept."
	descActiveAgentCount = "Number of active agents that report to the project regularly. Cloud Manager refreshes it about once a day, so a change can take a while to show."
	descHostCounts       = "Number of hosts in the project by role."
	descLastActiveAgent  = "When Cloud Manager last updated `active_agent_count` (ISO 8601, UTC); null until an agent has reported."
	descPublicAPIEnabled = "Whether the Public API is enabled for the project; always `true`."
	descReplicaSetCount  = "Number of replica sets in the project."
	descShardCount       = "Number of shards in the project."
	descTags             = "Tags of the project, as plain strings (Ops Manager). Read only: Cloud Manager shows `[]`."
)

func hostCountDescription(name string) string {
	return "Number of hosts with the " + name + " role."
}

func resourceSchema() schema.Schema {
	hostCounts := map[string]schema.Attribute{}
	for _, name := range hostCountNames {
		hostCounts[name] = schema.Int64Attribute{Computed: true, MarkdownDescription: hostCountDescription(name)}
	}
	keepInt := []planmodifier.Int64{int64planmodifier.UseStateForUnknown()}
	keepString := []planmodifier.String{stringplanmodifier.UseStateForUnknown()}
	return schema.Schema{
		MarkdownDescription: "Manages a Cloud Manager or Ops Manager project (group) through the Public API v1.0. " +
			"For Atlas projects use `mongodbatlas_project`.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{Computed: true, MarkdownDescription: descID, PlanModifiers: keepString},
			"name": schema.StringAttribute{Required: true,
				MarkdownDescription: "Name of the project. Changed in place.",
				Validators:          []validator.String{validate.ProjectName()}},
			"org_id": schema.StringAttribute{Optional: true, Computed: true,
				MarkdownDescription: descOrgID + " Required by Cloud Manager. Ops Manager accepts a project without it and then creates " +
					"a new organization, named after the project, to hold it (this needs a global API key with the Global Owner role); " +
					"the new organization's id is then read into `org_id`. Changing it replaces the project.",
				Validators: []validator.String{validate.HexID()},
				// Left out of the configuration, it keeps the organization the project is in.
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown(), stringplanmodifier.RequiresReplace()}},
			"project_owner_id": schema.StringAttribute{Optional: true,
				MarkdownDescription: "Id of the user who becomes the Project Owner at creation; without it, the oldest Organization Owner does. " +
					"Only used when the project is created: changing it later is a plan-time error.",
				Validators:    []validator.String{validate.HexID()},
				PlanModifiers: []planmodifier.String{planmod.CreateOnlyString()}},
			"agent_api_key": schema.StringAttribute{Computed: true, Sensitive: true,
				MarkdownDescription: descAgentAPIKey, PlanModifiers: keepString},
			"active_agent_count": schema.Int64Attribute{Computed: true, MarkdownDescription: descActiveAgentCount, PlanModifiers: keepInt},
			"host_counts": schema.SingleNestedAttribute{Computed: true, MarkdownDescription: descHostCounts,
				Attributes:    hostCounts,
				PlanModifiers: []planmodifier.Object{objectplanmodifier.UseStateForUnknown()}},
			"last_active_agent": schema.StringAttribute{Computed: true, MarkdownDescription: descLastActiveAgent, PlanModifiers: keepString},
			"public_api_enabled": schema.BoolAttribute{Computed: true, MarkdownDescription: descPublicAPIEnabled,
				PlanModifiers: []planmodifier.Bool{boolplanmodifier.UseStateForUnknown()}},
			"replica_set_count": schema.Int64Attribute{Computed: true, MarkdownDescription: descReplicaSetCount, PlanModifiers: keepInt},
			"shard_count":       schema.Int64Attribute{Computed: true, MarkdownDescription: descShardCount, PlanModifiers: keepInt},
			"tags": schema.ListAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: descTags,
				PlanModifiers: []planmodifier.List{listplanmodifier.UseStateForUnknown()}},
		},
	}
}

func dataSourceSchema() dsschema.Schema {
	exactlyOne := stringvalidator.ExactlyOneOf(path.MatchRoot("project_id"), path.MatchRoot("name"))
	hostCounts := map[string]dsschema.Attribute{}
	for _, name := range hostCountNames {
		hostCounts[name] = dsschema.Int64Attribute{Computed: true, MarkdownDescription: hostCountDescription(name)}
	}
	return dsschema.Schema{
		MarkdownDescription: "Reads one Cloud Manager or Ops Manager project, by id or by name. For Atlas projects use the `mongodbatlas_project` data source.",
		Attributes: map[string]dsschema.Attribute{
			"project_id": dsschema.StringAttribute{Optional: true, Computed: true,
				MarkdownDescription: "Id of the project to read. Set exactly one of `project_id` and `name`.",
				Validators:          []validator.String{validate.HexID(), exactlyOne}},
			"name": dsschema.StringAttribute{Optional: true, Computed: true,
				MarkdownDescription: "Name of the project to read. Set exactly one of `project_id` and `name`."},
			"id":                 dsschema.StringAttribute{Computed: true, MarkdownDescription: descID},
			"org_id":             dsschema.StringAttribute{Computed: true, MarkdownDescription: descOrgID},
			"agent_api_key":      dsschema.StringAttribute{Computed: true, Sensitive: true, MarkdownDescription: descAgentAPIKey},
			"active_agent_count": dsschema.Int64Attribute{Computed: true, MarkdownDescription: descActiveAgentCount},
			"host_counts":        dsschema.SingleNestedAttribute{Computed: true, MarkdownDescription: descHostCounts, Attributes: hostCounts},
			"last_active_agent":  dsschema.StringAttribute{Computed: true, MarkdownDescription: descLastActiveAgent},
			"public_api_enabled": dsschema.BoolAttribute{Computed: true, MarkdownDescription: descPublicAPIEnabled},
			"replica_set_count":  dsschema.Int64Attribute{Computed: true, MarkdownDescription: descReplicaSetCount},
			"shard_count":        dsschema.Int64Attribute{Computed: true, MarkdownDescription: descShardCount},
			"tags":               dsschema.ListAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: descTags},
		},
	}
}
