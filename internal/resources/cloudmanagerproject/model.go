package cloudmanagerproject

import (
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/atlas"
	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/resources/tfvalue"
)

// computedModel holds the attributes that only Cloud Manager sets; the
// resource and the data source share them.
type computedModel struct {
	AgentAPIKey      types.String `tfsdk:"agent_api_key"`
	ActiveAgentCount types.Int64  `tfsdk:"active_agent_count"`
	HostCounts       types.Object `tfsdk:"host_counts"`
	LastActiveAgent  types.String `tfsdk:"last_active_agent"`
	PublicAPIEnabled types.Bool   `tfsdk:"public_api_enabled"`
	ReplicaSetCount  types.Int64  `tfsdk:"replica_set_count"`
	ShardCount       types.Int64  `tfsdk:"shard_count"`
	Tags             types.List   `tfsdk:"tags"`
}

type resourceModel struct {
	ID             types.String `tfsdk:"id"`
	Name           types.String `tfsdk:"name"`
	OrgID          types.String `tfsdk:"org_id"`
	ProjectOwnerID types.String `tfsdk:"project_owner_id"`
	computedModel
}

type dataSourceModel struct {
	ProjectID types.String `tfsdk:"project_id"`
	Name      types.String `tfsdk:"name"`
	ID        types.String `tfsdk:"id"`
	OrgID     types.String `tfsdk:"org_id"`
	computedModel
}

// applyProject copies what Cloud Manager reports into the resource model.
// project_owner_id is not part of the answer and keeps its value.
func (m *resourceModel) applyProject(p *atlas.CloudManagerProject) {
	m.ID = types.StringValue(p.ID)
	m.Name = types.StringValue(p.Name)
	m.OrgID = types.StringValue(p.OrgID)
	m.computedModel = computedFromAPI(p, m.AgentAPIKey)
}

// computedFromAPI converts the Cloud Manager answer. The agent API key is a
// secret that some releases only return on create: when the answer leaves it
// out, priorKey (the value in state) is kept; an unknown prior becomes null.
func computedFromAPI(p *atlas.CloudManagerProject, priorKey types.String) computedModel {
	key := priorKey
	if p.AgentAPIKey != "" {
		key = types.StringValue(p.AgentAPIKey)
	} else if key.IsUnknown() {
		key = types.StringNull()
	}
	return computedModel{
		AgentAPIKey:      key,
		ActiveAgentCount: types.Int64Value(p.ActiveAgentCount),
		HostCounts:       hostCountsValue(p.HostCounts),
		LastActiveAgent:  tfvalue.OptionalString(p.LastActiveAgent),
		PublicAPIEnabled: types.BoolValue(p.PublicAPIEnabled),
		ReplicaSetCount:  types.Int64Value(p.ReplicaSetCount),
		ShardCount:       types.Int64Value(p.ShardCount),
		Tags:             tagsValue(p.Tags),
	}
}

func hostCountsValue(h atlas.CloudManagerHostCounts) types.Object {
	counts := map[string]int64{
		"arbiter": h.Arbiter, "config": h.Config, "master": h.Master, "mongos": h.Mongos,
		"primary": h.Primary, "secondary": h.Secondary, "slave": h.Slave,
	}
	values := make(map[string]attr.Value, len(hostCountNames))
	for _, name := range hostCountNames {
		n, known := counts[name]
		if !known {
			panic(fmt.Sprintf("host count %q has no conversion", name)) // caught by the unit tests
		}
		values[name] = types.Int64Value(n)
	}
	return types.ObjectValueMust(hostCountsType.AttrTypes, values)
}

// tagsValue is always a list: a missing tags field shows as [], as Cloud Manager does.
func tagsValue(tags []string) types.List {
	elems := make([]attr.Value, 0, len(tags))
	for _, t := range tags {
		elems = append(elems, types.StringValue(t))
	}
	return types.ListValueMust(types.StringType, elems)
}
